/** Runs in the child next to the student's code for 02-mnist-random-forest. */
import { readAnswers } from '../../src/child/kit/concepts-driver.ts';
import { defineDriver, InvalidSubmissionError } from '../../src/child/driver-api.ts';

/** What bestSplit returned, made plain: null, a split, or a description of something else. */
export type SplitOutcome = null | { threshold: unknown; leftCount: unknown; rightCount: unknown; impurityDecrease: unknown } | { invalid: string };

type BestSplit = (values: ArrayLike<number>, labels: ArrayLike<number>, nClasses: number) => unknown;

function plainSplit(value: unknown): SplitOutcome {
  if (value === null) return null;
  if (typeof value !== 'object') return { invalid: value === undefined ? 'undefined' : `${typeof value} ${String(value)}` };
  const s = value as Record<string, unknown>;
  return { threshold: s['threshold'], leftCount: s['leftCount'], rightCount: s['rightCount'], impurityDecrease: s['impurityDecrease'] };
}

interface Forest {
  serialize(): unknown;
}

export const driver = defineDriver({
  gini(ctx, args: { cases: number[][] }) {
    const giniImpurity = ctx.fn<(counts: ArrayLike<number>) => unknown>('giniImpurity');
    return args.cases.map((counts) => {
      const value = giniImpurity(counts.slice());
      return typeof value === 'number' ? value : `${typeof value} ${String(value)}`;
    });
  },

  split(ctx, args: { cases: { values: number[]; labels: number[]; nClasses: number }[] }) {
    const bestSplit = ctx.fn<BestSplit>('bestSplit');
    return args.cases.map((c) => plainSplit(bestSplit(c.values.slice(), c.labels.slice(), c.nClasses)));
  },

  'split-pixels'(ctx, args: { pixels: number[]; count: number }) {
    const bestSplit = ctx.fn<BestSplit>('bestSplit');
    const images = ctx.readData('train-images.u8');
    const labels = ctx.readData('train-labels.u8').slice(0, args.count);
    return args.pixels.map((p) => {
      const column = new Uint8Array(args.count);
      for (let i = 0; i < args.count; i++) column[i] = images[i * 784 + p]!;
      return plainSplit(bestSplit(column, labels.slice(), 10));
    });
  },

  /**
   * Trains the student's forest on the first `count` staged training images with the labels in `labels` and
   * sends it back in the forest's own serialized form: the grader decodes it and predicts with it itself.
   */
  train(ctx, args: { count: number; labels: string }) {
    const images = ctx.readData('train-images.u8').slice(0, args.count * 784);
    const labels = ctx.readData(args.labels).slice(0, args.count);
    const forest = ctx.fn<(images: Uint8Array, labels: Uint8Array, seed: number) => unknown>('trainForest')(images, labels, ctx.seed);
    if (typeof (forest as Partial<Forest> | null)?.serialize !== 'function') {
      const found = forest === null ? 'null' : typeof forest;
      throw new InvalidSubmissionError({
        en: `trainForest must return the trained forest (a RandomForestClassifier), but it returned ${found}.`,
        nb: `trainForest må returnere den trente skogen (en RandomForestClassifier), men den returnerte ${found}.`,
      });
    }
    return (forest as Forest).serialize();
  },

  answers: readAnswers,
});
