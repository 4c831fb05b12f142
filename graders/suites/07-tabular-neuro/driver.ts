/**
 * Runs in the child next to the student's code for 07-tabular-neuro. The child gets the cohort rows with
 * the held-out rows' CDR removed; diagnoses of held-out rows stay in the grader, which runs the model the
 * child sends on the held-out rows itself.
 */
import type * as tfType from '@tensorflow/tfjs';
import { readAnswers } from '../../src/child/kit/concepts-driver.ts';
import { builtModel, expectLayersModel, exportModel, lossHistory } from '../../src/child/kit/layers-driver.ts';
import { defineDriver, InvalidSubmissionError, outcome } from '../../src/child/driver-api.ts';

export type { Outcome } from '../../src/child/driver-api.ts';

export interface PlainPrepared {
  features: Float32Array;
  columns: string[];
}

export interface SensCase {
  scores: number[];
  labels: number[];
  target: number;
}

export interface ImportanceCase {
  features: Float32Array;
  labels: number[];
  columns: number;
  column: number;
  seed: number;
  /** The crafted predictor scores each row by this column's value. */
  uses: number;
}

type Model = tfType.LayersModel;

export const driver = defineDriver({
  prepare(ctx, args: { rows: unknown[]; trainRows: number[] }) {
    const prepare = ctx.fn<(rows: unknown[], trainRows: number[]) => unknown>('prepare');
    const result = prepare(structuredClone(args.rows), args.trainRows.slice()) as { features?: unknown; columns?: unknown } | null;
    if (!result || typeof result !== 'object') {
      const found = result === null ? 'null' : typeof result;
      throw new InvalidSubmissionError({
        en: `Expected prepare to return { features, columns }, but it returned ${found}.`,
        nb: `Forventet at prepare returnerer { features, columns }, men den returnerte ${found}.`,
      });
    }
    if (!Array.isArray(result.columns)) {
      throw new InvalidSubmissionError({
        en: `Expected prepare's columns to be an array of column names, but it was ${typeof result.columns}.`,
        nb: `Forventet at columns fra prepare er en tabell med kolonnenavn, men den var ${typeof result.columns}.`,
      });
    }
    if (!(result.features instanceof Float32Array) && !(result.features instanceof Float64Array) && !Array.isArray(result.features)) {
      const found = result.features === null ? 'null' : typeof result.features;
      throw new InvalidSubmissionError({
        en: `Expected prepare's features to be a Float32Array, but it was ${found}.`,
        nb: `Forventet at features fra prepare er en Float32Array, men den var ${found}.`,
      });
    }
    return { features: Float32Array.from(result.features as ArrayLike<number>), columns: result.columns.map(String) } satisfies PlainPrepared;
  },

  async 'sens-at-spec'(ctx, args: { cases: SensCase[] }) {
    const fn = ctx.fn<(scores: number[], labels: number[], target: number) => unknown>('sensitivityAtSpecificity');
    const out = [];
    for (const c of args.cases) {
      out.push(
        await outcome(() => {
          const point = fn(c.scores.slice(), c.labels.slice(), c.target) as Record<string, unknown> | null;
          return { threshold: point?.['threshold'], sensitivity: point?.['sensitivity'], specificity: point?.['specificity'] };
        }),
      );
    }
    return out;
  },

  async importance(ctx, args: { cases: ImportanceCase[] }) {
    const fn =
      ctx.fn<(predict: (f: Float32Array) => Float32Array, features: Float32Array, labels: number[], columns: number, column: number, seed: number) => unknown>(
        'permutationImportance',
      );
    const out = [];
    for (const c of args.cases) {
      const features = c.features.slice();
      const predict = (f: Float32Array) => {
        const rows = f.length / c.columns;
        const scores = new Float32Array(rows);
        for (let r = 0; r < rows; r++) scores[r] = f[r * c.columns + c.uses]!;
        return scores;
      };
      const result = await outcome(async () => Number(await fn(predict, features, c.labels.slice(), c.columns, c.column, c.seed)));
      const unchanged = features.every((v, i) => v === c.features[i]);
      out.push({ result, unchanged });
    }
    return out;
  },

  async build(ctx, args: { inputs: number }) {
    ctx.reseed('build');
    const m = expectLayersModel(ctx.fn<(inputs: number) => unknown>('buildModel')(args.inputs), 'buildModel');
    ctx.state.set('model', m);
    return exportModel(m);
  },

  async train(ctx, args: { xs: Float32Array; ys: Uint8Array; columns: number }) {
    const { tf } = ctx;
    const m = builtModel(ctx.state);
    const n = args.ys.length;
    const xs = tf.tensor2d(args.xs, [n, args.columns]);
    const ys = tf.tensor2d(Float32Array.from(args.ys), [n, 1]);
    ctx.reseed('train');
    try {
      const returned = await ctx.fn<(m: Model, xs: tfType.Tensor2D, ys: tfType.Tensor2D) => Promise<unknown>>('trainModel')(m, xs, ys);
      return { history: lossHistory(returned) ?? null, model: await exportModel(m) };
    } finally {
      xs.dispose();
      ys.dispose();
    }
  },

  answers: readAnswers,
});
