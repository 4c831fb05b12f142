/**
 * Hidden suite of 02-mnist-random-forest. Check ids and points are in exercises/02-mnist-random-forest/exercise.json.
 * Expected impurities and splits come from the project's own forest code (runtime/random-forest), run here
 * in the grader; the forest's accuracy is measured here against test labels the child never sees.
 */
import { bestSplit as referenceSplit, giniImpurity as referenceGini, type Split } from '../../../runtime/random-forest.ts';
import { createRandom, deriveSeed } from '../../../runtime/seed.ts';
import { beforeAll, check, fail, gradingContext, pictures, settled, t, useSubmission, type Localized } from '../../src/harness.ts';
import { stageMnist, type StagedMnist } from '../../src/kit/mnist-suite.ts';
import type { SplitOutcome } from './driver.ts';

const submission = useSubmission();
const { seed, thresholds } = gradingContext();
const MIN_ACCURACY = thresholds['test-accuracy']!.value;
const TOLERANCE = thresholds['impurity-tolerance']!.value;
/** The forest trains on the first 10,000 training images (enough for a strong forest in a few minutes). */
const TRAIN_COUNT = 10_000;
/** Pixels whose split is checked on real data: the centre, near the edge, and a few drawn with the seed. */
const random = createRandom(deriveSeed(seed, 'pixels'));
const PIXELS = [14 * 28 + 14, 5 * 28 + 20, ...Array.from({ length: 3 }, () => 100 + Math.floor(random() * 584))];

let data: StagedMnist;
beforeAll(async () => {
  data = await stageMnist(submission, 1);
});

const giniCases = [[5, 0], [5, 5], [3, 1], [1, 1, 1, 1], [0, 0, 0], [2, 7, 1], [0, 4, 0, 6], [100]];

/** Small features: clean groups, a noisy mix, unsorted values, three classes, ties between thresholds. */
function splitCases(): { what: Localized; values: number[]; labels: number[]; nClasses: number }[] {
  const r = createRandom(deriveSeed(seed, 'split-cases'));
  const noisyValues = Array.from({ length: 40 }, () => Math.floor(r() * 12));
  return [
    { what: { en: 'two clean groups', nb: 'to rene grupper' }, values: [1, 2, 3, 4], labels: [0, 0, 1, 1], nClasses: 2 },
    { what: { en: 'unsorted values with repeats', nb: 'usorterte verdier med gjentakelser' }, values: [3, 1, 2, 2, 5], labels: [1, 0, 0, 1, 1], nClasses: 2 },
    { what: { en: 'three classes', nb: 'tre klasser' }, values: [10, 20, 30, 40, 50, 60], labels: [0, 0, 1, 1, 2, 2], nClasses: 3 },
    { what: { en: 'two equally good thresholds (take the smaller)', nb: 'to like gode terskler (ta den minste)' }, values: [1, 2, 3], labels: [0, 1, 0], nClasses: 2 },
    { what: { en: 'a label that never occurs (nClasses 4)', nb: 'en etikett som aldri forekommer (nClasses 4)' }, values: [0, 255, 128, 64], labels: [3, 0, 3, 0], nClasses: 4 },
    {
      what: { en: 'a noisy feature of 40 samples', nb: 'en støyete variabel med 40 eksempler' },
      values: noisyValues,
      labels: noisyValues.map((v) => (v + Math.floor(r() * 4) > 6 ? 1 : 0)),
      nClasses: 2,
    },
  ];
}
const smallCases = splitCases();
const noSplitCases: { what: Localized; values: number[]; labels: number[]; nClasses: number }[] = [
  { what: { en: 'a constant feature', nb: 'en konstant variabel' }, values: [7, 7, 7, 7], labels: [0, 1, 0, 1], nClasses: 2 },
  { what: { en: 'a single sample', nb: 'ett enkelt eksempel' }, values: [3], labels: [1], nClasses: 2 },
];

const gini = submission.task<(number | string)[]>('gini', 'predict', () => ({ cases: giniCases }));
const small = submission.task<SplitOutcome[]>('split', 'predict', () => ({ cases: smallCases }));
const none = submission.task<SplitOutcome[]>('split', 'predict', () => ({ cases: noSplitCases }));
const pixels = submission.task<SplitOutcome[]>('split-pixels', 'predict', () => ({ pixels: PIXELS, count: TRAIN_COUNT }));
const trained = submission.task<{ options: Record<string, unknown> | null }>('train', 'train', () => ({ count: TRAIN_COUNT }));
const predicted = submission.task<Int32Array>('predict', 'predict', () => ({ count: data.test.count }), [trained]);

