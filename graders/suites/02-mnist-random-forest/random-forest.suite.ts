/**
 * Hidden suite of 02-mnist-random-forest. Check ids and points are in exercises/02-mnist-random-forest/exercise.json.
 * Expected impurities and splits come from the project's own forest code (runtime/random-forest), run here
 * in the grader. The trained forest leaves the child in its serialized form; the grader decodes it (with
 * bounds a forest grown on the training images must keep) and predicts the test images, which the child
 * never sees. Its accuracy counts only when a second forest, trained on relabelled digits, follows the labels
 * it was given: a forest built elsewhere, that ignores its training labels, does not.
 */
import {
  bestSplit as referenceSplit,
  giniImpurity as referenceGini,
  RandomForestClassifier,
  RandomForestError,
  type Split,
} from '../../../runtime/random-forest.ts';
import { createRandom, deriveSeed } from '../../../runtime/seed.ts';
import { beforeAll, check, derived, fail, gradingContext, pictures, settled, t, useSubmission, type Localized } from '../../src/suite/harness.ts';
import { conceptChecks } from '../../src/suite/kit/concepts.ts';
import { stageMnist, type StagedMnist } from '../../src/suite/kit/mnist-suite.ts';
import { QUESTIONS } from './concepts.ts';
import type { SplitOutcome } from './driver.ts';

