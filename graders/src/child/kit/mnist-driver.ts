/**
 * Driver-side tasks (they run in the child) that the MNIST exercises training a TF.js model share (03's MLP
 * with inputs [784], 04's CNN with inputs [28, 28, 1]): build the student's model and train it on the staged
 * training images. Each task sends the model back as data (its layers and weights); the grader rebuilds it
 * and runs every prediction itself, on images the child never sees.
 */
import type * as tfType from '@tensorflow/tfjs';
import type { DriverContext } from '../driver-api.ts';
import { builtModel, expectLayersModel, exportModel, lossHistory } from './layers-driver.ts';

type Build = () => tfType.LayersModel;
type Train = (model: tfType.LayersModel, train: { xs: tfType.Tensor; ys: tfType.Tensor2D }) => Promise<unknown>;

/** The build and train tasks for a model whose input is one 28x28 image in `shape`. */
export function mnistModelTasks(shape: number[]) {
  return {
    async build(ctx: DriverContext) {
      ctx.reseed('build');
      const m = expectLayersModel(ctx.fn<Build>('buildModel')(), 'buildModel');
      ctx.state.set('model', m);
      return exportModel(m);
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
      try {
        const returned = await ctx.fn<Train>('trainModel')(m, { xs, ys });
        return { history: lossHistory(returned) ?? null, model: await exportModel(m) };
      } finally {
        xs.dispose();
        ys.dispose();
      }
    },
  };
}
