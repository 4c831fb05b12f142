/**
 * Hidden suite of 00-from-python. Check ids and points are in exercises/00-from-python/exercise.json.
 * The array and tensor functions get inputs drawn for each submission (the case seed) and are compared with
 * values computed here. The model is trained in the child on 400 patients and sent back as data; the grader
 * rebuilds it and measures the loss on the training patients and the accuracy on 2,000 held-out patients
 * drawn from the case seed, whose labels never leave this process.
 */
import { generatePatients } from '../../../datasets/blood-values.ts';
import { createRandom, deriveSeed } from '../../../runtime/seed.ts';
import { beforeAll, check, derived, fail, gradingContext, recordCurve, settled, shapeText, useSubmission, type Localized } from '../../src/suite/harness.ts';
import { conceptChecks } from '../../src/suite/kit/concepts.ts';
import type { ExportedModel } from '../../src/core/exported-model.ts';
import { countNonFinite } from '../../src/suite/kit/metrics.ts';
import { predictRows } from '../../src/suite/kit/model-predict.ts';
import { rebuilt } from '../../src/suite/kit/model-rebuild.ts';
import { trainingHints, type TrainingEvidence } from '../../src/suite/kit/training-evidence.ts';
import { QUESTIONS } from './concepts.ts';
import type { Outcome } from './driver.ts';

const submission = useSubmission();
const { seed, caseSeed, thresholds } = gradingContext();
const TOLERANCE = thresholds['tolerance']!.value;
const STATS_TOLERANCE = thresholds['stats-tolerance']!.value;
const MIN_ACCURACY = thresholds['test-accuracy']!.value;
const TRAIN_COUNT = 400;
const TEST_COUNT = 2000;

conceptChecks(submission, QUESTIONS);

// ---------- arrays and typed arrays ----------

const random = createRandom(deriveSeed(caseSeed, 'arrays'));
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const value = () => Math.round((random() * 200 - 100) * 1000) / 1000;

const statsCases: number[][] = Array.from({ length: 8 }, (_, i) => Array.from({ length: i === 0 ? 1 : int(2, 40) }, value));
const matrix = (rows: number, columns: number) => Array.from({ length: rows }, () => Array.from({ length: columns }, () => random() * 10 - 5));
const floatCases: number[][][] = [...Array.from({ length: 5 }, () => matrix(int(1, 6), int(1, 6))), []];
const raggedCase: number[][] = (() => {
  const rows = matrix(int(3, 5), int(2, 4));
  const at = int(1, rows.length - 1);
  rows[at] = rows[at]!.slice(0, -1);
  return rows;
})();
const affineCases = Array.from({ length: 5 }, () => {
  const [n, k, m] = [int(1, 6), int(1, 5), int(1, 4)];
  return { x: matrix(n, k), w: matrix(k, m), b: Array.from({ length: m }, () => random() * 2 - 1) };
});

const stats = submission.task<Outcome<{ mean: number | string; std: number | string }>[]>('mean-std', 'predict', () => ({ cases: statsCases }));
const floats = submission.task<Outcome<{ type: string; values: number[] }>[]>('float32', 'predict', () => ({ cases: [...floatCases, raggedCase] }));
const affines = submission.task<Outcome<{ rows: (number | string)[][] | null; type: string }>[]>('affine', 'predict', () => ({ cases: affineCases }));

const list = (xs: readonly number[], max = 6) =>
  `[${xs
    .slice(0, max)
    .map((x) => Number(x.toPrecision(6)))
    .join(', ')}${xs.length > max ? ', …' : ''}]`;
const close = (got: unknown, want: number, tolerance: number) => typeof got === 'number' && Math.abs(got - want) <= tolerance * (1 + Math.abs(want));
const threw = (error: string): Localized => ({ en: `it threw ${error}`, nb: `den kastet ${error}` });
/** A { mean, std } result as code. */
const statsText = (mean: unknown, std: unknown): string => ['{ mean: ', String(mean), ', std: ', String(std), ' }'].join('');

check('arrays.mean-std', async () => {
  const got = await stats.value();
  statsCases.forEach((values, i) => {
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    const o = got[i]!;
    if (o.ok && close(o.value.mean, mean, STATS_TOLERANCE) && close(o.value.std, std, STATS_TOLERANCE)) return;
    fail({
      message: {
        en: `meanAndStd(${list(values)}) is wrong (${values.length} ${values.length === 1 ? 'value' : 'values'}).`,
        nb: `meanAndStd(${list(values)}) er feil (${values.length} ${values.length === 1 ? 'verdi' : 'verdier'}).`,
      },
      expected: statsText(Number(mean.toPrecision(10)), Number(std.toPrecision(10))),
      found: o.ok ? statsText(o.value.mean, o.value.std) : threw(o.error),
      hint: {
        en: "Sum the values in a loop and divide by values.length for the mean; then sum (value - mean) ** 2, divide by values.length (not length - 1: NumPy's default) and take Math.sqrt.",
        nb: 'Summer verdiene i en løkke og del på values.length for gjennomsnittet; summer så (verdi - gjennomsnitt) ** 2, del på values.length (ikke length - 1: NumPys standard) og ta Math.sqrt.',
      },
    });
  });
});