const submission = useSubmission();
// The concept questions run first: they need nothing but the submission's src/answers.ts.
conceptChecks(submission, QUESTIONS);
const { caseSeed, thresholds } = gradingContext();
const MIN_ACCURACY = thresholds['test-accuracy']!.value;
const TOLERANCE = thresholds['impurity-tolerance']!.value;
/** The forest trains on the first 10,000 training images (enough for a strong forest in a few minutes). */
const TRAIN_COUNT = 10_000;
/** The second forest trains on the first 1,000 training images, relabelled: each digit is given another's label. */
const RELABELLED_COUNT = 1_000;
/** Training images neither forest trained on: the second forest is checked on them. */
const CHECK_START = TRAIN_COUNT;
const CHECK_COUNT = 2_000;
/** A digit-for-digit relabelling in which no digit keeps its label, drawn from the seed. */
const relabel: number[] = (() => {
  const r = createRandom(deriveSeed(caseSeed, 'relabel'));
  for (;;) {
    const order = [...Array(10).keys()];
    for (let i = 9; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    if (order.every((to, from) => to !== from)) return order;
  }
})();
/** Pixels whose split is checked on real data: the centre, near the edge, and a few drawn for this submission. */
const random = createRandom(deriveSeed(caseSeed, 'pixels'));
const PIXELS = [14 * 28 + 14, 5 * 28 + 20, ...Array.from({ length: 3 }, () => 100 + Math.floor(random() * 584))];

let data: StagedMnist;
beforeAll(async () => {
  data = await stageMnist(submission, 1);
  await submission.stageData(
    'relabelled-labels.u8',
    data.train.labels.subarray(0, RELABELLED_COUNT).map((y) => relabel[y]!),
  );
});

/**
 * Inputs drawn for each submission (the case seed: the exercise seed and the submission's hash), each of a
 * kind that teaches something: a pure node, an even one, a lopsided one, many classes, an empty node, a
 * class with no samples, a single class.
 */
const cases = createRandom(deriveSeed(caseSeed, 'cases'));
const int = (lo: number, hi: number) => lo + Math.floor(cases() * (hi - lo + 1));
const giniCases = (() => {
  const n = int(2, 9);
  return [
    [n, 0],
    [n, n],
    [int(1, 9), int(1, 3)],
    Array(int(3, 5)).fill(int(1, 4)),
    [0, 0, 0],
    [int(1, 9), int(1, 9), int(1, 9)],
    [0, int(1, 9), 0, int(1, 9)],
    [int(10, 200)],
  ];
})();

/** Small features: clean groups, a noisy mix, unsorted values, three classes, ties between thresholds. */
function splitCases(): { what: Localized; values: number[]; labels: number[]; nClasses: number }[] {
  const r = cases;
  const noisyValues = Array.from({ length: 40 }, () => Math.floor(r() * 12));
  const sortedDistinct = (n: number) => {
    const values = new Set<number>();
    while (values.size < n) values.add(int(0, 255));
    return [...values].sort((a, b) => a - b);
  };
  const clean = sortedDistinct(int(4, 6));
  const cut = int(1, clean.length - 1);
  const unsorted = [int(1, 5), int(1, 5), int(1, 5), int(1, 5), int(1, 5), int(1, 5)];
  const three = sortedDistinct(6);
  const tied = sortedDistinct(3);
  const absent = sortedDistinct(4);
  return [
    { what: { en: 'two clean groups', nb: 'to rene grupper' }, values: clean, labels: clean.map((_, i) => (i < cut ? 0 : 1)), nClasses: 2 },
    {
      what: { en: 'unsorted values with repeats', nb: 'usorterte verdier med gjentakelser' },
      values: unsorted,
      labels: unsorted.map(() => int(0, 1)),
      nClasses: 2,
    },
    { what: { en: 'three classes', nb: 'tre klasser' }, values: three, labels: [0, 0, 1, 1, 2, 2], nClasses: 3 },
    {
      what: { en: 'two equally good thresholds (take the smaller)', nb: 'to like gode terskler (ta den minste)' },
      values: tied,
      labels: [0, 1, 0],
      nClasses: 2,
    },
    {
      what: { en: 'a label that never occurs (nClasses 4)', nb: 'en etikett som aldri forekommer (nClasses 4)' },
      values: [absent[0]!, absent[3]!, absent[2]!, absent[1]!],
      labels: [3, 0, 3, 0],
      nClasses: 4,
    },
    {
      what: { en: 'a noisy feature of 40 samples', nb: 'en støyete variabel med 40 eksempler' },
      values: noisyValues,
      labels: noisyValues.map((v) => (v + Math.floor(r() * 4) > 6 ? 1 : 0)),
      nClasses: 2,
    },
  ];
}
const smallCases = splitCases();
const noSplitCases: { what: Localized; values: number[]; labels: number[]; nClasses: number }[] = (() => {
  const constant = int(0, 255);
  return [
    { what: { en: 'a constant feature', nb: 'en konstant variabel' }, values: [constant, constant, constant, constant], labels: [0, 1, 0, 1], nClasses: 2 },
    { what: { en: 'a single sample', nb: 'ett enkelt eksempel' }, values: [int(0, 255)], labels: [1], nClasses: 2 },
  ];
})();

const gini = submission.task<(number | string)[]>('gini', 'predict', () => ({ cases: giniCases }));
const small = submission.task<SplitOutcome[]>('split', 'predict', () => ({ cases: smallCases }));
const none = submission.task<SplitOutcome[]>('split', 'predict', () => ({ cases: noSplitCases }));
const pixels = submission.task<SplitOutcome[]>('split-pixels', 'predict', () => ({ pixels: PIXELS, count: TRAIN_COUNT }));
const trained = submission.task<unknown>('train', 'train', () => ({ count: TRAIN_COUNT, labels: 'train-labels.u8' }));
const relabelled = submission.task<unknown>('train', 'train', () => ({ count: RELABELLED_COUNT, labels: 'relabelled-labels.u8' }), [trained]);

/** A forest the child sent, decoded by the grader's copy of the runtime within the bounds of a forest grown on `count` images. */
function decodeForest(sent: unknown, count: number): RandomForestClassifier {
  try {
    return RandomForestClassifier.deserialize(sent, { maxTrees: 1000, maxNodesPerTree: 2 * count - 1 });
  } catch (error) {
    if (!(error instanceof RandomForestError)) throw error;
    return fail({
      message: {
        en: `The forest trainForest returned cannot be used: ${error.message}`,
        nb: `Skogen trainForest returnerte kan ikke brukes: ${error.message}`,
      },
      hint: {
        en: 'Return the RandomForestClassifier that fit() trained on the images and labels trainForest was given (at most 1,000 trees).',
        nb: 'Returner RandomForestClassifier-en som fit() trente på bildene og etikettene trainForest fikk (høyst 1 000 trær).',
      },
    });
  }
}

const forest = derived(trained, (sent) => decodeForest(sent, TRAIN_COUNT));
const predicted = derived(forest, (f) => f.predict(data.test.images));

/** How the relabelled forest predicts training images it never saw: agreement with the labels it was given, and with the true digits. */
const follows = derived(relabelled, (sent) => {
  const images = data.train.images.subarray(CHECK_START * 784, (CHECK_START + CHECK_COUNT) * 784);
  const labels = decodeForest(sent, RELABELLED_COUNT).predict(images);
  let given = 0;
  let digits = 0;
  for (let i = 0; i < CHECK_COUNT; i++) {
    const y = data.train.labels[CHECK_START + i]!;
    if (labels[i] === relabel[y]) given++;
    if (labels[i] === y) digits++;
  }
  return { given: given / CHECK_COUNT, digits: digits / CHECK_COUNT };
});

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
    return {
      en: 'threshold, leftCount, rightCount and impurityDecrease must all be numbers',
      nb: 'threshold, leftCount, rightCount og impurityDecrease må alle være tall',
    };
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
  if (below === undefined || above === undefined || threshold !== (below + above) / 2)
    return { en: 'the threshold must lie halfway between two neighbouring distinct values', nb: 'terskelen må ligge midt mellom to påfølgende ulike verdier' };
  const best = weightedImpurity(values, labels, nClasses, want.threshold);
  const mine = weightedImpurity(values, labels, nClasses, threshold);
  if (mine > best + TOLERANCE) return { en: 'another threshold gives a larger impurity decrease', nb: 'en annen terskel gir større reduksjon i urenhet' };
  if (threshold > want.threshold)
    return {
      en: 'an equally good smaller threshold exists (ties go to the smallest)',
      nb: 'det finnes en like god, mindre terskel (ved likhet velges den minste)',
    };
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
        message: {
          en: `bestSplit must return null for ${c.what.en}: no threshold separates anything.`,
          nb: `bestSplit må gi null for ${c.what.nb}: ingen terskel skiller noe.`,
        },
        expected: 'null',
        found: describeSplit(got[i]!),
        hint: {
          en: 'Only a threshold between two different values is a split; when there is none, return null.',
          nb: 'Bare en terskel mellom to ulike verdier er en deling; finnes ingen, returner null.',
        },
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
    const { options } = await forest.value();
    fail({
      message: { en: 'Test accuracy is below the threshold.', nb: 'Testnøyaktigheten er under terskelen.' },
      expected: `>= ${MIN_ACCURACY}`,
      found: options
        ? { en: `${value.toFixed(4)} with ${JSON.stringify(options)}`, nb: `${value.toFixed(4)} med ${JSON.stringify(options)}` }
        : value.toFixed(4),
      hint: {
        en: 'Use more trees (50-100), let the trees grow deep (no maxDepth, minSamplesLeaf 1), and try maxFeatures "sqrt" (28 of the 784 pixels per split).',
        nb: 'Bruk flere trær (50-100), la trærne vokse dypt (ingen maxDepth, minSamplesLeaf 1), og prøv maxFeatures "sqrt" (28 av de 784 pikslene per deling).',
      },
    });
  }
  const { given, digits } = await follows.value();
  if (!(given > digits)) {
    fail({
      message: {
        en: `The test accuracy does not count: trained on ${RELABELLED_COUNT} images whose digits were relabelled (each digit given another digit's label), the forest trainForest returned still predicted the original digits on images it had not seen. A forest that learns from its training labels predicts the labels it was given.`,
        nb: `Testnøyaktigheten teller ikke: trent på ${RELABELLED_COUNT} bilder der sifrene hadde fått nye etiketter (hvert siffer fikk et annet siffers etikett), spådde skogen trainForest returnerte fortsatt de opprinnelige sifrene på bilder den ikke hadde sett. En skog som lærer av treningsetikettene, spår etikettene den fikk.`,
      },
      expected: {
        en: 'agreement with the labels it was given above agreement with the original digits',
        nb: 'mer samsvar med etikettene den fikk enn med de opprinnelige sifrene',
      },
      found: {
        en: `agreement ${given.toFixed(3)} with the given labels, ${digits.toFixed(3)} with the original digits`,
        nb: `samsvar ${given.toFixed(3)} med etikettene den fikk, ${digits.toFixed(3)} med de opprinnelige sifrene`,
      },
      hint: {
        en: 'trainForest must train a new forest on the images and labels it is given each time it is called: no forest built in advance.',
        nb: 'trainForest må trene en ny skog på bildene og etikettene den får hver gang den kalles: ingen skog bygd på forhånd.',
      },
    });
  }
});

pictures(async (save) => {
  const { confusionPng, digitsPng } = await import('../../src/suite/kit/pictures.ts');
  const labels = await settled(predicted);
  if (!labels || labels.length !== data.test.count) return;
  await save('test-digits', () =>
    digitsPng(
      t({ en: 'Test digits: true → predicted by your forest (wrong ones first)', nb: 'Testsifre: riktig → predikert av skogen din (feil først)' }),
      data.test.images,
      data.test.labels,
      labels,
    ),
  );
  await save('confusion-matrix', () =>
    confusionPng(
      t({
        en: `Confusion matrix of your forest on the ${data.test.count.toLocaleString('en-US')} test images`,
        nb: `Forvekslingsmatrisen til skogen din på de ${data.test.count.toLocaleString('nb-NO')} testbildene`,
      }),
      gradingContext().language,
      data.test.labels,
      labels,
    ),
  );
});
