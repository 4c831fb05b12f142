/**
 * Hidden suite of 06-tabular-dl. Check ids and points are in exercises/06-tabular-dl/exercise.json.
 * The grader owns the labels of every held-out row: the models are scored by 5-fold stratified
 * cross-validation drawn with the exercise seed, on features the grader standardises itself (so that each
 * check stands alone), and ROC AUC and the Brier score are computed here.
 */
import { loadWdbc, type WdbcData } from '../../../datasets/wdbc.ts';
import { createRandom, deriveSeed } from '../../../runtime/seed.ts';
import {
  beforeAll,
  check,
  derived,
  fail,
  gradingContext,
  pictures,
  settled,
  shapeText,
  t,
  useSubmission,
  type Localized,
  type Task,
} from '../../src/suite/harness.ts';
import { conceptChecks } from '../../src/suite/kit/concepts.ts';
import type { ExportedModel } from '../../src/core/exported-model.ts';
import { countNonFinite } from '../../src/suite/kit/metrics.ts';
import { predictRows } from '../../src/suite/kit/model-predict.ts';
import { rebuilt, type ModelDescription } from '../../src/suite/kit/model-rebuild.ts';
import { reversedRankingHint, trainingHints, type TrainingEvidence } from '../../src/suite/kit/training-evidence.ts';
import { QUESTIONS } from './concepts.ts';
import type { MetricCase, Outcome, PlainStandardized, SplitCase } from './driver.ts';
import { brierScore, columnStats, pickRows, rocAuc, standardizeWith, stratifiedFolds, thresholdRates } from './reference.ts';

const submission = useSubmission();
// The concept questions run first: they need nothing but the submission's src/answers.ts.
conceptChecks(submission, QUESTIONS);
const { seed, caseSeed, thresholds } = gradingContext();
const MLP_AUC = thresholds['mlp-auc']!.value;
const CONTEXT_AUC = thresholds['in-context-auc']!.value;
const MAX_BRIER = thresholds['mlp-brier']!.value;
const TOLERANCE = thresholds['metric-tolerance']!.value;
const FOLDS = 5;
const COLUMNS = 30;

let data: WdbcData;
let fold: Int32Array;
beforeAll(async () => {
  data = await loadWdbc({ verify: false });
});

/** Rows of fold `f` (test) and of the other folds (train). */
function foldRows(f: number): { train: number[]; test: number[] } {
  fold ??= stratifiedFolds(data.labels, FOLDS, deriveSeed(seed, 'folds'));
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < data.count; i++) (fold[i] === f ? test : train).push(i);
  return { train, test };
}

/** The fold's features standardised on its training rows by the grader, split into context/training and held-out rows. */
function foldData(f: number) {
  const { train, test } = foldRows(f);
  const scaled = standardizeWith(data.features, COLUMNS, train);
  return {
    train,
    test,
    trainX: pickRows(scaled, COLUMNS, train),
    testX: pickRows(scaled, COLUMNS, test),
    trainY: Uint8Array.from(train, (r) => data.labels[r]!),
  };
}

const fmt = (x: unknown) => (typeof x === 'number' ? (Number.isNaN(x) ? 'NaN' : String(Number(x.toPrecision(6)))) : String(x));
const list = (xs: number[]) => `[${xs.join(', ')}]`;

// ---------- the split ----------

/** Inputs of the formula checks, drawn for each submission (the case seed: the exercise seed and the submission's hash). */
const caseRandom = createRandom(deriveSeed(caseSeed, 'cases'));
const shuffled = <T>(items: T[]): T[] => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(caseRandom() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};
const splitSeed = deriveSeed(caseSeed, 'split') % 1000;
// Three positives of ten at testFraction 0.3, and classes of 5, 4 and 3 at 0.5: the rounding per class matters.
const craftedLabels = shuffled([0, 1, 0, 0, 1, 0, 0, 1, 0, 0]);
const threeClasses = shuffled([2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 2, 0]);
function splitCases(): (SplitCase & { what: Localized })[] {
  const labels = Array.from(data.labels);
  return [
    { what: { en: 'the 569 patients, testFraction 0.2', nb: 'de 569 pasientene, testFraction 0,2' }, labels, fraction: 0.2, seed: splitSeed },
    {
      what: { en: `labels ${list(craftedLabels)}, testFraction 0.3`, nb: `etikettene ${list(craftedLabels)}, testFraction 0,3` },
      labels: craftedLabels,
      fraction: 0.3,
      seed: splitSeed,
    },
    {
      what: { en: `labels ${list(threeClasses)}, testFraction 0.5`, nb: `etikettene ${list(threeClasses)}, testFraction 0,5` },
      labels: threeClasses,
      fraction: 0.5,
      seed: splitSeed,
    },
    { what: { en: 'the 569 patients again, same seed', nb: 'de 569 pasientene igjen, samme frø' }, labels, fraction: 0.2, seed: splitSeed },
    { what: { en: 'the 569 patients, another seed', nb: 'de 569 pasientene, et annet frø' }, labels, fraction: 0.2, seed: splitSeed + 1 },
  ];
}
let cases: (SplitCase & { what: Localized })[];
const splits = submission.task<Outcome<{ train: number[]; test: number[] }>[]>('split', 'predict', () => {
  cases = splitCases();
  return { cases: cases.map(({ labels, fraction, seed: s }) => ({ labels, fraction, seed: s })) };
});