check('gini.values', async () => {
  const got = await gini.value();
  giniCases.forEach((counts, i) => {
    const want = referenceGini(counts);
    const value = got[i];
    if (typeof value !== 'number' || !(Math.abs(value - want) <= TOLERANCE)) {
      fail({
        message: { en: `giniImpurity([${counts.join(', ')}]) is wrong.`, nb: `giniImpurity([${counts.join(', ')}]) er feil.` },
        expected: String(want),
        found: String(value),
        hint: {
          en: 'Divide each count by the total to get p_k, then return 1 minus the sum of the p_k squared. A node with no samples has impurity 0.',
          nb: 'Del hvert antall på totalen for å få p_k, og returner 1 minus summen av p_k i andre. En node uten eksempler har urenhet 0.',
        },
      });
    }
  });
});

/** The size-weighted child impurity of splitting at `threshold` (value <= threshold goes left). */
function weightedImpurity(values: ArrayLike<number>, labels: ArrayLike<number>, nClasses: number, threshold: number): number {
  const left = new Float64Array(nClasses);
  const right = new Float64Array(nClasses);
  for (let i = 0; i < values.length; i++) (values[i]! <= threshold ? left : right)[labels[i]!]! += 1;
  const nl = left.reduce((a, b) => a + b, 0);
  const nr = right.reduce((a, b) => a + b, 0);
  return (nl * referenceGini(left) + nr * referenceGini(right)) / values.length;
}

const describeSplit = (s: SplitOutcome | Split): string | Localized => {
  if (s === null) return 'null';
  if ('invalid' in s) return s.invalid;
  const decrease = typeof s.impurityDecrease === 'number' ? s.impurityDecrease.toPrecision(6) : String(s.impurityDecrease);
  return {
    en: `threshold ${String(s.threshold)}, ${String(s.leftCount)} left, ${String(s.rightCount)} right, decrease ${decrease}`,
    nb: `terskel ${String(s.threshold)}, ${String(s.leftCount)} til venstre, ${String(s.rightCount)} til høyre, reduksjon ${decrease}`,
  };
};

/**
 * Why `got` is not the best split of the feature, or undefined when it is. A threshold other than the
 * reference's is accepted only when it is exactly as good (a tie within the tolerance) and not larger.
 */
function splitProblem(values: ArrayLike<number>, labels: ArrayLike<number>, nClasses: number, got: SplitOutcome): Localized | undefined {
  const want = referenceSplit(values, labels, { nClasses });
  if (want === null) return got === null ? undefined : { en: 'there is no split', nb: 'det finnes ingen deling' };
  if (got === null || 'invalid' in got) return { en: 'a split was expected', nb: 'en deling var forventet' };
  const { threshold, leftCount, rightCount, impurityDecrease } = got;
  if (typeof threshold !== 'number' || typeof leftCount !== 'number' || typeof rightCount !== 'number' || typeof impurityDecrease !== 'number') {
    return { en: 'threshold, leftCount, rightCount and impurityDecrease must all be numbers', nb: 'threshold, leftCount, rightCount og impurityDecrease må alle være tall' };
  }
  let left = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! <= threshold) left++;
  if (left !== leftCount || values.length - left !== rightCount) {
    return {
      en: `leftCount and rightCount must count the values <= threshold and > threshold (${left} and ${values.length - left})`,
      nb: `leftCount og rightCount må telle verdiene <= threshold og > threshold (${left} og ${values.length - left})`,
    };
  }
  const sorted = [...new Set(Array.from(values))].sort((a, b) => a - b);
  const below = sorted.filter((v) => v <= threshold).at(-1);
  const above = sorted.find((v) => v > threshold);
  if (below === undefined || above === undefined || threshold !== (below + above) / 2) return { en: 'the threshold must lie halfway between two neighbouring distinct values', nb: 'terskelen må ligge midt mellom to påfølgende ulike verdier' };
  const best = weightedImpurity(values, labels, nClasses, want.threshold);
  const mine = weightedImpurity(values, labels, nClasses, threshold);
  if (mine > best + TOLERANCE) return { en: 'another threshold gives a larger impurity decrease', nb: 'en annen terskel gir større reduksjon i urenhet' };
  if (threshold > want.threshold) return { en: 'an equally good smaller threshold exists (ties go to the smallest)', nb: 'det finnes en like god, mindre terskel (ved likhet velges den minste)' };
  if (!(Math.abs(impurityDecrease - want.impurityDecrease) <= TOLERANCE)) {
    return {
      en: `impurityDecrease must be the parent's Gini impurity minus the size-weighted Gini impurity of the two sides (${want.impurityDecrease})`,
      nb: `impurityDecrease må være Gini-urenheten til foreldrenoden minus den størrelsesvektede Gini-urenheten til de to sidene (${want.impurityDecrease})`,
    };
  }
  return undefined;
}

const splitHint = {
  en: 'Sort the samples by value, move them one at a time from the right side to the left, and score each threshold between two different values by leftCount * gini(left) + rightCount * gini(right); keep the smallest score (the first, on ties).',
  nb: 'Sorter eksemplene etter verdi, flytt dem ett og ett fra høyre side til venstre, og gi hver terskel mellom to ulike verdier poengsummen leftCount * gini(venstre) + rightCount * gini(høyre); behold den minste (den første ved likhet).',
};

