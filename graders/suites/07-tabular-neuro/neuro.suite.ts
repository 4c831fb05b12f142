/**
 * Hidden suite of 07-tabular-neuro. Check ids and points are in exercises/07-tabular-neuro/exercise.json.
 * The grader generates a synthetic training cohort and a held-out cohort from the exercise seed; the child
 * gets the held-out rows without their CDR. ROC AUC, the operating point at 90 % specificity and the
 * importance of each feature on the held-out cohort are computed here.
 */
import { generateCohort, type CohortRow } from '../../../datasets/neuro-cohort.ts';
import { createRandom, deriveSeed } from '../../../runtime/seed.ts';
import { beforeAll, check, derived, fail, gradingContext, pictures, settled, shapeText, t, useSubmission, type Localized } from '../../src/suite/harness.ts';
import { conceptChecks } from '../../src/suite/kit/concepts.ts';
import type { ExportedModel } from '../../src/core/exported-model.ts';
import { countNonFinite } from '../../src/suite/kit/metrics.ts';
import { predictRows } from '../../src/suite/kit/model-predict.ts';
import { rebuilt } from '../../src/suite/kit/model-rebuild.ts';
import { reversedRankingHint, trainingHints, type TrainingEvidence } from '../../src/suite/kit/training-evidence.ts';
import { rocAuc } from '../06-tabular-dl/reference.ts';
import { QUESTIONS } from './concepts.ts';
import type { ImportanceCase, Outcome, PlainPrepared, SensCase } from './driver.ts';

const submission = useSubmission();
// The concept questions run first: they need nothing but the submission's src/answers.ts.
conceptChecks(submission, QUESTIONS);
const { seed, caseSeed, thresholds } = gradingContext();
const MIN_AUC = thresholds['test-auc']!.value;
const MIN_SENSITIVITY = thresholds['sensitivity-at-90']!.value;
const TOLERANCE = thresholds['metric-tolerance']!.value;
const TRAIN_COUNT = 1200;
const HELD_OUT_COUNT = 800;
const SPECIFICITY = 0.9;

interface Cohort {
  /** Training rows, then held-out rows without CDR. */
  rows: CohortRow[];
  trainRows: number[];
  trainLabels: Uint8Array;
  heldOutLabels: Uint8Array;
  /** The same rows with half of the held-out rows changed (for the leakage check), and which. */
  perturbed: CohortRow[];
  changed: Set<number>;
}
let cohort: Cohort;

beforeAll(() => {
  const train = generateCohort({ count: TRAIN_COUNT, seed: deriveSeed(seed, 'train-cohort') });
  const heldOut = generateCohort({ count: HELD_OUT_COUNT, seed: deriveSeed(seed, 'held-out-cohort') });
  const rows = [...train, ...heldOut.map((r, i) => ({ ...r, id: `HELD_${String(i + 1).padStart(4, '0')}`, cdr: null }))];
  const r = createRandom(deriveSeed(seed, 'perturb'));
  const changed = new Set<number>();
  const perturbed = rows.map((row, i) => {
    if (i < TRAIN_COUNT || r() < 0.5) return row;
    changed.add(i);
    // Values far from the training rows' (still inside each column's range), and more missing values.
    return { ...row, age: 96, educ: 1, ses: null, mmse: r() < 0.5 ? null : 3, etiv: 1990, nwbv: 0.61, asf: 0.882 };
  });
  cohort = {
    rows,
    trainRows: train.map((_, i) => i),
    trainLabels: Uint8Array.from(train, (row) => (row.cdr! > 0 ? 1 : 0)),
    heldOutLabels: Uint8Array.from(heldOut, (row) => (row.cdr! > 0 ? 1 : 0)),
    perturbed,
    changed,
  };
});

const fmt = (x: unknown) => (typeof x === 'number' ? (Number.isNaN(x) ? 'NaN' : String(Number(x.toPrecision(6)))) : String(x));

// ---------- preparation ----------

const prepared = submission.task<PlainPrepared>('prepare', 'predict', () => ({ rows: cohort.rows, trainRows: cohort.trainRows }));
const preparedPerturbed = submission.task<PlainPrepared>('prepare', 'predict', () => ({ rows: cohort.perturbed, trainRows: cohort.trainRows }), [prepared]);

