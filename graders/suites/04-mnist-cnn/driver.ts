/** Runs in the child next to the student's code for 04-mnist-cnn: builds, trains, predicts. */
import type * as tfType from '@tensorflow/tfjs';
import { builtModel, describeModel, lossHistory, predictPixels } from '../../src/kit/layers-driver.ts';
import { defineDriver, InvalidSubmissionError } from '../../src/sandbox/driver-api.ts';

type Build = () => tfType.LayersModel;
type Train = (model: tfType.LayersModel, train: { xs: tfType.Tensor4D; ys: tfType.Tensor2D }) => Promise<unknown>;

export const driver = defineDriver({
  build(ctx) {
    ctx.reseed('build');
    const m = ctx.fn<Build>('buildModel')();
    const description = describeModel(m, 'buildModel');
    ctx.state.set('model', m);
    return description;
  },

  async train(ctx, args: { count: number }) {
    const { tf } = ctx;
    const m = builtModel(ctx.state);
    const pixels = ctx.readData('train-images.u8');
    const labels = ctx.readData('train-labels.u8');
    const scaled = new Float32Array(args.count * 784);
    for (let i = 0; i < scaled.length; i++) scaled[i] = pixels[i]! / 255;
    const xs = tf.tensor4d(scaled, [args.count, 28, 28, 1]);
    const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(labels.subarray(0, args.count), 'int32'), 10).toFloat() as tfType.Tensor2D);
    ctx.reseed('train');
    const before = tf.memory().numTensors;
    try {
      const returned = await ctx.fn<Train>('trainModel')(m, { xs, ys });
      return { history: lossHistory(returned) ?? null, tensorsAfter: tf.memory().numTensors - before };
    } finally {
      xs.dispose();
      ys.dispose();
    }
  },

  /** The first convolution layer's kernel, for the filters picture. */
  filters(ctx) {
    const layer = builtModel(ctx.state).layers.find((l) => l.getClassName() === 'Conv2D');
    const kernel = layer?.getWeights()[0];
    return kernel ? { shape: kernel.shape, values: Array.from(kernel.dataSync()) } : null;
  },

  predict(ctx, args: { file: string; count: number }) {
    return predictPixels(builtModel(ctx.state), ctx.readData(args.file), args.count, [28, 28, 1]);
  },
});
