/**
 * Hidden suite of 00b-tfjs-basics. Check ids and points are in exercises/00b-tfjs-basics/exercise.json.
 * Inputs are random, drawn for each submission (the case seed: the exercise seed and the submission's hash);
 * the regression's cohort comes from the exercise seed. Reference values are computed here in plain float64 JavaScript
 * from the definitions (means, distances, finite differences of the loss), never with the student's code.
 */
import { createRandom, deriveSeed } from '../../../runtime/seed.ts';
import { check, fail, gradingContext, useSubmission, type Localized } from '../../src/suite/harness.ts';
import { conceptChecks } from '../../src/suite/kit/concepts.ts';
import { QUESTIONS } from './concepts.ts';

interface Matrix {
  values: Float32Array;
  rows: number;
  cols: number;
}
interface Values {
  shape: number[];
  values: Float32Array;
}
interface Measured<T> {
  value: T;
  leaked: number;
}
interface EarlyStoppingRun {
  history: { trainLoss: number[]; valLoss: number[]; bestEpoch: number; stoppedEarly: boolean };
  epochsRun: number;
  trainingSteps: number;
  validationSteps: number;
  optimizersMade: number;
  leaked: number;
  tensorsAtEpochStart: number[];
}

const submission = useSubmission();
// The concept questions run first: they need nothing but the submission's src/answers.ts.
conceptChecks(submission, QUESTIONS);
const { seed, caseSeed, thresholds } = gradingContext();
const TOLERANCE = thresholds['tolerance']!.value;
const GRADIENT_TOLERANCE = thresholds['gradient-tolerance']!.value;
const MAX_TEST_MSE = thresholds['test-mse']!.value;

const int = (random: () => number, lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
/** A standard normal draw (Box-Muller). */
const normal = (random: () => number) => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const randomMatrix = (random: () => number, rows: number, cols: number, scale = 1, shift = 0): Matrix => ({
  values: Float32Array.from({ length: rows * cols }, () => shift + scale * normal(random)),
  rows,
  cols,
});
const close = (a: number, b: number, tolerance: number) => Math.abs(a - b) <= tolerance * (1 + Math.abs(b));
const at = (m: Matrix, r: number, c: number) => m.values[r * m.cols + c]!;

// Columns with very different scales and offsets, like lab values in different units.
const standardizeCases: Matrix[] = (() => {
  const random = createRandom(deriveSeed(caseSeed, 'standardize'));
  return Array.from({ length: 6 }, () => {
    const rows = int(random, 5, 40);
    const cols = int(random, 1, 6);
    const m = randomMatrix(random, rows, cols);
    const scales = Array.from({ length: cols }, () => 10 ** int(random, -1, 2));
    const shifts = Array.from({ length: cols }, () => normal(random) * 50);
    for (let i = 0; i < m.values.length; i++) m.values[i] = m.values[i]! * scales[i % cols]! + shifts[i % cols]!;
    return m;
  });
})();

const distanceCases = (() => {
  const random = createRandom(deriveSeed(caseSeed, 'distances'));
  return Array.from({ length: 6 }, () => {
    const d = int(random, 1, 5);
    return { a: randomMatrix(random, int(random, 1, 12), d), b: randomMatrix(random, int(random, 1, 12), d) };
  });
})();

const gradientCases = (() => {
  const random = createRandom(deriveSeed(caseSeed, 'gradients'));
  return Array.from({ length: 5 }, () => {
    const n = int(random, 8, 40);
    const d = int(random, 2, 6);
    return {
      weights: Float32Array.from({ length: d }, () => 0.5 * normal(random)),
      bias: Math.fround(0.5 * normal(random)),
      features: randomMatrix(random, n, d),
      labels: Float32Array.from({ length: n }, () => (random() < 0.5 ? 1 : 0)),
    };
  });
})();

/** Where fit must stop by the README's rule: only a strictly lower validation loss improves; stop after `patience` epochs without one. */
function earlyStoppingOf(script: number[], maxEpochs: number, patience: number): { epochs: number; bestEpoch: number; stoppedEarly: boolean } {
  let best = Number.POSITIVE_INFINITY;
  let bestEpoch = -1;
  let since = 0;
  for (let epoch = 0; epoch < maxEpochs; epoch++) {
    const loss = script[Math.min(epoch, script.length - 1)]!;
    if (loss < best) [best, bestEpoch, since] = [loss, epoch, 0];
    else since++;
    if (since >= patience) return { epochs: epoch + 1, bestEpoch, stoppedEarly: epoch + 1 < maxEpochs };
  }
  return { epochs: maxEpochs, bestEpoch, stoppedEarly: false };
}

/**
 * Validation-loss scripts (drawn from the case seed) with the epochs fit must run: a tie with the best that is
 * no improvement, improvements that reset the count until the last epoch, and patience 1.
 */
const EARLY_STOPPING_RUNS = (() => {
  const random = createRandom(deriveSeed(caseSeed, 'early-stopping'));
  const round = (x: number) => Math.round(x * 100) / 100;
  /** `n` strictly falling losses from `from`, two decimals each. */
  const falling = (n: number, from: number) => Array.from({ length: n }, (_, i) => round(from - i * 0.06 - 0.04 * random() * (i > 0 ? 1 : 0)));
  const tie = (() => {
    const head = falling(int(random, 2, 4), 1 + 0.5 * random());
    const best = head.at(-1)!;
    return {
      script: [...head, best, round(best + 0.02 + 0.05 * random()), round(best + 0.01 + 0.05 * random()), ...falling(4, best - 0.1)],
      maxEpochs: 20,
      patience: 3,
    };
  })();
  const resets = (() => {
    const a = falling(2, 0.8 + 0.3 * random());
    const bump = round(a[1]! + 0.03 + 0.05 * random());
    const b = falling(2, a[1]! - 0.08);
    return { script: [...a, bump, ...b], maxEpochs: 5, patience: 2 };
  })();
  const patienceOne = (() => {
    const head = falling(int(random, 2, 3), 0.9 + 0.3 * random());
    const best = head.at(-1)!;
    return { script: [...head, round(best + 0.02 + 0.05 * random()), ...falling(5, best - 0.1)], maxEpochs: 8, patience: 1 };
  })();
  return [tie, resets, patienceOne].map((run) => ({ ...run, ...earlyStoppingOf(run.script, run.maxEpochs, run.patience) }));
})();

/** The driver's scripted module: loss (v - mean(ys))^2 from v = 3, SGD at 0.01, training batches with ys 1 and 2. */
function expectedTrainLoss(epochs: number): number[] {
  let v = Math.fround(3);
  const out: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    let sum = 0;
    for (const m of [1, 2]) {
      sum += (v - m) ** 2;
      v = Math.fround(v - 0.01 * 2 * (v - m));
    }
    out.push(sum / 2);
  }
  return out;
}

