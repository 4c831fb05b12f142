/**
 * Runs in the child next to the student's code for 00-from-python: calls the array and tensor functions on
 * the grader's inputs, builds and trains the model on the staged training patients, and sends the model back
 * as data. The held-out patients never reach the child.
 */
import type * as tfType from '@tensorflow/tfjs';
import { readAnswers } from '../../src/child/kit/concepts-driver.ts';
import { builtModel, expectLayersModel, exportModel, lossHistory } from '../../src/child/kit/layers-driver.ts';
import { defineDriver, outcome } from '../../src/child/driver-api.ts';

export type { Outcome } from '../../src/child/driver-api.ts';

const ArrayIsArray = Array.isArray;

/** A value made plain for the grader: a number, or a word for what it is when it is not one. */
const plainNumber = (v: unknown): number | string => (typeof v === 'number' ? v : v === undefined ? 'undefined' : v === null ? 'null' : typeof v);

export const driver = defineDriver({
  async 'mean-std'(ctx, args: { cases: number[][] }) {
    const meanAndStd = ctx.fn<(values: number[]) => unknown>('meanAndStd');
    const out = [];
    for (const values of args.cases) {
      out.push(
        await outcome(() => {
          const stats = meanAndStd(values.slice()) as { mean?: unknown; std?: unknown } | null | undefined;
          return typeof stats === 'object' && stats !== null
            ? { mean: plainNumber(stats.mean), std: plainNumber(stats.std) }
            : { mean: plainNumber(stats), std: plainNumber(stats) };
        }),
      );
    }
    return out;
  },

  async float32(ctx, args: { cases: number[][][] }) {
    const toFloat32 = ctx.fn<(rows: number[][]) => unknown>('toFloat32');
    const out = [];
    for (const rows of args.cases) {
      out.push(
        await outcome(() => {
          const values = toFloat32(rows.map((r) => r.slice()));
          return values instanceof Float32Array
            ? { type: 'Float32Array', values: Array.from(values) }
            : { type: ArrayIsArray(values) ? 'Array' : values === null ? 'null' : typeof values, values: [] };
        }),
      );
    }
    return out;
  },

  async affine(ctx, args: { cases: { x: number[][]; w: number[][]; b: number[] }[] }) {
    const affine = ctx.fn<(x: number[][], w: number[][], b: number[]) => unknown>('affine');
    const out = [];
    for (const c of args.cases) {
      out.push(
        await outcome(async () => {
          const y = await affine(
            c.x.map((r) => r.slice()),
            c.w.map((r) => r.slice()),
            c.b.slice(),
          );
          if (!ArrayIsArray(y)) return { rows: null, type: y instanceof Promise ? 'Promise' : y === null ? 'null' : typeof y };
          return { rows: y.map((row: unknown) => (ArrayIsArray(row) ? row.map(plainNumber) : [plainNumber(row)])), type: 'Array' };
        }),
      );
    }
    return out;
  },

  async build(ctx) {
    ctx.reseed('build');
    const m = expectLayersModel(ctx.fn<() => unknown>('buildModel')(), 'buildModel');
    ctx.state.set('model', m);
    return exportModel(m);
  },

  async train(ctx, args: { count: number }) {
    const { tf } = ctx;
    const m = builtModel(ctx.state);
    const features = new Float32Array(ctx.readData('train-features.f32').slice().buffer);
    const labels = ctx.readData('train-labels.u8');
    const xs = tf.tensor2d(features.subarray(0, args.count * 2), [args.count, 2]);
    const ys = tf.tensor2d(Float32Array.from(labels.subarray(0, args.count)), [args.count, 1]);
    ctx.reseed('train');
    try {
      const returned = await ctx.fn<(model: tfType.LayersModel, data: { xs: tfType.Tensor2D; ys: tfType.Tensor2D }) => Promise<unknown>>('trainModel')(m, {
        xs,
        ys,
      });
      return { history: lossHistory(returned) ?? null, model: await exportModel(m) };
    } finally {
      xs.dispose();
      ys.dispose();
    }
  },

  answers: readAnswers,
});