/** Why a split is not a stratified split of `labels`, or undefined when it is. */
function splitProblem(
  split: { train: number[]; test: number[] },
  labels: number[],
  fraction: number,
): { expected: Localized; found: Localized | string } | undefined {
  const seen = new Uint8Array(labels.length);
  const onePart = { en: 'every row in exactly one part', nb: 'hver rad i nøyaktig én del' };
  for (const row of [...split.train, ...split.test]) {
    if (!Number.isInteger(row) || row < 0 || row >= labels.length)
      return {
        expected: { en: `row numbers 0 to ${labels.length - 1}`, nb: `radnumre 0 til ${labels.length - 1}` },
        found: { en: `row ${fmt(row)}`, nb: `rad ${fmt(row)}` },
      };
    if (seen[row]) return { expected: onePart, found: { en: `row ${row} twice`, nb: `rad ${row} to ganger` } };
    seen[row] = 1;
  }
  const missing = seen.indexOf(0);
  if (missing >= 0) {
    return {
      expected: onePart,
      found: {
        en: `row ${missing} in neither (${split.train.length} train + ${split.test.length} test of ${labels.length})`,
        nb: `rad ${missing} i ingen av dem (${split.train.length} train + ${split.test.length} test av ${labels.length})`,
      },
    };
  }
  for (const value of [...new Set(labels)].sort()) {
    const n = labels.filter((l) => l === value).length;
    const want = Math.round(n * fraction);
    const got = split.test.filter((r) => labels[r] === value).length;
    if (got !== want) {
      return {
        expected: {
          en: `\`Math.round(${n} * ${fraction})\` = ${want} rows of label ${value} in the test part`,
          nb: `\`Math.round(${n} * ${fraction})\` = ${want} rader med etikett ${value} i test-delen`,
        },
        found: `${got}`,
      };
    }
  }
  return undefined;
}

check('split.stratified', async () => {
  const outcomes = await splits.value();
  for (const [i, c] of cases.slice(0, 3).entries()) {
    const o = outcomes[i]!;
    const problem = o.ok
      ? splitProblem(o.value, c.labels, c.fraction)
      : { expected: { en: 'a split', nb: 'en deling' }, found: { en: `it threw ${o.error}`, nb: `den kastet ${o.error}` } };
    if (problem) {
      fail({
        message: { en: `stratifiedSplit is not a stratified split for ${c.what.en}.`, nb: `stratifiedSplit gir ikke en stratifisert deling for ${c.what.nb}.` },
        ...problem,
        hint: {
          en: 'Group the row numbers by label; shuffle each group with the seed; put the first Math.round(groupSize * testFraction) of each group in test and the rest in train.',
          nb: 'Grupper radnumrene etter etikett; stokk hver gruppe med frøet; legg de første Math.round(gruppestørrelse * testFraction) i hver gruppe i test og resten i train.',
        },
      });
    }
  }
});

check('split.seeded', async () => {
  const outcomes = await splits.value();
  const [first, again, other] = [outcomes[0]!, outcomes[3]!, outcomes[4]!];
  if (!first.ok || !again.ok || !other.ok) {
    const outcomes3 = [first, again, other];
    fail({
      message: { en: 'stratifiedSplit threw on the real table.', nb: 'stratifiedSplit kastet en feil på den ekte tabellen.' },
      expected: { en: 'a split', nb: 'en deling' },
      found: { en: outcomes3.map((o) => (o.ok ? 'a split' : o.error)).join('; '), nb: outcomes3.map((o) => (o.ok ? 'en deling' : o.error)).join('; ') },
    });
  }
  const key = (rows: number[]) => [...rows].sort((a, b) => a - b).join(',');
  if (key(first.value.test) !== key(again.value.test)) {
    fail({
      message: { en: 'The same seed gave two different splits.', nb: 'Det samme frøet ga to forskjellige delinger.' },
      expected: { en: 'the same test rows for the same seed', nb: 'de samme testradene for det samme frøet' },
      found: { en: 'different test rows', nb: 'andre testrader' },
      hint: {
        en: "Draw random numbers only from createRandom(seed) (from 'labgrade/runtime'), never Math.random or the clock.",
        nb: "Trekk tilfeldige tall bare fra createRandom(seed) (fra 'labgrade/runtime'), aldri Math.random eller klokken.",
      },
    });
  }
  if (key(first.value.test) === key(other.value.test)) {
    fail({
      message: {
        en: 'Another seed gave the same split: the split does not depend on the seed.',
        nb: 'Et annet frø ga samme deling: delingen avhenger ikke av frøet.',
      },
      expected: { en: 'different test rows for a different seed', nb: 'andre testrader for et annet frø' },
      found: { en: 'the same test rows', nb: 'de samme testradene' },
      hint: {
        en: 'Shuffle each label group with a random generator made from the seed, e.g. createRandom(seed).',
        nb: 'Stokk hver etikettgruppe med en tilfeldighetsgenerator laget av frøet, f.eks. createRandom(seed).',
      },
    });
  }
});

// ---------- standardisation ----------

const scaling = submission.task<PlainStandardized>('standardize', 'predict', () => ({
  features: data.features,
  rows: data.count,
  columns: COLUMNS,
  trainRows: foldRows(0).train,
}));