/** A cohort: systolic blood pressure (standardised) from age, body-mass index and salt intake, plus noise of variance 0.25. */
const cohort = (() => {
  const random = createRandom(deriveSeed(seed, 'cohort'));
  const coefficients = [0.6, 0.4, 0.25];
  const bias = -0.1;
  const make = (rows: number) => {
    const xs = randomMatrix(random, rows, 3);
    const ys = Float32Array.from({ length: rows }, (_, r) => bias + coefficients.reduce((s, c, k) => s + c * at(xs, r, k), 0) + 0.5 * normal(random));
    return { xs: xs.values, ys };
  };
  return { train: make(480), validation: make(160), test: make(400) };
})();

const standardized = submission.task<Measured<Values>[]>('standardize', 'predict', () => ({ cases: standardizeCases }));
const distances = submission.task<Measured<Values>[]>('distances', 'predict', () => ({ cases: distanceCases }));
const gradients = submission.task<Measured<{ dWeights: Values; dBias: Values }>[]>('gradients', 'predict', () => ({ cases: gradientCases }));
const earlyStopping = submission.task<EarlyStoppingRun[]>('early-stopping', 'train', () => ({
  runs: EARLY_STOPPING_RUNS.map(({ script, maxEpochs, patience }) => ({ script, maxEpochs, patience })),
}));
const regression = submission.task<{ weights: Values; bias: Values }>('regression', 'train', () => ({
  features: 3,
  batchSize: 32,
  train: cohort.train,
  validation: cohort.validation,
}));

const shapeText = (shape: number[]) => `[${shape.join(', ')}]`;

