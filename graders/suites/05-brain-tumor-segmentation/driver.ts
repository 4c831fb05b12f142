/**
 * Runs in the child next to the student's code for 05-brain-tumor-segmentation. Training images and label
 * maps are staged; the held-out slices stay in the grader, which segments them with the model the child sends.
 */
import type * as tfType from '@tensorflow/tfjs';
import { readAnswers } from '../../src/child/kit/concepts-driver.ts';
import { builtModel, expectLayersModel, exportModel, lossHistory } from '../../src/child/kit/layers-driver.ts';
import { defineDriver, InvalidSubmissionError, isStubSentinel, outcome } from '../../src/child/driver-api.ts';

export type { Outcome } from '../../src/child/driver-api.ts';

/** A staged file of float32 values (copied, so that the view is aligned). */
function floats(bytes: Uint8Array): Float32Array {
  return new Float32Array(bytes.slice().buffer);
}

export interface LossCase {
  shape: [number, number, number, number];
  yTrue: Float32Array;
  yPred: Float32Array;
}

export interface LossOutcome {
  value: number;
  /** Norm of the gradient with respect to yPred, and whether every entry is finite. */
  gradientNorm: number;
  gradientFinite: boolean;
  /** Why TF.js could not compute the gradient at all. */
  gradientError?: string;
}

type Model = tfType.LayersModel;

export const driver = defineDriver({
  async loss(ctx, args: { cases: LossCase[] }) {
    const { tf } = ctx;
    const softDiceLoss = ctx.fn<(yTrue: tfType.Tensor, yPred: tfType.Tensor) => unknown>('softDiceLoss');
    return Promise.all(
      args.cases.map((c) =>
        outcome((): LossOutcome => {
          const yTrue = tf.tensor4d(c.yTrue, c.shape);
          const yPred = tf.tensor4d(c.yPred, c.shape);
          try {
            const returned = softDiceLoss(yTrue, yPred);
            if (!(returned instanceof tf.Tensor)) {
              const found = returned === undefined ? 'undefined' : typeof returned;
              throw new InvalidSubmissionError({
                en: `Expected softDiceLoss to return a tf.Scalar, but it returned ${found}.`,
                nb: `Forventet at softDiceLoss returnerer en tf.Scalar, men den returnerte ${found}.`,
              });
            }
            if (returned.size !== 1) {
              const shape = returned.shape.join(', ');
              throw new InvalidSubmissionError({
                en: `Expected softDiceLoss to return one number (a tf.Scalar), but it returned a tensor of shape [${shape}].`,
                nb: `Forventet at softDiceLoss returnerer ett tall (en tf.Scalar), men den returnerte en tensor med form [${shape}].`,
              });
            }
            const value = returned.dataSync()[0]!;
            returned.dispose();
            let g: ArrayLike<number>;
            try {
              const gradient = tf.grad((p: tfType.Tensor) => softDiceLoss(yTrue, p) as tfType.Tensor)(yPred);
              g = gradient.dataSync();
              gradient.dispose();
            } catch (error) {
              if (isStubSentinel(error)) throw error;
              return { value, gradientNorm: 0, gradientFinite: true, gradientError: error instanceof Error ? error.message : String(error) };
            }
            let norm = 0;
            let finite = true;
            for (const v of Array.from(g)) {
              if (!Number.isFinite(v)) finite = false;
              else norm += v * v;
            }
            return { value, gradientNorm: Math.sqrt(norm), gradientFinite: finite };
          } finally {
            yTrue.dispose();
            yPred.dispose();
          }
        }),
      ),
    );
  },

  async dice(ctx, args: { cases: { predicted: Uint8Array; truth: Uint8Array; label: number }[] }) {
    const diceScore = ctx.fn<(p: Uint8Array, t: Uint8Array, label: number) => unknown>('diceScore');
    return Promise.all(args.cases.map((c) => outcome(() => diceScore(c.predicted.slice(), c.truth.slice(), c.label))));
  },

  async build(ctx, args: { size: number; channels: number; classes: number }) {
    ctx.reseed('build');
    const m = expectLayersModel(
      ctx.fn<(size: number, channels: number, classes: number) => unknown>('buildUnet')(args.size, args.channels, args.classes),
      'buildUnet',
    );
    ctx.state.set('model', m);
    return exportModel(m);
  },

  async train(ctx, args: { count: number; size: number; channels: number; classes: number }) {
    const { tf } = ctx;
    const m = builtModel(ctx.state);
    const images = floats(ctx.readData('train-images.f32'));
    const labels = ctx.readData('train-labels.u8');
    const xs = tf.tensor4d(images, [args.count, args.size, args.size, args.channels]);
    const ys = tf.tidy(
      () => tf.oneHot(tf.tensor1d(labels, 'int32'), args.classes).toFloat().reshape([args.count, args.size, args.size, args.classes]) as tfType.Tensor4D,
    );
    ctx.reseed('train');
    try {
      const returned = await ctx.fn<(m: Model, xs: tfType.Tensor4D, ys: tfType.Tensor4D) => Promise<unknown>>('trainUnet')(m, xs, ys);
      return { history: lossHistory(returned) ?? null, model: await exportModel(m) };
    } finally {
      xs.dispose();
      ys.dispose();
    }
  },

  answers: readAnswers,
});