check('scaling.train-only', async () => {
  const got = await scaling.value();
  const { train } = foldRows(0);
  const trainStats = columnStats(data.features, COLUMNS, train);
  const allStats = columnStats(
    data.features,
    COLUMNS,
    Array.from({ length: data.count }, (_, i) => i),
  );
  if (got.scaled.length !== data.count * COLUMNS) {
    fail({
      message: { en: 'standardize did not return one scaled value per cell.', nb: 'standardize returnerte ikke én skalert verdi per celle.' },
      expected: {
        en: `${data.count * COLUMNS} values (${data.count} rows x ${COLUMNS})`,
        nb: `${data.count * COLUMNS} verdier (${data.count} rader x ${COLUMNS})`,
      },
      found: `${got.scaled.length}`,
    });
  }
  // What the scaled training rows look like: mean 0 and std 1 in every column exactly when the scaling was fitted on them.
  const scaledStats = columnStats(got.scaled, COLUMNS, train);
  let worst = { column: 0, mean: 0, std: 1, off: 0 };
  for (let c = 0; c < COLUMNS; c++) {
    const off = Math.max(Math.abs(scaledStats.mean[c]!), Math.abs(scaledStats.std[c]! - 1));
    if (!(off <= worst.off)) worst = { column: c, mean: scaledStats.mean[c]!, std: scaledStats.std[c]!, off };
  }
  const matches = (stats: { mean: Float64Array; std: Float64Array }) =>
    got.mean.length === COLUMNS &&
    got.std.length === COLUMNS &&
    got.mean.every((m, c) => Math.abs(m - stats.mean[c]!) <= 1e-4 * (1 + Math.abs(stats.mean[c]!))) &&
    got.std.every((s, c) => Math.abs(s - stats.std[c]!) <= 1e-4 * (1 + stats.std[c]!));
  const leaked = matches(allStats);
  if (!(worst.off <= 1e-3) || !matches(trainStats)) {
    const name = data.featureNames[worst.column];
    fail({
      message: leaked
        ? {
            en: 'The scaling was fitted on all 569 rows, test rows included: information from the test patients leaked into training (data leakage).',
            nb: 'Skaleringen ble tilpasset på alle 569 radene, testradene med: informasjon fra testpasientene lekket inn i treningen (datalekkasje).',
          }
        : { en: 'The scaling was not fitted on the training rows.', nb: 'Skaleringen ble ikke tilpasset på treningsradene.' },
      expected: {
        en: `mean and std from the ${train.length} training rows only; the scaled training rows then have mean 0 and std 1 in every column`,
        nb: `gjennomsnitt og standardavvik bare fra de ${train.length} treningsradene; de skalerte treningsradene har da gjennomsnitt 0 og standardavvik 1 i hver kolonne`,
      },
      found: {
        en: `column ${name}: scaled training rows have mean ${worst.mean.toFixed(4)} and std ${worst.std.toFixed(4)}; your mean ${fmt(got.mean[worst.column])} (training rows: ${fmt(trainStats.mean[worst.column]!)}, all rows: ${fmt(allStats.mean[worst.column]!)})`,
        nb: `kolonne ${name}: de skalerte treningsradene har gjennomsnitt ${worst.mean.toFixed(4)} og standardavvik ${worst.std.toFixed(4)}; ditt gjennomsnitt ${fmt(got.mean[worst.column])} (treningsrader: ${fmt(trainStats.mean[worst.column]!)}, alle rader: ${fmt(allStats.mean[worst.column]!)})`,
      },
      hint: {
        en: "Compute each column's mean and standard deviation (divide by n) over `trainRows` only, then apply them to every row. A test patient must not influence how training data are scaled.",
        nb: 'Regn ut hver kolonnes gjennomsnitt og standardavvik (del på n) bare over `trainRows`, og bruk dem så på hver rad. En testpasient skal ikke påvirke hvordan treningsdata skaleres.',
      },
    });
  }
});

check('scaling.applied', async () => {
  const got = await scaling.value();
  if (got.mean.length !== COLUMNS || got.std.length !== COLUMNS || got.scaled.length !== data.count * COLUMNS) {
    fail({
      message: { en: 'standardize returned arrays of the wrong length.', nb: 'standardize returnerte tabeller med feil lengde.' },
      expected: { en: `mean and std of ${COLUMNS}, scaled of ${data.count * COLUMNS}`, nb: `mean og std med ${COLUMNS}, scaled med ${data.count * COLUMNS}` },
      found: {
        en: `mean ${got.mean.length}, std ${got.std.length}, scaled ${got.scaled.length}`,
        nb: `mean ${got.mean.length}, std ${got.std.length}, scaled ${got.scaled.length}`,
      },
    });
  }
  for (let i = 0; i < got.scaled.length; i++) {
    const c = i % COLUMNS;
    const want = (data.features[i]! - got.mean[c]!) / got.std[c]!;
    if (!(Math.abs(got.scaled[i]! - want) <= 1e-3 * (1 + Math.abs(want)))) {
      const row = Math.floor(i / COLUMNS);
      fail({
        message: {
          en: `Row ${row} is not scaled with the statistics standardize returned.`,
          nb: `Rad ${row} er ikke skalert med statistikken standardize returnerte.`,
        },
        expected: {
          en: `(value - mean) / std = (${fmt(data.features[i])} - ${fmt(got.mean[c])}) / ${fmt(got.std[c])} = ${fmt(want)} in column ${data.featureNames[c]}`,
          nb: `(verdi - mean) / std = (${fmt(data.features[i])} - ${fmt(got.mean[c])}) / ${fmt(got.std[c])} = ${fmt(want)} i kolonne ${data.featureNames[c]}`,
        },
        found: fmt(got.scaled[i]),
        hint: {
          en: "Scale every row of the table, test rows included, with the training rows' mean and std; the result has the same row-major layout as the input.",
          nb: 'Skaler hver rad i tabellen, testradene med, med treningsradenes gjennomsnitt og standardavvik; resultatet har samme radvise oppsett som inndata.',
        },
      });
    }
  }
});