/** The first value of `got` that differs from `want`, as an expected/found pair, or undefined. */
function firstDifference(
  got: Values,
  wantShape: number[],
  want: (i: number) => number,
  tolerance: number,
  where: (i: number) => string | Localized,
): { expected: string | Localized; found: string | Localized; where: Localized } | undefined {
  if (shapeText(got.shape) !== shapeText(wantShape)) {
    return {
      expected: { en: `shape ${shapeText(wantShape)}`, nb: `form ${shapeText(wantShape)}` },
      found: { en: `shape ${shapeText(got.shape)}`, nb: `form ${shapeText(got.shape)}` },
      where: { en: 'the shape', nb: 'formen' },
    };
  }
  for (let i = 0; i < got.values.length; i++) {
    const w = want(i);
    const g = got.values[i]!;
    if (!close(g, w, tolerance)) {
      const place = where(i);
      return {
        expected: w.toFixed(5),
        found: Number.isFinite(g) ? g.toFixed(5) : String(g),
        where: typeof place === 'string' ? { en: place, nb: place } : place,
      };
    }
  }
  return undefined;
}

check('tensors.standardize', async () => {
  const results = await standardized.value();
  standardizeCases.forEach((m, k) => {
    const means = Array.from({ length: m.cols }, (_, c) => Array.from({ length: m.rows }, (_, r) => at(m, r, c)).reduce((a, b) => a + b, 0) / m.rows);
    const stds = means.map((mean, c) => Math.sqrt(Array.from({ length: m.rows }, (_, r) => (at(m, r, c) - mean) ** 2).reduce((a, b) => a + b, 0) / m.rows));
    const diff = firstDifference(
      results[k]!.value,
      [m.rows, m.cols],
      (i) => (m.values[i]! - means[i % m.cols]!) / stds[i % m.cols]!,
      TOLERANCE * 10,
      (i) => ({ en: `row ${Math.floor(i / m.cols)}, column ${i % m.cols}`, nb: `rad ${Math.floor(i / m.cols)}, kolonne ${i % m.cols}` }),
    );
    if (diff) {
      fail({
        message: {
          en: `standardize is wrong for a ${m.rows} x ${m.cols} matrix (case ${k + 1} of ${standardizeCases.length}), at ${diff.where.en}.`,
          nb: `standardize er feil for en ${m.rows} x ${m.cols}-matrise (tilfelle ${k + 1} av ${standardizeCases.length}), ved ${diff.where.nb}.`,
        },
        expected: diff.expected,
        found: diff.found,
        hint: {
          en: 'Take the mean and variance over the rows (axis 0) with keepDims, so that [1, columns] broadcasts against [rows, columns]; divide by the square root of the variance (tf.moments gives both).',
          nb: 'Ta gjennomsnitt og varians over radene (akse 0) med keepDims, slik at [1, kolonner] kringkastes mot [rader, kolonner]; del på kvadratroten av variansen (tf.moments gir begge).',
        },
      });
    }
  });
});

check('tensors.distances', async () => {
  const results = await distances.value();
  distanceCases.forEach(({ a, b }, k) => {
    const diff = firstDifference(
      results[k]!.value,
      [a.rows, b.rows],
      (i) => {
        const r = Math.floor(i / b.rows);
        const s = i % b.rows;
        let sum = 0;
        for (let c = 0; c < a.cols; c++) sum += (at(a, r, c) - at(b, s, c)) ** 2;
        return sum;
      },
      TOLERANCE * 10,
      (i) => `[${Math.floor(i / b.rows)}, ${i % b.rows}]`,
    );
    if (diff) {
      fail({
        message: {
          en: `pairwiseSquaredDistances is wrong for a of ${a.rows} x ${a.cols} and b of ${b.rows} x ${b.cols} (case ${k + 1} of ${distanceCases.length}), at ${diff.where.en}.`,
          nb: `pairwiseSquaredDistances er feil for a på ${a.rows} x ${a.cols} og b på ${b.rows} x ${b.cols} (tilfelle ${k + 1} av ${distanceCases.length}), ved ${diff.where.nb}.`,
        },
        expected: diff.expected,
        found: diff.found,
        hint: {
          en: 'Reshape a to [n, 1, d] and b to [1, m, d]; their difference broadcasts to [n, m, d]. Square it and sum over the last axis.',
          nb: 'Omform a til [n, 1, d] og b til [1, m, d]; differansen kringkastes til [n, m, d]. Kvadrer den og summer over siste akse.',
        },
      });
    }
  });
});