/** The prepared table, checked to have one finite value per row and column. */
async function preparedTable(): Promise<PlainPrepared> {
  const p = await prepared.value();
  const n = cohort.rows.length;
  if (p.columns.length === 0 || p.features.length !== n * p.columns.length) {
    fail({
      message: { en: 'prepare must return one row of features per participant.', nb: 'prepare må returnere én rad med trekk per deltaker.' },
      expected: {
        en: `${n} rows x ${p.columns.length || 'some'} columns = ${n * p.columns.length || 'n x columns'} values`,
        nb: `${n} rader x ${p.columns.length || 'noen'} kolonner = ${n * p.columns.length || 'n x kolonner'} verdier`,
      },
      found: { en: `${p.features.length} values for ${p.columns.length} columns`, nb: `${p.features.length} verdier for ${p.columns.length} kolonner` },
      hint: {
        en: 'Keep every row (do not drop rows with missing values: the grader needs a prediction for each participant) and give one name per column.',
        nb: 'Behold hver rad (ikke fjern rader med manglende verdier: retteren trenger en prediksjon for hver deltaker), og gi ett navn per kolonne.',
      },
    });
  }
  return p;
}

check('prep.complete', async () => {
  const p = await preparedTable();
  const bad = countNonFinite(p.features);
  if (bad > 0) {
    const first = p.features.findIndex((v) => !Number.isFinite(v));
    const row = Math.floor(first / p.columns.length);
    fail({
      message: {
        en: 'The prepared features still have missing (NaN) or infinite values.',
        nb: 'De forberedte trekkene har fortsatt manglende (NaN) eller uendelige verdier.',
      },
      expected: { en: 'a finite number in every cell', nb: 'et endelig tall i hver celle' },
      found: {
        en: `${bad} cells, the first in row ${row} (${cohort.rows[row]!.id}), column ${p.columns[first % p.columns.length]}: SES ${fmt(cohort.rows[row]!.ses)}, MMSE ${fmt(cohort.rows[row]!.mmse)}`,
        nb: `${bad} celler, den første i rad ${row} (${cohort.rows[row]!.id}), kolonne ${p.columns[first % p.columns.length]}: SES ${fmt(cohort.rows[row]!.ses)}, MMSE ${fmt(cohort.rows[row]!.mmse)}`,
      },
      hint: {
        en: 'Fill each missing SES and MMSE with a value learned from the training rows (the median is robust), and consider a 0/1 column saying it was missing: in a real cohort, a missing MMSE is itself informative.',
        nb: 'Fyll inn hver manglende SES og MMSE med en verdi lært fra treningsradene (medianen er robust), og vurder en 0/1-kolonne som sier at den manglet: i en ekte kohort er en manglende MMSE i seg selv informativ.',
      },
    });
  }
});