// ---------- metrics by hand ----------

function metricCases(): {
  auc: (MetricCase & { what: Localized })[];
  threshold: (MetricCase & { what: Localized })[];
  brier: (MetricCase & { what: Localized })[];
} {
  const r = caseRandom;
  const labels = Array.from({ length: 60 }, () => (r() < 0.4 ? 1 : 0));
  const scores = labels.map((l) => Math.round((0.3 * l + 0.7 * r()) * 20) / 20); // coarse: many ties
  /** `n` distinct probabilities with two decimals between `from` and `to` (not 0.5 itself), in random order. */
  const distinct = (n: number, from = 0.01, to = 0.99): number[] => {
    const values = new Set<number>();
    while (values.size < n) {
      const p = Math.round(100 * (from + r() * (to - from))) / 100;
      if (p !== 0.5) values.add(p);
    }
    return [...values];
  };
  const ascending = (n: number, from: number, to: number) => distinct(n, from, to).sort((a, b) => a - b);
  const [low, high] = [ascending(2, 0.01, 0.49), ascending(2, 0.51, 0.99)];
  const tie = distinct(1)[0]!;
  const equal = distinct(1)[0]!;
  const around = shuffled([0.5, ...distinct(5)]);
  const aroundLabels = shuffled([1, 1, 1, 0, 0, 0]);
  return {
    auc: [
      { what: { en: 'a small case', nb: 'et lite eksempel' }, probabilities: distinct(4), labels: shuffled([0, 0, 1, 1]) },
      { what: { en: 'perfect ranking', nb: 'perfekt rangering' }, probabilities: [high[1]!, low[0]!, high[0]!, low[1]!], labels: [1, 0, 1, 0] },
      { what: { en: 'reversed ranking', nb: 'omvendt rangering' }, probabilities: [low[0]!, high[1]!, low[1]!, high[0]!], labels: [1, 0, 1, 0] },
      {
        what: { en: 'ties between a positive and a negative', nb: 'lik skår for en positiv og en negativ' },
        probabilities: [tie, tie, ...distinct(2), tie],
        labels: [1, 0, 0, 1, 0],
      },
      { what: { en: 'all scores equal', nb: 'alle skårer like' }, probabilities: [equal, equal, equal, equal], labels: shuffled([1, 0, 0, 1]) },
      { what: { en: '60 random rows with many ties', nb: '60 tilfeldige rader med mange like skårer' }, probabilities: scores, labels },
      { what: { en: 'only one class (no negatives)', nb: 'bare én klasse (ingen negative)' }, probabilities: distinct(2), labels: [1, 1] },
    ],
    threshold: [
      {
        what: { en: 'threshold 0.5 with a probability of exactly 0.5', nb: 'terskel 0,5 med en sannsynlighet på nøyaktig 0,5' },
        probabilities: around,
        labels: aroundLabels,
      },
      { what: { en: 'threshold 0.3', nb: 'terskel 0,3' }, probabilities: around, labels: aroundLabels, threshold: 0.3 },
      { what: { en: '60 random rows, threshold 0.45', nb: '60 tilfeldige rader, terskel 0,45' }, probabilities: scores, labels, threshold: 0.45 },
      { what: { en: 'no negative rows', nb: 'ingen negative rader' }, probabilities: distinct(2), labels: [1, 1] },
    ],
    brier: [
      { what: { en: 'a small case', nb: 'et lite eksempel' }, probabilities: distinct(3), labels: shuffled([1, 0, 0]) },
      { what: { en: 'always 0.5', nb: 'alltid 0,5' }, probabilities: [0.5, 0.5, 0.5, 0.5], labels: shuffled([1, 0, 1, 1]) },
      { what: { en: '60 random rows', nb: '60 tilfeldige rader' }, probabilities: scores, labels },
    ],
  };
}
const metricInputs = metricCases();
const strip = (cs: (MetricCase & { what: Localized })[]) => ({ cases: cs.map(({ what: _what, ...c }) => c) });
const aucs = submission.task<Outcome<unknown>[]>('auc', 'predict', () => strip(metricInputs.auc));
const rates = submission.task<Outcome<Record<string, unknown>>[]>('threshold', 'predict', () => strip(metricInputs.threshold));
const briers = submission.task<Outcome<unknown>[]>('brier', 'predict', () => strip(metricInputs.brier));

const same = (got: unknown, want: number) => typeof got === 'number' && (Number.isNaN(want) ? Number.isNaN(got) : Math.abs(got - want) <= TOLERANCE);