check('tensors.no-leaks', async () => {
  const counts = [
    ...(await standardized.value()).map((r) => ({ fn: 'standardize', leaked: r.leaked })),
    ...(await distances.value()).map((r) => ({ fn: 'pairwiseSquaredDistances', leaked: r.leaked })),
  ];
  const leaky = counts.filter((c) => c.leaked > 0);
  if (leaky.length) {
    const first = leaky[0]!;
    fail({
      message: {
        en: `${first.fn} left ${first.leaked} tensor(s) behind in one call (${leaky.length} of ${counts.length} calls leaked).`,
        nb: `${first.fn} etterlot ${first.leaked} tensor(er) i ett kall (${leaky.length} av ${counts.length} kall lakk).`,
      },
      expected: { en: '0 tensors left behind, apart from the one returned', nb: '0 tensorer etterlatt, bortsett fra den som returneres' },
      found: `${first.leaked}`,
      hint: {
        en: 'Wrap the body in tf.tidy(() => ...): it disposes every intermediate tensor and keeps only the one you return.',
        nb: 'Pakk innholdet i tf.tidy(() => ...): den frigjør alle mellomtensorer og beholder bare den du returnerer.',
      },
    });
  }
});

/** Mean binary cross-entropy of logistic regression, in float64. */
function logisticLoss(weights: number[], bias: number, features: Matrix, labels: Float32Array): number {
  let sum = 0;
  for (let r = 0; r < features.rows; r++) {
    let z = bias;
    for (let c = 0; c < features.cols; c++) z += weights[c]! * at(features, r, c);
    // log(sigmoid(z)) and log(1 - sigmoid(z)), written to stay finite for large |z|.
    const logP = -Math.log1p(Math.exp(-z));
    const logQ = -z + logP;
    sum += labels[r]! * logP + (1 - labels[r]!) * logQ;
  }
  return -sum / features.rows;
}

check('gradients.finite-differences', async () => {
  const results = await gradients.value();
  const h = 1e-5;
  gradientCases.forEach((c, k) => {
    const w = Array.from(c.weights);
    const centred = (shift: (w: number[], b: number, s: number) => [number[], number]) => {
      const [wp, bp] = shift(w, c.bias, h);
      const [wm, bm] = shift(w, c.bias, -h);
      return (logisticLoss(wp, bp, c.features, c.labels) - logisticLoss(wm, bm, c.features, c.labels)) / (2 * h);
    };
    const dWeights = w.map((_, i) => centred((w, b, s) => [w.map((v, j) => (j === i ? v + s : v)), b]));
    const dBias = centred((w, b, s) => [w, b + s]);
    const { dWeights: gotW, dBias: gotB } = results[k]!.value;
    const diff =
      firstDifference(
        gotW,
        [w.length],
        (i) => dWeights[i]!,
        GRADIENT_TOLERANCE,
        (i) => `dWeights[${i}]`,
      ) ??
      firstDifference(
        gotB,
        [],
        () => dBias,
        GRADIENT_TOLERANCE,
        () => 'dBias',
      );
    if (diff) {
      fail({
        message: {
          en: `The gradient is wrong for ${c.features.rows} patients and ${w.length} features (case ${k + 1} of ${gradientCases.length}), at ${diff.where.en}; the expected value is a finite difference of the loss.`,
          nb: `Gradienten er feil for ${c.features.rows} pasienter og ${w.length} variabler (tilfelle ${k + 1} av ${gradientCases.length}), ved ${diff.where.nb}; forventet verdi er en endelig differanse av tapet.`,
        },
        expected: diff.expected,
        found: diff.found,
        hint: {
          en: 'Write the loss as a function of (weights, bias) and let tf.grads differentiate it: tf.grads((w, b) => loss)([weights, bias]). The loss is the mean over patients, not the sum; tf.losses.sigmoidCrossEntropy(labels, logits) computes it stably.',
          nb: 'Skriv tapet som en funksjon av (weights, bias) og la tf.grads derivere: tf.grads((w, b) => tap)([weights, bias]). Tapet er gjennomsnittet over pasientene, ikke summen; tf.losses.sigmoidCrossEntropy(labels, logits) regner det stabilt.',
        },
      });
    }
  });
});