check('prep.train-only', async () => {
  const [a, b] = [await preparedTable(), await preparedPerturbed.value()];
  const width = a.columns.length;
  if (b.features.length !== a.features.length || b.columns.join() !== a.columns.join()) {
    fail({
      message: { en: 'prepare gave a different table shape when held-out rows changed.', nb: 'prepare ga en annen tabellform da holdte-ut rader endret seg.' },
      expected: { en: `${a.columns.length} columns: ${a.columns.join(', ')}`, nb: `${a.columns.length} kolonner: ${a.columns.join(', ')}` },
      found: { en: `${b.columns.length} columns: ${b.columns.join(', ')}`, nb: `${b.columns.length} kolonner: ${b.columns.join(', ')}` },
    });
  }
  let worst = { row: -1, column: 0, diff: 0 };
  for (let i = 0; i < a.features.length; i++) {
    const row = Math.floor(i / width);
    if (cohort.changed.has(row)) continue;
    const diff = Math.abs(a.features[i]! - b.features[i]!);
    if (diff > worst.diff) worst = { row, column: i % width, diff };
  }
  if (worst.diff > 1e-6) {
    const training = worst.row < TRAIN_COUNT;
    fail({
      message: training
        ? {
            en: 'Changing some held-out participants changed the features of training rows: the filling-in or the scaling was fitted on held-out rows too (data leakage).',
            nb: 'Å endre noen holdte-ut deltakere endret trekkene til treningsrader: utfyllingen eller skaleringen ble tilpasset på holdte-ut rader også (datalekkasje).',
          }
        : {
            en: 'Changing some held-out participants changed the features of other held-out participants: held-out rows were transformed with statistics of the held-out rows (data leakage).',
            nb: 'Å endre noen holdte-ut deltakere endret trekkene til andre holdte-ut deltakere: holdte-ut rader ble transformert med statistikk fra de holdte-ut radene (datalekkasje).',
          },
      expected: {
        en: `the features of every row that did not change stay the same: medians, means and standard deviations from the ${TRAIN_COUNT} training rows only`,
        nb: `trekkene til hver rad som ikke ble endret, forblir de samme: medianer, gjennomsnitt og standardavvik bare fra de ${TRAIN_COUNT} treningsradene`,
      },
      found: {
        en: `row ${worst.row} (${cohort.rows[worst.row]!.id}, a ${training ? 'training' : 'held-out'} row), column ${a.columns[worst.column]}: ${fmt(a.features[worst.row * width + worst.column])} became ${fmt(b.features[worst.row * width + worst.column])}`,
        nb: `rad ${worst.row} (${cohort.rows[worst.row]!.id}, ${training ? 'en treningsrad' : 'en holdt-ut rad'}), kolonne ${a.columns[worst.column]}: ${fmt(a.features[worst.row * width + worst.column])} ble ${fmt(b.features[worst.row * width + worst.column])}`,
      },
      hint: {
        en: 'Compute every statistic (the medians you fill in with, the means and standard deviations you scale with) over `trainRows` only, then transform all rows with them. A new patient in the clinic arrives alone: preparing them must not depend on other new patients.',
        nb: 'Regn ut all statistikk (medianene du fyller inn med, gjennomsnittene og standardavvikene du skalerer med) bare over `trainRows`, og transformer så alle rader med dem. En ny pasient i klinikken kommer alene: forberedelsen av henne kan ikke avhenge av andre nye pasienter.',
      },
    });
  }
});

// ---------- sensitivity at a fixed specificity ----------

/** The operating point, by brute force over every candidate threshold. */
function referencePoint(scores: number[], labels: number[], target: number): { threshold: number; sensitivity: number; specificity: number } {
  const positives = labels.filter((l) => l === 1).length;
  const negatives = labels.length - positives;
  let best = { threshold: Number.POSITIVE_INFINITY, sensitivity: 0, specificity: 1 };
  for (const threshold of new Set(scores)) {
    const sensitivity = scores.filter((s, i) => labels[i] === 1 && s >= threshold).length / positives;
    const specificity = scores.filter((s, i) => labels[i] !== 1 && s < threshold).length / negatives;
    if (specificity >= target && (sensitivity > best.sensitivity || (sensitivity === best.sensitivity && threshold < best.threshold)))
      best = { threshold, sensitivity, specificity };
  }
  return best;
}

function sensCases(): (SensCase & { what: Localized })[] {
  // Drawn for each submission (the case seed: the exercise seed and the submission's hash).
  const r = createRandom(deriveSeed(caseSeed, 'sens-cases'));
  const labels = Array.from({ length: 80 }, () => (r() < 0.3 ? 1 : 0));
  const scores = labels.map((l) => Math.round((0.35 * l + 0.65 * r()) * 40) / 40);
  const distinct = (n: number): number[] => {
    const values = new Set<number>();
    while (values.size < n) values.add(Math.round(1 + r() * 98) / 100);
    return [...values];
  };
  const tie = distinct(1)[0]!;
  const [below, above] = distinct(2).sort((a, b) => a - b) as [number, number];
  const same = distinct(1)[0]!;
  return [
    {
      what: { en: 'a small case at 75 % specificity', nb: 'et lite eksempel ved 75 % spesifisitet' },
      scores: distinct(8),
      labels: [0, 0, 0, 0, 0, 0, 1, 1],
      target: 0.75,
    },
    {
      what: { en: 'ties at the threshold', nb: 'like skårer ved terskelen' },
      scores: [tie, tie, tie, Math.min(below, tie / 2), Math.max(above, (1 + tie) / 2), tie],
      labels: [1, 0, 0, 0, 1, 1],
      target: 0.5,
    },
    { what: { en: '80 random rows at 90 % specificity', nb: '80 tilfeldige rader ved 90 % spesifisitet' }, scores, labels, target: 0.9 },
    { what: { en: 'a target no threshold reaches', nb: 'et mål som ingen terskel når' }, scores: [same, same, same], labels: [1, 0, 0], target: 0.9 },
  ];
}
const sensInputs = sensCases();
const sens = submission.task<Outcome<Record<string, unknown>>[]>('sens-at-spec', 'predict', () => ({ cases: sensInputs.map(({ what: _what, ...c }) => c) }));