check('arrays.float32', async () => {
  const got = await floats.value();
  floatCases.forEach((rows, i) => {
    const want = rows.flat().map(Math.fround);
    const o = got[i]!;
    const shape = `${rows.length}x${rows[0]?.length ?? 0}`;
    if (!o.ok)
      fail({
        message: { en: `toFloat32 threw on a ${shape} table.`, nb: `toFloat32 kastet en feil på en ${shape}-tabell.` },
        expected: { en: 'a Float32Array', nb: 'en Float32Array' },
        found: threw(o.error),
      });
    if (o.value.type !== 'Float32Array') {
      fail({
        message: { en: 'toFloat32 must return a Float32Array.', nb: 'toFloat32 må returnere en Float32Array.' },
        expected: { en: 'a Float32Array', nb: 'en Float32Array' },
        found: o.value.type,
        hint: {
          en: 'Make it with `new Float32Array(rows.length * width)` and fill it in.',
          nb: 'Lag den med `new Float32Array(rows.length * width)` og fyll den.',
        },
      });
    }
    const at = want.length !== o.value.values.length ? -1 : want.findIndex((w, k) => o.value.values[k] !== w);
    if (want.length !== o.value.values.length || at >= 0) {
      fail({
        message:
          at < 0
            ? { en: `toFloat32 gave the wrong number of values for a ${shape} table.`, nb: `toFloat32 ga feil antall verdier for en ${shape}-tabell.` }
            : {
                en: `toFloat32 put a wrong value at index ${at} of a ${shape} table (row ${Math.floor(at / rows[0]!.length)}, column ${at % rows[0]!.length}).`,
                nb: `toFloat32 la en feil verdi på indeks ${at} i en ${shape}-tabell (rad ${Math.floor(at / rows[0]!.length)}, kolonne ${at % rows[0]!.length}).`,
              },
        expected: at < 0 ? { en: `${want.length} values`, nb: `${want.length} verdier` } : String(want[at]),
        found: at < 0 ? { en: `${o.value.values.length} values`, nb: `${o.value.values.length} verdier` } : String(o.value.values[at]),
        hint: {
          en: 'Row i, column j goes to index i * width + j, where width is the length of a row.',
          nb: 'Rad i, kolonne j havner på indeks i * width + j, der width er lengden på en rad.',
        },
      });
    }
  });
  const ragged = got[floatCases.length]!;
  if (ragged.ok) {
    fail({
      message: {
        en: `toFloat32 accepted a table whose rows have different lengths (${raggedCase.map((r) => r.length).join(', ')} values): a model given such data would read the numbers in the wrong places.`,
        nb: `toFloat32 godtok en tabell der radene har forskjellig lengde (${raggedCase.map((r) => r.length).join(', ')} verdier): en modell som fikk slike data ville lest tallene på feil plass.`,
      },
      expected: { en: 'an Error naming the row', nb: 'en Error som nevner raden' },
      found: { en: 'no error', nb: 'ingen feil' },
      hint: {
        en: "Compare each row.length with the first row's, and `throw new Error(...)` saying which row differs.",
        nb: 'Sammenlign hver row.length med den første radens, og `throw new Error(...)` som sier hvilken rad som avviker.',
      },
    });
  }
});

// ---------- tensors ----------