check('trainer.early-stopping', async () => {
  const runs = await earlyStopping.value();
  EARLY_STOPPING_RUNS.forEach((want, k) => {
    const run = runs[k]!;
    const { history } = run;
    const losses = `${want.script.slice(0, want.epochs + 1).join(', ')}${want.script.length > want.epochs + 1 ? ', ...' : ''}`;
    const setting: Localized = {
      en: `maxEpochs ${want.maxEpochs}, patience ${want.patience}, validation losses ${losses}`,
      nb: `maxEpochs ${want.maxEpochs}, patience ${want.patience}, valideringstap ${losses}`,
    };
    const problem = (en: string, nb: string, expected: string | Localized, found: string | Localized) =>
      fail({
        message: {
          en: `Run ${k + 1} of ${EARLY_STOPPING_RUNS.length} (${setting.en}): ${en}`,
          nb: `Kjøring ${k + 1} av ${EARLY_STOPPING_RUNS.length} (${setting.nb}): ${nb}`,
        },
        expected,
        found,
        hint: [
          {
            en: 'An epoch improves only when its validation loss is strictly lower than the best so far (a tie does not count). Count the epochs since the best one; stop when that count reaches patience.',
            nb: 'En epoke er en forbedring bare når valideringstapet er strengt lavere enn det beste så langt (likt teller ikke). Tell epokene siden den beste; stopp når tallet når patience.',
          },
          {
            en: 'Trace an example by hand: validation losses 1, 0.8, 0.6, 0.6, 0.62, 0.61 with patience 3. Epoch 2 sets the best (0.6); epochs 3, 4 and 5 do not beat it (epoch 3 only ties), so training stops after epoch 5: six epochs, bestEpoch 2, stoppedEarly true. Compare that with what your fit does after each epoch.',
            nb: 'Gå gjennom et eksempel for hånd: valideringstap 1, 0,8, 0,6, 0,6, 0,62, 0,61 med patience 3. Epoke 2 gir det beste (0,6); epoke 3, 4 og 5 slår det ikke (epoke 3 er bare lik), så treningen stopper etter epoke 5: seks epoker, bestEpoch 2, stoppedEarly true. Sammenlign med hva din fit gjør etter hver epoke.',
          },
        ],
      });
    if (run.optimizersMade !== 1)
      problem(
        'configureOptimizer must be called exactly once, before the first epoch.',
        'configureOptimizer skal kalles nøyaktig én gang, før første epoke.',
        { en: '1 call', nb: '1 kall' },
        { en: `${run.optimizersMade} calls`, nb: `${run.optimizersMade} kall` },
      );
    if (run.epochsRun !== want.epochs)
      problem(
        'fit ran the wrong number of epochs.',
        'fit kjørte feil antall epoker.',
        { en: `${want.epochs} epochs`, nb: `${want.epochs} epoker` },
        `${run.epochsRun}`,
      );
    if (run.trainingSteps !== 2 * want.epochs || run.validationSteps !== 2 * want.epochs) {
      problem(
        'every epoch must run trainingStep on each of the 2 training batches and validationStep on each of the 2 validation batches.',
        'hver epoke skal kjøre trainingStep på hver av de 2 treningsbuntene og validationStep på hver av de 2 valideringsbuntene.',
        { en: `${2 * want.epochs} of each`, nb: `${2 * want.epochs} av hver` },
        {
          en: `${run.trainingSteps} training and ${run.validationSteps} validation steps`,
          nb: `${run.trainingSteps} treningssteg og ${run.validationSteps} valideringssteg`,
        },
      );
    }
    if (history.valLoss.length !== want.epochs || history.valLoss.some((v, i) => !close(v, want.script[i]!, 1e-6))) {
      problem(
        'valLoss must hold the mean validation loss of each epoch that ran.',
        'valLoss skal inneholde gjennomsnittlig valideringstap for hver epoke som kjørte.',
        `[${want.script.slice(0, want.epochs).join(', ')}]`,
        `[${history.valLoss.map((v) => Number(v.toFixed(6))).join(', ')}]`,
      );
    }
    const trainLoss = expectedTrainLoss(want.epochs);
    if (history.trainLoss.length !== want.epochs || history.trainLoss.some((v, i) => !close(v, trainLoss[i]!, 1e-4))) {
      problem(
        'trainLoss must hold, for each epoch, the mean of the losses that optimizer.minimize(..., true) returned for its batches.',
        'trainLoss skal for hver epoke inneholde gjennomsnittet av tapene optimizer.minimize(..., true) returnerte for buntene.',
        `[${trainLoss.map((v) => v.toFixed(4)).join(', ')}]`,
        `[${history.trainLoss.map((v) => v.toFixed(4)).join(', ')}]`,
      );
    }
    if (history.bestEpoch !== want.bestEpoch) problem('bestEpoch is wrong.', 'bestEpoch er feil.', String(want.bestEpoch), String(history.bestEpoch));
    if (history.stoppedEarly !== want.stoppedEarly)
      problem('stoppedEarly is wrong.', 'stoppedEarly er feil.', String(want.stoppedEarly), String(history.stoppedEarly));
  });
});

