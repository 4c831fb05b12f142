/**
 * Driver-side tasks (they run in the child) that the MNIST exercises training a TF.js model share (03's MLP
 * with inputs [784], 04's CNN with inputs [28, 28, 1]): build the student's model, train it on the staged
 * training images, and predict staged images.
 */
import type * as tfType from '@tensorflow/tfjs';
import type { DriverContext } from '../sandbox/driver-api.ts';
import { builtModel, describeModel, lossHistory, predictPixels } from './layers-driver.ts';

type Build = () => tfType.LayersModel;
type Train = (model: tfType.LayersModel, train: { xs: tfType.Tensor; ys: tfType.Tensor2D }) => Promise<unknown>;

/** The build, train and predict tasks for a model whose input is one 28x28 image in `shape`. */
export function mnistModelTasks(shape: number[]) {
  return {
    build(ctx: DriverContext) {
      ctx.reseed('build');
      const m = ctx.fn<Build>('buildModel')();
      const description = describeModel(m, 'buildModel');
      ctx.state.set('model', m);
      return description;
    },

    async train(ctx: DriverContext, args: { count: number }) {
      const { tf } = ctx;
      const m = builtModel(ctx.state);
      const pixels = ctx.readData('train-images.u8');
      const labels = ctx.readData('train-labels.u8');
      const scaled = new Float32Array(args.count * 784);
      for (let i = 0; i < scaled.length; i++) scaled[i] = pixels[i]! / 255;
      const xs = tf.tensor(scaled, [args.count, ...shape]);
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

    predict(ctx: DriverContext, args: { file: string; count: number }) {
      return predictPixels(builtModel(ctx.state), ctx.readData(args.file), args.count, shape);
    },
  };
}