function metricCheck(
  id: string,
  task: Task<Outcome<unknown>[]>,
  inputs: (MetricCase & { what: Localized })[],
  fn: string,
  reference: (c: MetricCase) => number,
  hint: { en: string; nb: string },
): void {
  check(id, async () => {
    const outcomes = await task.value();
    inputs.forEach((c, i) => {
      const want = reference(c);
      const o = outcomes[i]!;
      if (!o.ok || !same(o.value, want)) {
        fail({
          message: { en: `${fn} is wrong for ${c.what.en}.`, nb: `${fn} er feil for ${c.what.nb}.` },
          expected: {
            en: `${fmt(want)} for scores ${list(c.probabilities.slice(0, 8))}${c.probabilities.length > 8 ? '…' : ''} and labels ${list(c.labels.slice(0, 8))}${c.labels.length > 8 ? '…' : ''}`,
            nb: `${fmt(want)} for skårene ${list(c.probabilities.slice(0, 8))}${c.probabilities.length > 8 ? '…' : ''} og etikettene ${list(c.labels.slice(0, 8))}${c.labels.length > 8 ? '…' : ''}`,
          },
          found: o.ok ? fmt(o.value) : { en: `it threw ${o.error}`, nb: `den kastet ${o.error}` },
          hint,
        });
      }
    });
  });
}

metricCheck('metrics.roc-auc', aucs, metricInputs.auc, 'rocAuc', (c) => rocAuc(c.probabilities, c.labels), {
  en: 'Count, over every (positive, negative) pair, 1 when the positive scores higher and 0.5 for a tie, then divide by the number of pairs. With only one class there are no pairs: return NaN.',
  nb: 'Tell over hvert par (positiv, negativ) 1 når den positive har høyest skår og 0,5 ved likhet, og del på antall par. Med bare én klasse finnes ingen par: returner NaN.',
});

check('metrics.threshold', async () => {
  const outcomes = await rates.value();
  metricInputs.threshold.forEach((c, i) => {
    const want = thresholdRates(c.probabilities, c.labels, c.threshold ?? 0.5);
    const o = outcomes[i]!;
    const wrong = o.ok
      ? (['accuracy', 'sensitivity', 'specificity'] as const).filter((k) => !same(o.value[k], want[k]))
      : ['accuracy', 'sensitivity', 'specificity'];
    if (wrong.length > 0) {
      fail({
        message: {
          en: `thresholdMetrics is wrong for ${c.what.en}: ${wrong.join(', ')}.`,
          nb: `thresholdMetrics er feil for ${c.what.nb}: ${wrong.join(', ')}.`,
        },
        expected: {
          en: `accuracy ${fmt(want.accuracy)}, sensitivity ${fmt(want.sensitivity)}, specificity ${fmt(want.specificity)}`,
          nb: `nøyaktighet ${fmt(want.accuracy)}, sensitivitet ${fmt(want.sensitivity)}, spesifisitet ${fmt(want.specificity)}`,
        },
        found: o.ok
          ? {
              en: `accuracy ${fmt(o.value['accuracy'])}, sensitivity ${fmt(o.value['sensitivity'])}, specificity ${fmt(o.value['specificity'])}`,
              nb: `nøyaktighet ${fmt(o.value['accuracy'])}, sensitivitet ${fmt(o.value['sensitivity'])}, spesifisitet ${fmt(o.value['specificity'])}`,
            }
          : { en: `it threw ${o.error}`, nb: `den kastet ${o.error}` },
        hint: {
          en: 'Call a row positive when its probability is >= the threshold (0.5 when none is given). Sensitivity = true positives / all positives, specificity = true negatives / all negatives; 0 / 0 is NaN.',
          nb: 'Kall en rad positiv når sannsynligheten er >= terskelen (0,5 når ingen er gitt). Sensitivitet = sanne positive / alle positive, spesifisitet = sanne negative / alle negative; 0 / 0 er NaN.',
        },
      });
    }
  });
});

metricCheck('metrics.brier', briers, metricInputs.brier, 'brierScore', (c) => brierScore(c.probabilities, c.labels), {
  en: 'The Brier score is the mean over rows of (probability - label)^2.',
  nb: 'Brier-skåren er gjennomsnittet over radene av (sannsynlighet - etikett)^2.',
});

// ---------- the MLP, by 5-fold cross-validation ----------

interface FoldRun {
  built: Task<ModelDescription>;
  trained: Task<{ history: { loss: number[] } | null; model: ExportedModel }>;
  /** The held-out rows' probabilities, from the fold's trained MLP rebuilt here. */
  predicted: Task<Float32Array>;
  /** The same model on its own training rows, for hints only. */
  onTraining: Task<Float32Array>;
}
const mlpFolds: FoldRun[] = [];
for (let f = 0; f < FOLDS; f++) {
  const previous = mlpFolds[f - 1]?.trained;
  const sentBuilt = submission.task<ExportedModel>('mlp-build', 'build', () => ({ inputs: COLUMNS, fold: f }), previous ? [previous] : []);
  const trained = submission.task<{ history: { loss: number[] } | null; model: ExportedModel }>(
    'mlp-train',
    'train',
    () => {
      const d = foldData(f);
      return { xs: d.trainX, ys: d.trainY, columns: COLUMNS, fold: f };
    },
    [sentBuilt],
  );
  const built = derived(rebuilt(submission, sentBuilt), (m) => m.description);
  const final = rebuilt(submission, trained, (v) => v.model);
  const predicted = derived(final, (m) => predictRows(m.model, foldData(f).testX, foldRows(f).test.length, COLUMNS));
  const onTraining = derived(final, (m) => predictRows(m.model, foldData(f).trainX, foldRows(f).train.length, COLUMNS));
  mlpFolds.push({ built, trained, predicted, onTraining });
}