check('metrics.sens-at-spec', async () => {
  const outcomes = await sens.value();
  sensInputs.forEach((c, i) => {
    const want = referencePoint(c.scores, c.labels, c.target);
    const o = outcomes[i]!;
    const same = (got: unknown, w: number) => typeof got === 'number' && (got === w || Math.abs(got - w) <= TOLERANCE);
    if (
      !o.ok ||
      !same(o.value['threshold'], want.threshold) ||
      !same(o.value['sensitivity'], want.sensitivity) ||
      !same(o.value['specificity'], want.specificity)
    ) {
      fail({
        message: { en: `sensitivityAtSpecificity is wrong for ${c.what.en}.`, nb: `sensitivityAtSpecificity er feil for ${c.what.nb}.` },
        expected: {
          en: `threshold ${fmt(want.threshold)}, sensitivity ${fmt(want.sensitivity)}, specificity ${fmt(want.specificity)}`,
          nb: `terskel ${fmt(want.threshold)}, sensitivitet ${fmt(want.sensitivity)}, spesifisitet ${fmt(want.specificity)}`,
        },
        found: o.ok
          ? {
              en: `threshold ${fmt(o.value['threshold'])}, sensitivity ${fmt(o.value['sensitivity'])}, specificity ${fmt(o.value['specificity'])}`,
              nb: `terskel ${fmt(o.value['threshold'])}, sensitivitet ${fmt(o.value['sensitivity'])}, spesifisitet ${fmt(o.value['specificity'])}`,
            }
          : { en: `it threw ${o.error}`, nb: `den kastet ${o.error}` },
        hint: {
          en: 'Try each distinct score as the threshold (positive when score >= threshold); keep those whose specificity reaches the target, and of them the one with the highest sensitivity, the lowest threshold on a tie. When none reaches it, return threshold Infinity.',
          nb: 'Prøv hver forskjellige skår som terskel (positiv når skår >= terskel); behold dem der spesifisiteten når målet, og av dem den med høyest sensitivitet, den laveste terskelen ved likhet. Når ingen når målet, returner terskel Infinity.',
        },
      });
    }
  });
});

// ---------- permutation importance ----------

function importanceCases(): (ImportanceCase & { what: string })[] {
  const r = createRandom(deriveSeed(caseSeed, 'importance-cases'));
  const n = 200;
  const labels = Array.from({ length: n }, () => (r() < 0.4 ? 1 : 0));
  // Column 0 carries the label, column 1 is noise, column 2 a copy of the noise.
  const features = new Float32Array(n * 3);
  labels.forEach((l, i) => {
    features[i * 3] = l + 0.6 * (r() - 0.5);
    features[i * 3 + 1] = r();
    features[i * 3 + 2] = features[i * 3 + 1]!;
  });
  const importanceSeed = deriveSeed(caseSeed, 'importance') % 10_000;
  return [
    { what: 'the column the model uses', features, labels, columns: 3, column: 0, seed: importanceSeed, uses: 0 },
    { what: 'a column the model ignores', features, labels, columns: 3, column: 1, seed: importanceSeed, uses: 0 },
    { what: 'the column the model uses, same seed again', features, labels, columns: 3, column: 0, seed: importanceSeed, uses: 0 },
  ];
}
const importanceInputs = importanceCases();
const importance = submission.task<{ result: Outcome<number>; unchanged: boolean }[]>('importance', 'predict', () => ({
  cases: importanceInputs.map(({ what: _what, ...c }) => c),
}));

