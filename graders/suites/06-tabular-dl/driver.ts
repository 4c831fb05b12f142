/**
 * Runs in the child next to the student's code for 06-tabular-dl. The child gets features and training
 * labels; test labels stay in the grader, which runs the MLP the child sends on the held-out rows itself.
 */
import type * as tfType from '@tensorflow/tfjs';
import { readAnswers } from '../../src/child/kit/concepts-driver.ts';
import { builtModel, expectLayersModel, exportModel, lossHistory } from '../../src/child/kit/layers-driver.ts';
import { defineDriver, InvalidSubmissionError, outcome } from '../../src/child/driver-api.ts';

export type { Outcome } from '../../src/child/driver-api.ts';

/** A number array made plain: numbers stay, anything else is described. */
function numbers(value: unknown, what: string): number[] {
  if (!Array.isArray(value) && !ArrayBuffer.isView(value)) {
    const found = value === undefined ? 'undefined' : value === null ? 'null' : typeof value;
    throw new InvalidSubmissionError({
      en: `Expected ${what} to be an array of numbers, but it was ${found}.`,
      nb: `Forventet at ${what} er en tabell med tall, men den var ${found}.`,
    });
  }
  return Array.from(value as ArrayLike<unknown>, (v) => (typeof v === 'number' ? v : Number.NaN));
}

export interface SplitCase {
  labels: number[];
  fraction: number;
  seed: number;
}

export interface PlainStandardized {
  scaled: number[];
  mean: number[];
  std: number[];
}

export interface MetricCase {
  probabilities: number[];
  labels: number[];
  threshold?: number;
}

type Model = tfType.LayersModel;

export const driver = defineDriver({
  async split(ctx, args: { cases: SplitCase[] }) {
    const stratifiedSplit = ctx.fn<(labels: number[], fraction: number, seed: number) => unknown>('stratifiedSplit');
    return Promise.all(
      args.cases.map((c) =>
        outcome(() => {
          const split = stratifiedSplit(c.labels.slice(), c.fraction, c.seed) as { train?: unknown; test?: unknown } | null;
          if (!split || typeof split !== 'object') {
            const found = split === null ? 'null' : typeof split;
            throw new InvalidSubmissionError({
              en: `Expected stratifiedSplit to return { train, test }, but it returned ${found}.`,
              nb: `Forventet at stratifiedSplit returnerer { train, test }, men den returnerte ${found}.`,
            });
          }
          return { train: numbers(split.train, 'split.train'), test: numbers(split.test, 'split.test') };
        }),
      ),
    );
  },

  standardize(ctx, args: { features: Float32Array; rows: number; columns: number; trainRows: number[] }) {
    const standardize = ctx.fn<(table: { features: Float32Array; rows: number; columns: number }, trainRows: number[]) => unknown>('standardize');
    const result = standardize({ features: args.features.slice(), rows: args.rows, columns: args.columns }, args.trainRows.slice()) as Partial<
      Record<keyof PlainStandardized, unknown>
    > | null;
    if (!result || typeof result !== 'object') {
      const found = result === null ? 'null' : typeof result;
      throw new InvalidSubmissionError({
        en: `Expected standardize to return { scaled, mean, std }, but it returned ${found}.`,
        nb: `Forventet at standardize returnerer { scaled, mean, std }, men den returnerte ${found}.`,
      });
    }
    return { scaled: numbers(result.scaled, 'scaled'), mean: numbers(result.mean, 'mean'), std: numbers(result.std, 'std') } satisfies PlainStandardized;
  },

  async auc(ctx, args: { cases: MetricCase[] }) {
    const rocAuc = ctx.fn<(scores: number[], labels: number[]) => unknown>('rocAuc');
    return Promise.all(args.cases.map((c) => outcome(() => rocAuc(c.probabilities.slice(), c.labels.slice()))));
  },

  async threshold(ctx, args: { cases: MetricCase[] }) {
    const thresholdMetrics = ctx.fn<(p: number[], labels: number[], threshold?: number) => unknown>('thresholdMetrics');
    return Promise.all(
      args.cases.map((c) =>
        outcome(() => {
          const m = (
            c.threshold === undefined
              ? thresholdMetrics(c.probabilities.slice(), c.labels.slice())
              : thresholdMetrics(c.probabilities.slice(), c.labels.slice(), c.threshold)
          ) as Record<string, unknown> | null;
          return { accuracy: m?.['accuracy'], sensitivity: m?.['sensitivity'], specificity: m?.['specificity'] };
        }),
      ),
    );
  },

  async brier(ctx, args: { cases: MetricCase[] }) {
    const brierScore = ctx.fn<(p: number[], labels: number[]) => unknown>('brierScore');
    return Promise.all(args.cases.map((c) => outcome(() => brierScore(c.probabilities.slice(), c.labels.slice()))));
  },

  async 'mlp-build'(ctx, args: { inputs: number; fold: number }) {
    ctx.reseed(`build-${args.fold}`);
    const model = expectLayersModel(ctx.fn<(inputs: number) => unknown>('buildMlp')(args.inputs), 'buildMlp');
    ctx.state.set('mlp', model);
    return exportModel(model);
  },

  async 'mlp-train'(ctx, args: { xs: Float32Array; ys: Uint8Array; columns: number; fold: number }) {
    const { tf } = ctx;
    const model = builtModel(ctx.state, 'mlp');
    const n = args.ys.length;
    const xs = tf.tensor2d(args.xs, [n, args.columns]);
    const ys = tf.tensor2d(Float32Array.from(args.ys), [n, 1]);
    ctx.reseed(`train-${args.fold}`);
    try {
      const returned = await ctx.fn<(m: Model, xs: tfType.Tensor2D, ys: tfType.Tensor2D) => Promise<unknown>>('trainMlp')(model, xs, ys);
      const sent = { history: lossHistory(returned) ?? null, model: await exportModel(model) };
      model.dispose();
      ctx.state.delete('mlp');
      return sent;
    } finally {
      xs.dispose();
      ys.dispose();
    }
  },

  'in-context'(ctx, args: { runs: { contextX: Float32Array; contextY: Uint8Array; queryX: Float32Array; columns: number }[] }) {
    const inContextPredict = ctx.fn<(cx: Float32Array, cy: number[], qx: Float32Array, columns: number) => unknown>('inContextPredict');
    return args.runs.map((run) => {
      const p = numbers(inContextPredict(run.contextX.slice(), Array.from(run.contextY), run.queryX.slice(), run.columns), 'inContextPredict(...)');
      if (p.length !== run.queryX.length / run.columns) {
        const rows = run.queryX.length / run.columns;
        throw new InvalidSubmissionError({
          en: `Expected inContextPredict to return one probability per query row (${rows}), but it returned ${p.length}.`,
          nb: `Forventet at inContextPredict returnerer én sannsynlighet per spørrerad (${rows}), men den returnerte ${p.length}.`,
        });
      }
      return p;
    });
  },

  answers: readAnswers,
});
