/**
 * Visible tests for exercise 07: quick checks on a small synthetic cohort and on cases with known answers.
 * The grader trains your model on its own cohort and scores it on participants whose diagnoses it keeps
 * to itself: `npx labgrade grade 07-tabular-neuro`.
 *
 *     npm run test:exercise -- 07-tabular-neuro
 */
import * as tf from '@tensorflow/tfjs';
import { seedEverything, selectBackend, unseed } from 'labgrade/runtime';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateCohort } from '../../../datasets/neuro-cohort.ts';
import manifest from '../exercise.json';
import { buildModel, permutationImportance, prepare, rocAuc, sensitivityAtSpecificity, trainModel } from '../src/neuro.ts';

beforeAll(async () => {
  await selectBackend('auto');
  seedEverything(manifest.seed);
});

afterAll(() => {
  unseed();
});

// 300 training participants, then 100 new ones whose CDR is hidden, as the grader does.
const train = generateCohort({ count: 300, seed: 5 });
const heldOut = generateCohort({ count: 100, seed: 6 }).map((row) => ({ ...row, cdr: null }));
const rows = [...train, ...heldOut];
const trainRows = train.map((_, i) => i);

describe('prepare', () => {
  test('gives one row of finite numbers per participant, missing values filled in', () => {
    const { features, columns } = prepare(rows, trainRows);
    expect(columns.length, 'Name each column of the prepared table.').toBeGreaterThan(0);
    expect(features.length, `One row per participant (${rows.length}) and one value per column.`).toBe(rows.length * columns.length);
    const bad = features.findIndex((v) => !Number.isFinite(v));
    expect(bad, `Row ${Math.floor(bad / columns.length)}, column ${columns[bad % columns.length]} is not a finite number: fill in missing SES and MMSE values.`).toBe(-1);
  });

  test('prepares training rows the same way whatever the new participants look like (no leakage)', () => {
    const changed = rows.map((row, i) => (i < train.length ? row : { ...row, age: 95, mmse: null, nwbv: 0.62 }));
    const a = prepare(rows, trainRows).features;
    const b = prepare(changed, trainRows).features;
    const width = a.length / rows.length;
    const diff = Math.max(...Array.from(a.subarray(0, train.length * width), (v, i) => Math.abs(v - b[i]!)));
    expect(diff, 'Changing the new participants changed training rows: compute medians, means and standard deviations over trainRows only.').toBeLessThan(1e-6);
  });
});

describe('sensitivityAtSpecificity', () => {
  test('takes the lowest threshold that keeps the specificity', () => {
    // Negatives 0.1, 0.2, 0.3, 0.6; positives 0.4, 0.7. At threshold 0.4: specificity 3/4, sensitivity 2/2.
    expect(sensitivityAtSpecificity([0.1, 0.4, 0.2, 0.7, 0.3, 0.6], [0, 1, 0, 1, 0, 0], 0.75)).toEqual({ threshold: 0.4, sensitivity: 1, specificity: 0.75 });
  });

  test('returns threshold Infinity when no threshold reaches the target', () => {
    expect(sensitivityAtSpecificity([0.5, 0.5], [1, 0], 0.9)).toEqual({ threshold: Number.POSITIVE_INFINITY, sensitivity: 0, specificity: 1 });
  });
});

describe('permutationImportance', () => {
  // Column 0 decides the score; column 1 is ignored.
  const features = Float32Array.from([0.9, 5, 0.8, 1, 0.2, 3, 0.1, 2, 0.7, 4, 0.3, 6]);
  const labels = [1, 1, 0, 0, 1, 0];
  const predict = (f: Float32Array) => Float32Array.from({ length: f.length / 2 }, (_, r) => f[r * 2]!);

  test('is exactly 0 for a column the model ignores, and leaves the features unchanged', async () => {
    const copy = features.slice();
    expect(await permutationImportance(predict, features, labels, 2, 1, 3)).toBe(0);
    expect(Array.from(features), 'Shuffle a copy (features.slice()), not the array you were given.').toEqual(Array.from(copy));
  });

  test('is the drop in ROC AUC for the column the model uses, the same for the same seed', async () => {
    // 40 rows: column 0 separates the labels perfectly (ROC AUC 1); shuffling it should cost most of that.
    const labels40 = Array.from({ length: 40 }, (_, i) => i % 2);
    const features40 = Float32Array.from({ length: 80 }, (_, k) => (k % 2 === 0 ? labels40[k / 2]! + (k % 7) / 10 : k));
    const value = await permutationImportance(predict, features40, labels40, 2, 0, 3);
    expect(value, 'AUC before (1) minus AUC after shuffling column 0 should be large.').toBeGreaterThan(0.2);
    expect(await permutationImportance(predict, features40, labels40, 2, 0, 3), 'Shuffle with createRandom(seed) so that the same seed gives the same result.').toBe(value);
  });
});

describe('the model', () => {
  test('takes the prepared columns and ends in one sigmoid probability', () => {
    const { columns } = prepare(rows, trainRows);
    const model = buildModel(columns.length);
    expect(JSON.stringify(model.inputs[0]!.shape)).toBe(`[null,${columns.length}]`);
    expect(JSON.stringify(model.outputs[0]!.shape), 'End in one unit: the probability of dementia.').toBe('[null,1]');
    expect(model.layers.at(-1)!.getConfig()['activation'], "Use activation: 'sigmoid' on the last layer.").toBe('sigmoid');
  });

  test('learns to rank the training participants (ROC AUC above 0.8)', async () => {
    const { features, columns } = prepare(rows, trainRows);
    const width = columns.length;
    const model = buildModel(width);
    const xs = tf.tensor2d(features.subarray(0, train.length * width), [train.length, width]);
    const labels = train.map((row) => (row.cdr! > 0 ? 1 : 0));
    const ys = tf.tensor2d(labels, [train.length, 1]);
    const returned = await trainModel(model, xs, ys);
    const scores = tf.tidy(() => (model.predict(xs) as tf.Tensor).dataSync() as Float32Array);
    tf.dispose([xs, ys]);
    expect(Array.isArray(returned?.history?.loss), 'Return { history: { loss: [...] } }, e.g. what `await model.fit(...)` gives.').toBe(true);
    expect(rocAuc(scores, labels), 'Train on the prepared features with labels 1 for CDR > 0.').toBeGreaterThan(0.8);
  }, 120_000);
});