check('explain.permutation', async () => {
  const [used, ignored, again] = await importance.value();
  const value = (o: { result: Outcome<number> }) => (o.result.ok ? o.result.value : Number.NaN);
  const problems: Localized[] = [];
  const named = [
    [{ en: 'used column', nb: 'brukt kolonne' }, used!],
    [{ en: 'ignored column', nb: 'ignorert kolonne' }, ignored!],
    [{ en: 'same seed', nb: 'samme frø' }, again!],
  ] as const;
  for (const [name, o] of named) {
    if (!o.result.ok) problems.push({ en: `${name.en}: it threw ${o.result.error}`, nb: `${name.nb}: den kastet ${o.result.error}` });
    if (!o.unchanged) problems.push({ en: `${name.en}: the features passed in were changed`, nb: `${name.nb}: trekkene som ble sendt inn, ble endret` });
  }
  if (problems.length === 0 && !(value(used!) > 0.25)) {
    problems.push({
      en: `a model scoring rows by column 0 alone lost only ${fmt(value(used!))} ROC AUC when column 0 was shuffled (expected a large drop, above 0.25)`,
      nb: `en modell som skårer radene bare etter kolonne 0, tapte bare ${fmt(value(used!))} ROC AUC da kolonne 0 ble stokket (forventet et stort fall, over 0,25)`,
    });
  }
  if (problems.length === 0 && !(Math.abs(value(ignored!)) <= 1e-12)) {
    problems.push({
      en: `shuffling a column the model ignores changed its ROC AUC by ${fmt(value(ignored!))} (expected exactly 0)`,
      nb: `stokking av en kolonne modellen ignorerer, endret ROC AUC-en dens med ${fmt(value(ignored!))} (forventet nøyaktig 0)`,
    });
  }
  if (problems.length === 0 && value(again!) !== value(used!))
    problems.push({
      en: `the same seed gave ${fmt(value(used!))} and then ${fmt(value(again!))}`,
      nb: `det samme frøet ga ${fmt(value(used!))} og deretter ${fmt(value(again!))}`,
    });
  if (problems.length > 0) {
    fail({
      message: {
        en: 'permutationImportance does not measure what shuffling a column costs.',
        nb: 'permutationImportance måler ikke hva det koster å stokke en kolonne.',
      },
      expected: {
        en: 'AUC before minus AUC after shuffling only that column (with the seed), the input left unchanged',
        nb: 'AUC før minus AUC etter stokking av bare den kolonnen (med frøet), med inndataene uendret',
      },
      found: { en: problems.map((q) => q.en).join('; '), nb: problems.map((q) => q.nb).join('; ') },
      hint: {
        en: 'Copy the features (features.slice()), shuffle the chosen column between rows with createRandom(seed), leave every other column as it is, and return rocAuc(predict(original)) - rocAuc(predict(copy)).',
        nb: 'Kopier trekkene (features.slice()), stokk den valgte kolonnen mellom radene med createRandom(seed), la alle andre kolonner være, og returner rocAuc(predict(original)) - rocAuc(predict(kopi)).',
      },
    });
  }
});

// ---------- the model on the held-out cohort ----------

const sentBuilt = submission.task<ExportedModel>('build', 'build', async () => ({ inputs: (await prepared.value()).columns.length }), [preparedPerturbed]);
const built = derived(rebuilt(submission, sentBuilt), (m) => m.description);
const trained = submission.task<{ history: { loss: number[] } | null; model: ExportedModel }>(
  'train',
  'train',
  async () => {
    const p = await prepared.value();
    const width = p.columns.length;
    return { xs: p.features.slice(0, TRAIN_COUNT * width), ys: cohort.trainLabels, columns: width };
  },
  [sentBuilt],
);

/**
 * The trained model's probabilities, computed here: for the held-out rows' features, then for one copy per
 * column with that column shuffled (the grader's own permutation importance).
 */