/** What the first fold's training says, for hints: its loss history, and its ROC AUC on training rows against held-out rows. */
async function mlpEvidence(): Promise<TrainingEvidence> {
  const first = mlpFolds[0]!;
  const history = (await settled(first.trained))?.history;
  const [train, test] = [await settled(first.onTraining), await settled(first.predicted)];
  const labelsOf = (rows: number[]) => Array.from(rows, (r) => data.labels[r]!);
  const measured = train && test ? { train: rocAuc(train, labelsOf(foldRows(0).train)), heldOut: rocAuc(test, labelsOf(foldRows(0).test)) } : {};
  return { loss: history?.loss ?? null, ...measured, scoreName: { en: 'ROC AUC in fold 1', nb: 'ROC AUC i fold 1' } };
}

const MALIGNANT: Localized = { en: 'malignant tumours', nb: 'ondartede svulster' };

check('mlp.shape', async () => {
  const m = await mlpFolds[0]!.built.value();
  if (shapeText(m.inputShape) !== `[null, ${COLUMNS}]` || shapeText(m.outputShape) !== '[null, 1]' || m.finalActivation !== 'sigmoid') {
    fail({
      message: { en: 'The MLP must take the 30 features and end in one probability.', nb: 'MLP-en må ta de 30 trekkene og ende i én sannsynlighet.' },
      expected: { en: `input [null, ${COLUMNS}], output [null, 1] with sigmoid`, nb: `inndata [null, ${COLUMNS}], utdata [null, 1] med sigmoid` },
      found: {
        en: `input ${shapeText(m.inputShape)}, output ${shapeText(m.outputShape)} with ${m.finalActivation ?? 'no activation (linear)'}`,
        nb: `inndata ${shapeText(m.inputShape)}, utdata ${shapeText(m.outputShape)} med ${m.finalActivation ?? 'ingen aktivering (lineær)'}`,
      },
      hint: {
        en: "First layer `inputShape: [inputs]`; last layer `tf.layers.dense({ units: 1, activation: 'sigmoid' })`, compiled with loss 'binaryCrossentropy'.",
        nb: "Første lag `inputShape: [inputs]`; siste lag `tf.layers.dense({ units: 1, activation: 'sigmoid' })`, kompilert med tapet 'binaryCrossentropy'.",
      },
    });
  }
});

/** The MLP's held-out probabilities, one per row of the table (each predicted by the model that did not train on it). */
async function outOfFold(): Promise<Float32Array> {
  const pooled = new Float32Array(data.count);
  for (let f = 0; f < FOLDS; f++) {
    const p = await mlpFolds[f]!.predicted.value();
    const { test } = foldRows(f);
    if (p.length !== test.length) {
      fail({
        message: { en: 'The MLP must give one probability per patient.', nb: 'MLP-en må gi én sannsynlighet per pasient.' },
        expected: { en: `${test.length} values`, nb: `${test.length} verdier` },
        found: `${p.length}`,
      });
    }
    test.forEach((row, i) => (pooled[row] = p[i]!));
  }
  return pooled;
}