check('trainer.no-leaks', async () => {
  const runs = await earlyStopping.value();
  const leaky = runs.findIndex((r) => r.leaked !== 0);
  if (leaky >= 0) {
    const run = runs[leaky]!;
    const growth = run.tensorsAtEpochStart.length > 1 ? run.tensorsAtEpochStart.at(-1)! - run.tensorsAtEpochStart[0]! : 0;
    fail({
      message: {
        en: `fit left ${run.leaked} tensor(s) behind after ${run.epochsRun} epochs${growth > 0 ? ` (${growth} more alive at the start of the last epoch than of the first)` : ''}.`,
        nb: `fit etterlot ${run.leaked} tensor(er) etter ${run.epochsRun} epoker${growth > 0 ? ` (${growth} flere i live ved starten av siste epoke enn ved første)` : ''}.`,
      },
      expected: '0',
      found: String(run.leaked),
      hint: [
        {
          en: 'Print tf.memory().numTensors at the start of each epoch: the number should stay the same. Every tensor a call hands you is yours to dispose.',
          nb: 'Skriv ut tf.memory().numTensors ved starten av hver epoke: tallet skal holde seg likt. Hver tensor et kall gir deg, er din å frigjøre.',
        },
        {
          en: 'optimizer.minimize(f, true) returns the loss as a new tensor: read it, then dispose() it. Dispose each validation loss too, or compute it inside tf.tidy.',
          nb: 'optimizer.minimize(f, true) returnerer tapet som en ny tensor: les den, og kall dispose(). Frigjør hvert valideringstap også, eller regn det ut inne i tf.tidy.',
        },
      ],
    });
  }
});

check('regression.converges', async (api) => {
  const { weights, bias } = await regression.value();
  if (shapeText(weights.shape) !== '[3, 1]' || shapeText(bias.shape) !== '[1]') {
    fail({
      message: {
        en: "The trained LinearRegression's weights or bias have the wrong shape.",
        nb: 'weights eller bias i den trente LinearRegression har feil form.',
      },
      expected: { en: 'weights of shape [3, 1] and bias of shape [1]', nb: 'weights med form [3, 1] og bias med form [1]' },
      found: {
        en: `weights ${shapeText(weights.shape)}, bias ${shapeText(bias.shape)}`,
        nb: `weights ${shapeText(weights.shape)}, bias ${shapeText(bias.shape)}`,
      },
      hint: {
        en: 'Keep the constructor as the stub gives it, and return the model you trained.',
        nb: 'Behold konstruktøren slik stubben gir den, og returner modellen du trente.',
      },
    });
  }
  // The held-out patients predicted here, from the trained parameters: xs · weights + bias.
  const n = cohort.test.ys.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let prediction = bias.values[0]!;
    for (let k = 0; k < 3; k++) prediction += cohort.test.xs[i * 3 + k]! * weights.values[k]!;
    sum += (prediction - cohort.test.ys[i]!) ** 2;
  }
  const mse = sum / n;
  api.metric({
    name: { en: 'test MSE', nb: 'MSE på testdata (gjennomsnittlig kvadratfeil)' },
    value: Number.isFinite(mse) ? Number(mse.toFixed(4)) : null,
    threshold: MAX_TEST_MSE,
    comparator: '<=',
  });
  if (!(mse <= MAX_TEST_MSE)) {
    fail({
      message: {
        en: 'The trained regression predicts held-out patients too poorly.',
        nb: 'Den trente regresjonen treffer pasientene holdt utenfor for dårlig.',
      },
      expected: { en: `mean squared error <= ${MAX_TEST_MSE}`, nb: `gjennomsnittlig kvadratfeil <= ${MAX_TEST_MSE}` },
      found: Number.isFinite(mse) ? mse.toFixed(4) : String(mse),
      hint: {
        en: 'Check that predict is xs · weights + bias and that the loss is the mean squared error; then train longer (more epochs, a larger patience) or with a larger learning rate (Adam at 0.01-0.1).',
        nb: 'Sjekk at predict er xs · weights + bias og at tapet er gjennomsnittlig kvadratfeil; tren så lenger (flere epoker, større patience) eller med større læringsrate (Adam på 0,01-0,1).',
      },
    });
  }
});