const final = rebuilt(submission, trained, (v) => v.model);
/** The trained model on its own training rows, for hints only. */
const onTraining = derived(final, async ({ model }) => {
  const p = await prepared.value();
  return predictRows(model, p.features.slice(0, TRAIN_COUNT * p.columns.length), TRAIN_COUNT, p.columns.length);
});

/** What training says, for hints: the loss history returned, and ROC AUC on training rows against held-out rows. */
async function evidence(heldOutAuc: number): Promise<TrainingEvidence> {
  const history = (await settled(trained))?.history;
  const train = await settled(onTraining);
  return {
    loss: history?.loss ?? null,
    ...(train ? { train: rocAuc(train, cohort.trainLabels), heldOut: heldOutAuc } : {}),
    scoreName: { en: 'ROC AUC', nb: 'ROC AUC' },
  };
}

const predicted = derived(final, async ({ model }) => {
  const p = await prepared.value();
  const width = p.columns.length;
  const heldOut = p.features.slice(TRAIN_COUNT * width);
  const r = createRandom(deriveSeed(seed, 'grader-permutation'));
  const order = Array.from({ length: HELD_OUT_COUNT }, (_, i) => i);
  for (let i = HELD_OUT_COUNT - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const tables = [heldOut];
  for (let c = 0; c < width; c++) {
    const copy = heldOut.slice();
    for (let row = 0; row < HELD_OUT_COUNT; row++) copy[row * width + c] = heldOut[order[row]! * width + c]!;
    tables.push(copy);
  }
  return tables.map((xs) => predictRows(model, xs, HELD_OUT_COUNT, width));
});

check('model.shape', async () => {
  const [m, p] = [await built.value(), await prepared.value()];
  if (shapeText(m.inputShape) !== `[null, ${p.columns.length}]` || shapeText(m.outputShape) !== '[null, 1]' || m.finalActivation !== 'sigmoid') {
    fail({
      message: {
        en: 'The model must take your prepared features and end in one probability.',
        nb: 'Modellen må ta de forberedte trekkene dine og ende i én sannsynlighet.',
      },
      expected: {
        en: `input [null, ${p.columns.length}] (your ${p.columns.length} columns), output [null, 1] with sigmoid`,
        nb: `inndata [null, ${p.columns.length}] (dine ${p.columns.length} kolonner), utdata [null, 1] med sigmoid`,
      },
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

check('model.auc', async (api) => {
  const [tables, p] = [await predicted.value(), await prepared.value()];
  const scores = tables[0]!;
  const auc = rocAuc(scores, cohort.heldOutLabels);
  api.metric({ name: { en: 'held-out ROC AUC', nb: 'ROC AUC på holdte-ut deltakere' }, value: Number(auc.toFixed(4)), threshold: MIN_AUC, comparator: '>=' });
  if (countNonFinite(scores) > 0 || !(auc >= MIN_AUC)) {
    const reversed = reversedRankingHint(auc, { en: 'participants with dementia', nb: 'deltakerne med demens' });
    fail({
      message: {
        en: 'The model does not separate dementia from healthy ageing well enough in the held-out cohort.',
        nb: 'Modellen skiller ikke godt nok mellom demens og normal aldring i den holdte-ut kohorten.',
      },
      expected: {
        en: `ROC AUC >= ${MIN_AUC} on ${HELD_OUT_COUNT} held-out participants`,
        nb: `ROC AUC >= ${MIN_AUC} på ${HELD_OUT_COUNT} holdte-ut deltakere`,
      },
      found:
        countNonFinite(scores) > 0
          ? {
              en: `${countNonFinite(scores)} of ${HELD_OUT_COUNT} probabilities are NaN, so the participants cannot be ranked: look at prepare's missing values`,
              nb: `${countNonFinite(scores)} av ${HELD_OUT_COUNT} sannsynligheter er NaN, så deltakerne kan ikke rangeres: se på de manglende verdiene i prepare`,
            }
          : auc.toFixed(4),
      hint: [
        ...(reversed ? [reversed] : []),
        ...trainingHints(await evidence(auc), [
          {
            en: 'Use the columns that carry the signal (age, MMSE, nWBV), standardised; a small MLP or even one sigmoid unit (logistic regression) trained for 30-50 epochs reaches it.',
            nb: 'Bruk kolonnene som bærer signalet (alder, MMSE, nWBV), standardisert; en liten MLP eller bare én sigmoid-enhet (logistisk regresjon) trent i 30-50 epoker når det.',
          },
          {
            en: 'Check the labels you train on: 1 for CDR > 0 (any dementia), 0 for CDR 0. The grader passes them to trainModel as ys.',
            nb: 'Sjekk etikettene du trener på: 1 for CDR > 0 (all demens), 0 for CDR 0. Retteren gir dem til trainModel som ys.',
          },
        ]),
      ],
    });
  }
  // Which columns the model relies on: the grader's own permutation importance on the held-out cohort.
  const drops = p.columns.map((name, c) => ({ name, drop: auc - rocAuc(tables[c + 1]!, cohort.heldOutLabels) })).sort((x, y) => y.drop - x.drop);
  const top = drops
    .slice(0, 3)
    .map((d) => `${d.name} ${d.drop.toFixed(3)}`)
    .join(', ');
  api.note({
    en: `Your model relies most on: ${top} (ROC AUC lost when the column is shuffled).`,
    nb: `Modellen din lener seg mest på: ${top} (ROC AUC tapt når kolonnen stokkes).`,
  });
});

check('model.sensitivity', async (api) => {
  const scores = (await predicted.value())[0]!;
  const point = referencePoint(Array.from(scores), Array.from(cohort.heldOutLabels), SPECIFICITY);
  api.metric({
    name: { en: 'sensitivity at 90 % specificity', nb: 'sensitivitet ved 90 % spesifisitet' },
    value: Number(point.sensitivity.toFixed(4)),
    threshold: MIN_SENSITIVITY,
    comparator: '>=',
  });
  if (!(point.sensitivity >= MIN_SENSITIVITY)) {
    fail({
      message: {
        en: 'As a screening test held at 90 % specificity, the model finds too few of the participants with dementia.',
        nb: 'Som en screeningtest holdt på 90 % spesifisitet finner modellen for få av deltakerne med demens.',
      },
      expected: {
        en: `sensitivity >= ${MIN_SENSITIVITY} at specificity >= ${SPECIFICITY}`,
        nb: `sensitivitet >= ${MIN_SENSITIVITY} ved spesifisitet >= ${SPECIFICITY}`,
      },
      found: {
        en: `${point.sensitivity.toFixed(3)} (threshold ${fmt(point.threshold)}, specificity ${point.specificity.toFixed(3)})`,
        nb: `${point.sensitivity.toFixed(3)} (terskel ${fmt(point.threshold)}, spesifisitet ${point.specificity.toFixed(3)})`,
      },
      hint: {
        en: 'This follows the ROC AUC: a model that ranks participants better also finds more of them at a fixed specificity.',
        nb: 'Dette følger ROC AUC: en modell som rangerer deltakerne bedre, finner også flere av dem ved fast spesifisitet.',
      },
    });
  }
});

pictures(async (save) => {
  const tables = await settled(predicted);
  if (!tables) return;
  const { rocPng } = await import('../../src/suite/kit/pictures.ts');
  const scores = Array.from(tables[0]!);
  const labels = Array.from(cohort.heldOutLabels);
  const point = referencePoint(scores, labels, SPECIFICITY);
  await save('roc-curve', () =>
    rocPng(
      t({ en: 'Dementia in the held-out cohort: ROC of your model', nb: 'Demens i den holdte-ut kohorten: ROC for modellen din' }),
      gradingContext().language,
      [{ name: t({ en: 'your model', nb: 'din modell' }), scores, labels }],
      [
        {
          name: t({
            en: `90 % specificity: sensitivity ${point.sensitivity.toFixed(2)}`,
            nb: `90 % spesifisitet: sensitivitet ${point.sensitivity.toFixed(2)}`,
          }),
          fpr: 1 - point.specificity,
          tpr: point.sensitivity,
        },
      ],
    ),
  );
});
