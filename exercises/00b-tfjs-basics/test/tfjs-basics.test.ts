/**
 * Visible tests for 00b-tfjs-basics: small examples you can check by hand. The grader runs more cases
 * (random shapes, finite-difference gradients, scripted validation curves) and counts leaked tensors.
 */
import * as tf from '@tensorflow/tfjs';
import { say, type Language } from 'labgrade/runtime';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import manifest from '../exercise.json';
import { fit, LinearRegression, logisticGradients, pairwiseSquaredDistances, standardize, trainRegression, type Batch, type TrainingModule } from '../src/tfjs-basics.ts';

/** `en` or `nb`, in the student's language: LABGRADE_LANG if set, else the exercise's own. */
const s = (en: string, nb: string): string => say({ en, nb }, manifest.language as Language);

// Rounded, and with -0 shown as 0 (toEqual tells them apart).
const round = (values: ArrayLike<number>, digits = 4) => Array.from(values, (v) => Number(v.toFixed(digits)) || 0);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('standardize', () => {
  test(s('gives each column mean 0 and standard deviation 1', 'gir hver kolonne gjennomsnitt 0 og standardavvik 1'), () => {
    // Two lab values in very different units: age in years, creatinine in micromol/L.
    const x = tf.tensor2d([
      [30, 60],
      [50, 80],
      [70, 130],
    ]);
    const y = standardize(x);
    expect(y.shape).toEqual([3, 2]);
    const { mean, variance } = tf.moments(y, 0);
    expect(round(mean.dataSync()), s('column means', 'kolonnegjennomsnitt')).toEqual([0, 0]);
    expect(round(variance.dataSync()), s('column variances', 'kolonnevarianser')).toEqual([1, 1]);
    expect(round(y.dataSync(), 3).slice(0, 2), s('first row', 'første rad')).toEqual([-1.225, -1.019]);
    tf.dispose([x, y, mean, variance]);
  });

  test(s('leaves no tensors behind but the one it returns', 'etterlater ingen tensorer bortsett fra den den returnerer'), () => {
    const x = tf.randomNormal([10, 4]) as tf.Tensor2D;
    const before = tf.memory().numTensors;
    const y = standardize(x);
    expect(tf.memory().numTensors - before, s('new tensors after the call', 'nye tensorer etter kallet')).toBe(1);
    tf.dispose([x, y]);
  });
});

describe('pairwiseSquaredDistances', () => {
  test(s('matches the definition on points you can check by hand', 'stemmer med definisjonen på punkter du kan sjekke for hånd'), () => {
    const a = tf.tensor2d([
      [0, 0],
      [1, 1],
    ]);
    const b = tf.tensor2d([
      [3, 4],
      [0, 1],
      [1, 1],
    ]);
    const d = pairwiseSquaredDistances(a, b);
    expect(d.shape, s('one row per point of a, one column per point of b', 'én rad per punkt i a, én kolonne per punkt i b')).toEqual([2, 3]);
    expect(round(d.dataSync())).toEqual([25, 1, 2, 13, 1, 0]);
    tf.dispose([a, b, d]);
  });
});

describe('logisticGradients', () => {
  test(s('gives the known gradient at zero weights', 'gir den kjente gradienten når vektene er null'), () => {
    // At w = 0, b = 0 every p is 0.5, so dLoss/db = mean(p - y) and dLoss/dw = mean((p - y) * x).
    const x = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const y = tf.tensor1d([1, 0]);
    const w = tf.zeros([2]) as tf.Tensor1D;
    const b = tf.scalar(0);
    const { dWeights, dBias } = logisticGradients(w, b, x, y);
    expect(round(dWeights.dataSync()), s('dWeights = mean((p - y) x) = [(-0.5 + 1.5) / 2, (-1 + 2) / 2]', 'dWeights = gjennomsnittet av (p - y) x = [(-0.5 + 1.5) / 2, (-1 + 2) / 2]')).toEqual([0.5, 0.5]);
    expect(round(dBias.dataSync()), s('dBias = mean(p - y) = (-0.5 + 0.5) / 2', 'dBias = gjennomsnittet av p - y = (-0.5 + 0.5) / 2')).toEqual([0]);
    tf.dispose([x, y, w, b, dWeights, dBias]);
  });
});