function foldAucs(pooled: Float32Array): number[] {
  return Array.from({ length: FOLDS }, (_, f) => {
    const { test } = foldRows(f);
    return rocAuc(
      Array.from(test, (r) => pooled[r]!),
      Array.from(test, (r) => data.labels[r]!),
    );
  });
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

check('mlp.auc', async (api) => {
  const pooled = await outOfFold();
  const aucsByFold = foldAucs(pooled);
  const auc = mean(aucsByFold);
  api.metric({
    name: { en: 'MLP ROC AUC, mean of 5 folds', nb: 'MLP ROC AUC, gjennomsnitt over 5 folder' },
    value: Number(auc.toFixed(4)),
    threshold: MLP_AUC,
    comparator: '>=',
  });
  if (countNonFinite(pooled) > 0 || !(auc >= MLP_AUC)) {
    const reversed = reversedRankingHint(auc, MALIGNANT);
    fail({
      message: {
        en: 'The MLP does not separate malignant from benign well enough on held-out patients.',
        nb: 'MLP-en skiller ikke godt nok mellom ondartet og godartet hos pasienter den ikke har sett.',
      },
      expected: { en: `mean ROC AUC >= ${MLP_AUC} over 5 folds`, nb: `gjennomsnittlig ROC AUC >= ${MLP_AUC} over 5 folder` },
      found: {
        en: `${auc.toFixed(4)} (folds: ${aucsByFold.map((a) => a.toFixed(3)).join(', ')}${countNonFinite(pooled) > 0 ? `; ${countNonFinite(pooled)} NaN probabilities` : ''})`,
        nb: `${auc.toFixed(4)} (folder: ${aucsByFold.map((a) => a.toFixed(3)).join(', ')}${countNonFinite(pooled) > 0 ? `; ${countNonFinite(pooled)} NaN-sannsynligheter` : ''})`,
      },
      hint: [
        ...(reversed ? [reversed] : []),
        ...trainingHints(await mlpEvidence(), [
          {
            en: 'With 455 rows an epoch is a handful of steps: 50-100 epochs with batch size 32 and Adam(0.001) are quick.',
            nb: 'Med 455 rader er en epoke noen få steg: 50-100 epoker med batchstørrelse 32 og Adam(0,001) går fort.',
          },
          {
            en: 'One or two hidden layers of 16-32 relu units are enough for 30 features and a few hundred patients; dropout 0.2 keeps them from learning the patients by heart.',
            nb: 'Ett eller to skjulte lag med 16-32 relu-enheter holder for 30 trekk og noen hundre pasienter; dropout 0,2 hindrer dem i å pugge pasientene.',
          },
        ]),
      ],
    });
  }
});

check('mlp.calibration', async (api) => {
  const pooled = await outOfFold();
  const brier = brierScore(pooled, data.labels);
  api.metric({
    name: { en: 'Brier score of held-out probabilities', nb: 'Brier-skår for holdte-ut sannsynligheter' },
    value: Number(brier.toFixed(4)),
    threshold: MAX_BRIER,
    comparator: '<=',
  });
  if (!(brier <= MAX_BRIER)) {
    fail({
      message: {
        en: "The MLP's probabilities are not calibrated: they are far from the outcomes.",
        nb: 'Sannsynlighetene fra MLP-en er ikke kalibrerte: de ligger langt fra utfallene.',
      },
      expected: {
        en: `Brier score <= ${MAX_BRIER} (always saying 0.37, the share of malignant tumours, gives 0.23)`,
        nb: `Brier-skår <= ${MAX_BRIER} (å alltid si 0,37, andelen ondartede svulster, gir 0,23)`,
      },
      found: brier.toFixed(4),
      hint: {
        en: "End in a sigmoid and train with 'binaryCrossentropy', which rewards honest probabilities; stop before the model becomes overconfident.",
        nb: "Avslutt med sigmoid og tren med 'binaryCrossentropy', som belønner ærlige sannsynligheter; stopp før modellen blir overmodig.",
      },
    });
  }
});

// ---------- the in-context classifier ----------

/** Runs: the five folds, then fold 0 with every context label flipped, then fold 0 with its context rows shuffled. */
const contextRuns = submission.task<number[][]>('in-context', 'predict', () => {
  const runs = Array.from({ length: FOLDS }, (_, f) => {
    const d = foldData(f);
    return { contextX: d.trainX, contextY: d.trainY, queryX: d.testX, columns: COLUMNS };
  });
  const first = runs[0]!;
  const n = first.contextY.length;
  const order = Array.from({ length: n }, (_, i) => i);
  const r = createRandom(deriveSeed(caseSeed, 'context-shuffle'));
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const flipped = { ...first, contextY: first.contextY.map((y) => 1 - y) };
  const shuffled = { ...first, contextX: pickRows(first.contextX, COLUMNS, order), contextY: Uint8Array.from(order, (i) => first.contextY[i]!) };
  return { runs: [...runs, flipped, shuffled] };
});

check('in-context.auc', async (api) => {
  const runs = await contextRuns.value();
  const aucsByFold = Array.from({ length: FOLDS }, (_, f) =>
    rocAuc(
      runs[f]!,
      Array.from(foldRows(f).test, (r) => data.labels[r]!),
    ),
  );
  const auc = mean(aucsByFold);
  api.metric({
    name: { en: 'in-context ROC AUC, mean of 5 folds', nb: 'ROC AUC i kontekst, gjennomsnitt over 5 folder' },
    value: Number(auc.toFixed(4)),
    threshold: CONTEXT_AUC,
    comparator: '>=',
  });
  if (!(auc >= CONTEXT_AUC)) {
    const reversed = reversedRankingHint(auc, MALIGNANT);
    fail({
      message: {
        en: 'The in-context classifier does not separate malignant from benign well enough.',
        nb: 'Klassifikatoren i kontekst skiller ikke godt nok mellom ondartet og godartet.',
      },
      expected: { en: `mean ROC AUC >= ${CONTEXT_AUC} over 5 folds`, nb: `gjennomsnittlig ROC AUC >= ${CONTEXT_AUC} over 5 folder` },
      found: {
        en: `${auc.toFixed(4)} (folds: ${aucsByFold.map((a) => a.toFixed(3)).join(', ')})`,
        nb: `${auc.toFixed(4)} (folder: ${aucsByFold.map((a) => a.toFixed(3)).join(', ')})`,
      },
      hint: [
        ...(reversed ? [reversed] : []),
        {
          en: 'Score each context row by minus its squared distance to the query, divided by a temperature, softmax the scores, and return the weighted mean of the context labels.',
          nb: 'Gi hver kontekstrad skåren minus kvadratavstanden til spørreraden delt på en temperatur, ta softmax av skårene, og returner det vektede gjennomsnittet av kontekstetikettene.',
        },
        {
          en: 'The temperature sets how many neighbours count: too small and one nearest row decides; too large and every row counts the same (the prediction becomes the share of malignant rows). Try the square root of the number of columns.',
          nb: 'Temperaturen bestemmer hvor mange naboer som teller: for liten og én nærmeste rad avgjør; for stor og alle rader teller likt (prediksjonen blir andelen ondartede rader). Prøv kvadratroten av antall kolonner.',
        },
      ],
    });
  }
  // On a public table, predictions count only when they follow the labels they are shown: flip every
  // context label and a learner's ranking of the held-out patients reverses; a lookup's does not.
  const flippedAuc = rocAuc(
    runs[FOLDS]!,
    Array.from(foldRows(0).test, (r) => data.labels[r]!),
  );
  if (!(flippedAuc < 0.5)) {
    fail({
      message: {
        en: 'The ROC AUC does not count: with every context label flipped, your predictions still ranked the held-out patients the same way, so they do not come from the labelled context rows you were shown.',
        nb: 'ROC AUC teller ikke: med alle kontekstetikettene snudd rangerte prediksjonene dine fortsatt pasientene holdt utenfor på samme måte, så de kommer ikke fra de merkede kontekstradene du fikk.',
      },
      expected: {
        en: 'a ROC AUC below 0.5 against the true diagnoses when every context label is flipped',
        nb: 'ROC AUC under 0,5 mot de sanne diagnosene når alle kontekstetikettene er snudd',
      },
      found: { en: `ROC AUC ${flippedAuc.toFixed(4)} with flipped labels (fold 1)`, nb: `ROC AUC ${flippedAuc.toFixed(4)} med snudde etiketter (fold 1)` },
      hint: {
        en: 'Predict from the context rows and their labels each call: the weighted mean of the context labels, with weights from how similar each context row is to the query.',
        nb: 'Prediker fra kontekstradene og etikettene deres i hvert kall: det vektede gjennomsnittet av kontekstetikettene, med vekter fra hvor lik hver kontekstrad er spørreraden.',
      },
    });
  }
});

check('in-context.attention', async () => {
  const runs = await contextRuns.value();
  const [base, flipped, shuffled] = [runs[0]!, runs[FOLDS]!, runs[FOLDS + 1]!];
  const outside = base.findIndex((p) => !(p >= 0 && p <= 1));
  if (outside >= 0) {
    fail({
      message: { en: 'inContextPredict must return probabilities.', nb: 'inContextPredict må returnere sannsynligheter.' },
      expected: { en: 'values between 0 and 1', nb: 'verdier mellom 0 og 1' },
      found: { en: `${fmt(base[outside])} for query row ${outside}`, nb: `${fmt(base[outside])} for spørrerad ${outside}` },
    });
  }
  const flipOff = Math.max(...base.map((p, i) => Math.abs(flipped[i]! + p - 1)));
  if (!(flipOff <= 1e-4)) {
    fail({
      message: {
        en: 'Flipping every context label did not flip the predictions: the prediction must come from the labelled context rows.',
        nb: 'Å snu alle kontekstetikettene snudde ikke prediksjonene: prediksjonen må komme fra de merkede kontekstradene.',
      },
      expected: {
        en: 'p becomes 1 - p for every query row when every context label is flipped',
        nb: 'p blir 1 - p for hver spørrerad når alle kontekstetikettene snus',
      },
      found: { en: `a difference of up to ${flipOff.toFixed(4)}`, nb: `en forskjell på opptil ${flipOff.toFixed(4)}` },
      hint: {
        en: 'Return the attention-weighted mean of the context labels, with weights that depend only on the features (not on the labels), so that no class is favoured by itself.',
        nb: 'Returner det oppmerksomhetsvektede gjennomsnittet av kontekstetikettene, med vekter som bare avhenger av trekkene (ikke av etikettene), så ingen klasse favoriseres i seg selv.',
      },
    });
  }
  const shuffleOff = Math.max(...base.map((p, i) => Math.abs(shuffled[i]! - p)));
  if (!(shuffleOff <= 1e-4)) {
    fail({
      message: {
        en: 'Shuffling the context rows changed the predictions: attention over a set must not depend on the order of its rows.',
        nb: 'Å stokke kontekstradene endret prediksjonene: oppmerksomhet over en mengde skal ikke avhenge av rekkefølgen på radene.',
      },
      expected: {
        en: 'the same predictions for the same context rows in another order',
        nb: 'de samme prediksjonene for de samme kontekstradene i en annen rekkefølge',
      },
      found: { en: `a difference of up to ${shuffleOff.toFixed(4)}`, nb: `en forskjell på opptil ${shuffleOff.toFixed(4)}` },
      hint: {
        en: 'Use every context row, each through the same formula; do not keep only the first rows or weigh rows by position.',
        nb: 'Bruk hver kontekstrad, hver gjennom samme formel; ikke behold bare de første radene eller vekt rader etter posisjon.',
      },
    });
  }
});

pictures(async (save) => {
  const { rocPng } = await import('../../src/suite/kit/pictures.ts');
  const curves: { name: string; scores: number[]; labels: number[] }[] = [];
  const labels = Array.from(data.labels);
  const mlp = await Promise.all(mlpFolds.map((f) => settled(f.predicted)));
  if (mlp.every((p) => p !== undefined)) {
    const pooled = new Array<number>(data.count).fill(0);
    mlp.forEach((p, f) => foldRows(f).test.forEach((row, i) => (pooled[row] = p![i]!)));
    curves.push({ name: 'MLP', scores: pooled, labels });
  }
  const runs = await settled(contextRuns);
  if (runs) {
    const pooled = new Array<number>(data.count).fill(0);
    for (let f = 0; f < FOLDS; f++) foldRows(f).test.forEach((row, i) => (pooled[row] = runs[f]![i]!));
    curves.push({ name: t({ en: 'in-context', nb: 'i kontekst' }), scores: pooled, labels });
  }
  if (curves.length === 0) return;
  await save('roc-curves', () =>
    rocPng(
      t({ en: 'ROC on held-out patients (5 folds): malignant vs benign', nb: 'ROC på holdte-ut pasienter (5 folder): ondartet mot godartet' }),
      gradingContext().language,
      curves,
    ),
  );
});