check('tensors.affine', async () => {
  const got = await affines.value();
  affineCases.forEach((c, i) => {
    const want = c.x.map((row) => c.b.map((bias, j) => row.reduce((sum, v, k) => sum + v * c.w[k]![j]!, bias)));
    const shape = `[${c.x.length}, ${c.x[0]!.length}] @ [${c.w.length}, ${c.w[0]!.length}] + [${c.b.length}]`;
    const o = got[i]!;
    if (!o.ok)
      fail({
        message: { en: `affine threw for ${shape}.`, nb: `affine kastet en feil for ${shape}.` },
        expected: { en: 'nested arrays of numbers', nb: 'nøstede tabeller med tall' },
        found: threw(o.error),
      });
    const rows = o.value.rows;
    if (!rows) {
      fail({
        message: { en: 'affine must return the values as nested arrays (number[][]).', nb: 'affine må returnere verdiene som nøstede tabeller (number[][]).' },
        expected: { en: 'nested arrays of numbers (number[][])', nb: 'nøstede tabeller med tall (number[][])' },
        found: o.value.type,
        hint: {
          en: "Read a tensor's values with `await y.array()` (a tf.Tensor2D gives number[][]), like `.tolist()` in NumPy.",
          nb: 'Les verdiene til en tensor med `await y.array()` (en tf.Tensor2D gir number[][]), som `.tolist()` i NumPy.',
        },
      });
    }
    const outShape = `[${rows.length}, ${rows[0]?.length ?? 0}]`;
    if (rows.length !== want.length || rows.some((r) => r.length !== want[0]!.length)) {
      fail({
        message: { en: `affine returned the wrong shape for ${shape}.`, nb: `affine returnerte feil form for ${shape}.` },
        expected: `[${want.length}, ${want[0]!.length}]`,
        found: outShape,
        hint: {
          en: 'x is [n, k] and w is [k, m], so x @ w is [n, m]; b (m values) is added to every row by broadcasting: tf.matMul(x, w).add(b).',
          nb: 'x er [n, k] og w er [k, m], så x @ w er [n, m]; b (m verdier) legges til hver rad ved kringkasting (broadcasting): tf.matMul(x, w).add(b).',
        },
      });
    }
    for (let r = 0; r < want.length; r++) {
      for (let j = 0; j < want[r]!.length; j++) {
        if (close(rows[r]![j], want[r]![j]!, TOLERANCE)) continue;
        fail({
          message: {
            en: `affine gave a wrong value for ${shape}, at row ${r}, column ${j}.`,
            nb: `affine ga en feil verdi for ${shape}, i rad ${r}, kolonne ${j}.`,
          },
          expected: want[r]![j]!.toFixed(5),
          found: String(rows[r]![j]),
          hint: {
            en: 'Each output is a weighted sum plus a bias: y[i][j] = b[j] + the sum over k of x[i][k] * w[k][j]. In TensorFlow.js: tf.tensor2d(x).matMul(tf.tensor2d(w)).add(tf.tensor1d(b)).',
            nb: 'Hver utgang er en vektet sum pluss et konstantledd: y[i][j] = b[j] + summen over k av x[i][k] * w[k][j]. I TensorFlow.js: tf.tensor2d(x).matMul(tf.tensor2d(w)).add(tf.tensor1d(b)).',
          },
        });
      }
    }
  });
});

// ---------- the model ----------

let train: ReturnType<typeof generatePatients>;
let test: ReturnType<typeof generatePatients>;
beforeAll(async () => {
  train = generatePatients({ count: TRAIN_COUNT, seed: deriveSeed(seed, 'train-patients') });
  // Held out: drawn for this submission, labelled without noise (the true normal range), never sent to the child.
  test = generatePatients({ count: TEST_COUNT, seed: deriveSeed(caseSeed, 'held-out-patients'), noise: 0 });
  await submission.stageData('train-features.f32', train.features);
  await submission.stageData('train-labels.u8', train.labels);
});

const sentBuilt = submission.task<ExportedModel>('build', 'build');
const trained = submission.task<{ history: { loss: number[]; accuracy?: number[] } | null; model: ExportedModel }>(
  'train',
  'train',
  () => ({ count: TRAIN_COUNT }),
  [sentBuilt],
);
const built = derived(rebuilt(submission, sentBuilt), (m) => m.description);
const before = derived(rebuilt(submission, sentBuilt), (m) => predictRows(m.model, train.features, TRAIN_COUNT, 2));
const final = rebuilt(submission, trained, (v) => v.model);
const after = derived(final, (m) => predictRows(m.model, train.features, TRAIN_COUNT, 2));
const heldOut = derived(final, (m) => predictRows(m.model, test.features, TEST_COUNT, 2));

/** Mean binary cross-entropy (clipped like Keras, 1e-7) of one probability per patient. */
function binaryLoss(p: Float32Array, labels: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const q = Math.min(1 - 1e-7, Math.max(1e-7, p[i]!));
    sum -= labels[i] ? Math.log(q) : Math.log(1 - q);
  }
  return sum / labels.length;
}

function accuracyOf(p: Float32Array, labels: Uint8Array): number {
  let right = 0;
  for (let i = 0; i < labels.length; i++) right += (p[i]! >= 0.5 ? 1 : 0) === labels[i] ? 1 : 0;
  return right / labels.length;
}