check('split.small', async () => {
  const got = await small.value();
  smallCases.forEach((c, i) => {
    const problem = splitProblem(c.values, c.labels, c.nClasses, got[i]!);
    if (problem) {
      fail({
        message: { en: `bestSplit is wrong on ${c.what.en}: ${problem.en}.`, nb: `bestSplit er feil på ${c.what.nb}: ${problem.nb}.` },
        expected: describeSplit(referenceSplit(c.values, c.labels, { nClasses: c.nClasses })),
        found: describeSplit(got[i]!),
        hint: splitHint,
      });
    }
  });
});

check('split.no-split', async () => {
  const got = await none.value();
  noSplitCases.forEach((c, i) => {
    if (got[i] !== null) {
      fail({
        message: { en: `bestSplit must return null for ${c.what.en}: no threshold separates anything.`, nb: `bestSplit må gi null for ${c.what.nb}: ingen terskel skiller noe.` },
        expected: 'null',
        found: describeSplit(got[i]!),
        hint: { en: 'Only a threshold between two different values is a split; when there is none, return null.', nb: 'Bare en terskel mellom to ulike verdier er en deling; finnes ingen, returner null.' },
      });
    }
  });
});

check('split.mnist', async () => {
  const got = await pixels.value();
  const labels = data.train.labels.subarray(0, TRAIN_COUNT);
  PIXELS.forEach((p, i) => {
    const column = new Uint8Array(TRAIN_COUNT);
    for (let k = 0; k < TRAIN_COUNT; k++) column[k] = data.train.images[k * 784 + p]!;
    const problem = splitProblem(column, labels, 10, got[i]!);
    if (problem) {
      fail({
        message: {
          en: `bestSplit is wrong on pixel ${p} (row ${Math.floor(p / 28)}, column ${p % 28}) of the first ${TRAIN_COUNT} training images: ${problem.en}.`,
          nb: `bestSplit er feil på piksel ${p} (rad ${Math.floor(p / 28)}, kolonne ${p % 28}) i de første ${TRAIN_COUNT} treningsbildene: ${problem.nb}.`,
        },
        expected: describeSplit(referenceSplit(column, labels, { nClasses: 10 })),
        found: describeSplit(got[i]!),
        hint: splitHint,
      });
    }
  });
});

check('forest.time-limit', async () => {
  // Reaching the value means training finished inside its limit; a timeout ends this check as an error.
  await trained.value();
});

check('forest.accuracy', async (api) => {
  const labels = await predicted.value();
  if (labels.length !== data.test.count) {
    fail({
      message: { en: 'The forest gave the wrong number of predictions for the test images.', nb: 'Skogen ga feil antall prediksjoner for testbildene.' },
      expected: { en: `${data.test.count} labels`, nb: `${data.test.count} etiketter` },
      found: { en: `${labels.length} labels`, nb: `${labels.length} etiketter` },
    });
  }
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === data.test.labels[i]) correct++;
  const value = correct / data.test.count;
  api.metric({ name: { en: 'test accuracy', nb: 'testnøyaktighet' }, value: Number(value.toFixed(4)), threshold: MIN_ACCURACY, comparator: '>=' });
  if (!(value >= MIN_ACCURACY)) {
    const { options } = await trained.value();
    fail({
      message: { en: 'Test accuracy is below the threshold.', nb: 'Testnøyaktigheten er under terskelen.' },
      expected: `>= ${MIN_ACCURACY}`,
      found: options ? { en: `${value.toFixed(4)} with ${JSON.stringify(options)}`, nb: `${value.toFixed(4)} med ${JSON.stringify(options)}` } : value.toFixed(4),
      hint: {
        en: 'Use more trees (50-100), let the trees grow deep (no maxDepth, minSamplesLeaf 1), and try maxFeatures "sqrt" (28 of the 784 pixels per split).',
        nb: 'Bruk flere trær (50-100), la trærne vokse dypt (ingen maxDepth, minSamplesLeaf 1), og prøv maxFeatures "sqrt" (28 av de 784 pikslene per deling).',
      },
    });
  }
});

pictures(async (save) => {
  const { confusionPng, digitsPng } = await import('../../src/kit/pictures.ts');
  const labels = await settled(predicted);
  if (!labels || labels.length !== data.test.count) return;
  await save('test-digits', () => digitsPng(t({ en: 'Test digits: true → predicted by your forest (wrong ones first)', nb: 'Testsifre: riktig → predikert av skogen din (feil først)' }), data.test.images, data.test.labels, labels));
  await save('confusion-matrix', () =>
    confusionPng(
      t({ en: `Confusion matrix of your forest on the ${data.test.count.toLocaleString('en-US')} test images`, nb: `Forvekslingsmatrisen til skogen din på de ${data.test.count.toLocaleString('nb-NO')} testbildene` }),
      gradingContext().language,
      data.test.labels,
      labels,
    ),
  );
});