describe('fit', () => {
  /** Validation losses follow a script: 0.9, 0.5, 0.5 (a tie is no improvement), 0.6, then lower again. */
  class Scripted implements TrainingModule {
    private readonly v = tf.variable(tf.scalar(1));
    private validations = 0;
    optimizer?: tf.Optimizer;
    constructor(private readonly script: number[]) {}
    trainingStep(): tf.Scalar {
      return this.v.square() as tf.Scalar;
    }
    validationStep(): tf.Scalar {
      return tf.scalar(this.script[this.validations++] ?? 0);
    }
    configureOptimizer(): tf.Optimizer {
      this.optimizer = tf.train.sgd(0.1);
      return this.optimizer;
    }
  }
  const batch = (): Batch => ({ xs: tf.zeros([2, 1]) as tf.Tensor2D, ys: tf.zeros([2, 1]) as tf.Tensor2D });
  const data: Batch[] = [batch()];
  afterAll(() => tf.dispose(data.flatMap((b) => [b.xs, b.ys])));

  test(s('stops after `patience` epochs without a strictly lower validation loss', 'stopper etter `patience` epoker uten et strengt lavere valideringstap'), async () => {
    const history = await fit(new Scripted([0.9, 0.5, 0.5, 0.6, 0.1, 0.05]), data, data, { maxEpochs: 10, patience: 2 });
    expect(round(history.valLoss), s('epochs 2 and 3 do not improve on 0.5, so training stops after epoch 3', 'epoke 2 og 3 slår ikke 0.5, så treningen stopper etter epoke 3')).toEqual([0.9, 0.5, 0.5, 0.6]);
    expect(history.bestEpoch).toBe(1);
    expect(history.stoppedEarly).toBe(true);
    // The training loss v^2 with v = 1, 0.8, 0.64, 0.512 (SGD at 0.1 multiplies v by 0.8 each step).
    expect(round(history.trainLoss)).toEqual([1, 0.64, 0.4096, 0.2621]);
  });

  test(s('runs all epochs when the validation loss keeps improving, and leaves no tensors behind', 'kjører alle epokene når valideringstapet fortsetter å synke, og etterlater ingen tensorer'), async () => {
    const module = new Scripted([0.4, 0.3, 0.2]);
    const before = tf.memory().numTensors;
    const history = await fit(module, data, data, { maxEpochs: 3, patience: 1 });
    expect(history.valLoss.length).toBe(3);
    expect(history.stoppedEarly).toBe(false);
    // The optimiser keeps its learning rate as a tensor; disposing it leaves only what fit itself forgot.
    module.optimizer?.dispose();
    expect(tf.memory().numTensors - before, s('tensors left behind by fit', 'tensorer etterlatt av fit')).toBe(0);
  });
});

describe(s('LinearRegression and trainRegression', 'LinearRegression og trainRegression'), () => {
  test(s('learns y = 2x + 1 from noiseless points', 'lærer y = 2x + 1 fra punkter uten støy'), async () => {
    const xs = Array.from({ length: 64 }, (_, i) => i / 32 - 1);
    const toBatch = (values: number[]): Batch => ({ xs: tf.tensor2d(values, [values.length, 1]), ys: tf.tensor2d(values.map((x) => 2 * x + 1), [values.length, 1]) });
    const train = [toBatch(xs.slice(0, 32)), toBatch(xs.slice(32))];
    const validation = [toBatch([-0.9, 0.1, 0.7])];
    const model = await trainRegression(train, validation);
    expect(model).toBeInstanceOf(LinearRegression);
    const p = model.predict(tf.tensor2d([[0], [0.5]]));
    expect(round(p.dataSync(), 1), s('predictions at x = 0 and x = 0.5', 'prediksjoner ved x = 0 og x = 0.5')).toEqual([1, 2]);
  });
});