check('model.shape', async () => {
  const m = await built.value();
  if (shapeText(m.inputShape) !== '[null, 2]' || shapeText(m.outputShape) !== '[null, 1]' || m.finalActivation !== 'sigmoid') {
    fail({
      message: { en: 'The model must take two blood values and end in one probability.', nb: 'Modellen må ta to blodverdier og ende i én sannsynlighet.' },
      expected: { en: 'input [null, 2], output [null, 1] with sigmoid', nb: 'inndata [null, 2], utdata [null, 1] med sigmoid' },
      found: {
        en: `input ${shapeText(m.inputShape)}, output ${shapeText(m.outputShape)} with ${m.finalActivation ?? 'no activation (linear)'}`,
        nb: `inndata ${shapeText(m.inputShape)}, utdata ${shapeText(m.outputShape)} med ${m.finalActivation ?? 'ingen aktivering (lineær)'}`,
      },
      hint: {
        en: "Give the first layer `inputShape: [2]`, and end with `tf.layers.dense({ units: 1, activation: 'sigmoid' })`, like nn.Linear(h, 1) followed by torch.sigmoid.",
        nb: "Gi det første laget `inputShape: [2]`, og avslutt med `tf.layers.dense({ units: 1, activation: 'sigmoid' })`, som nn.Linear(h, 1) fulgt av torch.sigmoid.",
      },
    });
  }
});

/** What the evidence of training says, for hints: the loss history returned, and the accuracies measured here. */
async function evidence(): Promise<TrainingEvidence> {
  const history = (await settled(trained))?.history;
  const [onTraining, onHeldOut] = [await settled(after), await settled(heldOut)];
  return {
    loss: history?.loss ?? null,
    ...(onTraining && onHeldOut ? { train: accuracyOf(onTraining, train.labels), heldOut: accuracyOf(onHeldOut, test.labels) } : {}),
  };
}

/** The exercise's own advice, after what the evidence says. */
const ADVICE: Localized[] = [
  {
    en: 'A hidden Dense layer of 8-32 relu units, Adam with learning rate 0.01-0.05 and 50-100 epochs of batch size 32 are enough here.',
    nb: 'Et skjult Dense-lag med 8-32 relu-enheter, Adam med læringsrate 0,01-0,05 og 50-100 epoker med batchstørrelse 32 holder her.',
  },
];

check('training.loss-decreases', async (api) => {
  const lossBefore = binaryLoss(await before.value(), train.labels);
  const lossAfter = binaryLoss(await after.value(), train.labels);
  const { history } = await trained.value();
  if (history) recordCurve('training-loss', { en: 'Training loss per epoch', nb: 'Treningstap per epoke' }, history.loss);
  api.metric({
    name: { en: 'training loss after / before', nb: 'treningstap etter / før' },
    value: Number((lossAfter / lossBefore).toFixed(4)),
    threshold: 0.5,
    comparator: '<=',
  });
  if (!(lossAfter <= 0.5 * lossBefore)) {
    fail({
      message: { en: 'Training did not lower the loss enough on the training patients.', nb: 'Treningen senket ikke tapet nok på treningspasientene.' },
      expected: {
        en: `loss after training <= half the loss before (${lossBefore.toFixed(3)} -> <= ${(lossBefore / 2).toFixed(3)})`,
        nb: `tap etter trening <= halvparten av tapet før (${lossBefore.toFixed(3)} -> <= ${(lossBefore / 2).toFixed(3)})`,
      },
      found: Number.isFinite(lossAfter) ? lossAfter.toFixed(3) : String(lossAfter),
      hint: trainingHints(await evidence(), ADVICE),
    });
  }
});

check('accuracy.test', async (api) => {
  const p = await heldOut.value();
  const value = accuracyOf(p, test.labels);
  api.metric({
    name: { en: 'accuracy on held-out patients', nb: 'nøyaktighet på pasienter holdt utenfor' },
    value: Number(value.toFixed(4)),
    threshold: MIN_ACCURACY,
    comparator: '>=',
  });
  if (countNonFinite(p) > 0 || !(value >= MIN_ACCURACY)) {
    fail({
      message: {
        en: `The model does not tell abnormal from normal well enough on ${TEST_COUNT} patients it never saw.`,
        nb: `Modellen skiller ikke godt nok mellom unormal og normal hos ${TEST_COUNT} pasienter den aldri har sett.`,
      },
      expected: `>= ${MIN_ACCURACY}`,
      found: countNonFinite(p) > 0 ? { en: `${countNonFinite(p)} NaN probabilities`, nb: `${countNonFinite(p)} NaN-sannsynligheter` } : value.toFixed(4),
      hint: trainingHints(await evidence(), ADVICE),
    });
  }
});
