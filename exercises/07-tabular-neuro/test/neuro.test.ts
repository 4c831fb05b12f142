/**
 * Visible tests for exercise 07: quick checks on a small synthetic cohort and on cases with known answers.
 * The grader trains your model on its own cohort and scores it on participants whose diagnoses it keeps
 * to itself: `npx labgrade grade 07-tabular-neuro`.
 *
 *     npm run test:exercise -- 07-tabular-neuro
 */
import * as tf from '@tensorflow/tfjs';
import { say, seedEverything, selectBackend, unseed, type Language } from 'labgrade/runtime';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateCohort } from '../../../datasets/neuro-cohort.ts';
import manifest from '../exercise.json';
import { buildModel, permutationImportance, prepare, rocAuc, sensitivityAtSpecificity, trainModel } from '../src/neuro.ts';

/** A text in the student's language: LABGRADE_LANG if set, else the exercise's own. */
const s = (en: string, nb: string): string => say({ en, nb }, manifest.language as Language);

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
  test(s('gives one row of finite numbers per participant, missing values filled in', 'gir én rad med endelige tall per deltaker, med manglende verdier fylt inn'), () => {
    const { features, columns } = prepare(rows, trainRows);
    expect(columns.length, s('Name each column of the prepared table.', 'Gi hver kolonne i den forberedte tabellen et navn.')).toBeGreaterThan(0);
    expect(features.length, s(`One row per participant (${rows.length}) and one value per column.`, `Én rad per deltaker (${rows.length}) og én verdi per kolonne.`)).toBe(rows.length * columns.length);
    const bad = features.findIndex((v) => !Number.isFinite(v));
    const [row, column] = [Math.floor(bad / columns.length), columns[bad % columns.length]];
    expect(bad, s(`Row ${row}, column ${column} is not a finite number: fill in missing SES and MMSE values.`, `Rad ${row}, kolonne ${column} er ikke et endelig tall: fyll inn manglende SES- og MMSE-verdier.`)).toBe(-1);
  });

  test(s('prepares training rows the same way whatever the new participants look like (no leakage)', 'forbereder treningsradene likt uansett hvordan de nye deltakerne ser ut (ingen lekkasje)'), () => {
    const changed = rows.map((row, i) => (i < train.length ? row : { ...row, age: 95, mmse: null, nwbv: 0.62 }));
    const a = prepare(rows, trainRows).features;
    const b = prepare(changed, trainRows).features;
    const width = a.length / rows.length;
    const diff = Math.max(...Array.from(a.subarray(0, train.length * width), (v, i) => Math.abs(v - b[i]!)));
    expect(
      diff,
      s(
        'Changing the new participants changed training rows: compute medians, means and standard deviations over trainRows only.',
        'Å endre de nye deltakerne endret treningsrader: regn ut medianer, gjennomsnitt og standardavvik bare over trainRows.',
      ),
    ).toBeLessThan(1e-6);
  });
});

describe('sensitivityAtSpecificity', () => {
  test(s('takes the lowest threshold that keeps the specificity', 'tar den laveste terskelen som holder spesifisiteten'), () => {
    // Negatives 0.1, 0.2, 0.3, 0.6; positives 0.4, 0.7. At threshold 0.4: specificity 3/4, sensitivity 2/2.
    expect(sensitivityAtSpecificity([0.1, 0.4, 0.2, 0.7, 0.3, 0.6], [0, 1, 0, 1, 0, 0], 0.75)).toEqual({ threshold: 0.4, sensitivity: 1, specificity: 0.75 });
  });

  test(s('returns threshold Infinity when no threshold reaches the target', 'returnerer terskel Infinity når ingen terskel når målet'), () => {
    expect(sensitivityAtSpecificity([0.5, 0.5], [1, 0], 0.9)).toEqual({ threshold: Number.POSITIVE_INFINITY, sensitivity: 0, specificity: 1 });
  });
});

describe('permutationImportance', () => {
  // Column 0 decides the score; column 1 is ignored.
  const features = Float32Array.from([0.9, 5, 0.8, 1, 0.2, 3, 0.1, 2, 0.7, 4, 0.3, 6]);
  const labels = [1, 1, 0, 0, 1, 0];
  const predict = (f: Float32Array) => Float32Array.from({ length: f.length / 2 }, (_, r) => f[r * 2]!);

  test(s('is exactly 0 for a column the model ignores, and leaves the features unchanged', 'er nøyaktig 0 for en kolonne modellen ignorerer, og lar trekkene være uendret'), async () => {
    const copy = features.slice();
    expect(await permutationImportance(predict, features, labels, 2, 1, 3)).toBe(0);
    expect(Array.from(features), s('Shuffle a copy (features.slice()), not the array you were given.', 'Stokk en kopi (features.slice()), ikke tabellen du fikk.')).toEqual(Array.from(copy));
  });

  test(s('is the drop in ROC AUC for the column the model uses, the same for the same seed', 'er fallet i ROC AUC for kolonnen modellen bruker, det samme for samme frø'), async () => {
    // 40 rows: column 0 separates the labels perfectly (ROC AUC 1); shuffling it should cost most of that.
    const labels40 = Array.from({ length: 40 }, (_, i) => i % 2);
    const features40 = Float32Array.from({ length: 80 }, (_, k) => (k % 2 === 0 ? labels40[k / 2]! + (k % 7) / 10 : k));
    const value = await permutationImportance(predict, features40, labels40, 2, 0, 3);
    expect(value, s('AUC before (1) minus AUC after shuffling column 0 should be large.', 'AUC før (1) minus AUC etter stokking av kolonne 0 skal være stor.')).toBeGreaterThan(0.2);
    expect(
      await permutationImportance(predict, features40, labels40, 2, 0, 3),
      s('Shuffle with createRandom(seed) so that the same seed gives the same result.', 'Stokk med createRandom(seed), så samme frø gir samme resultat.'),
    ).toBe(value);
  });
});

describe(s('the model', 'modellen'), () => {
  test(s('takes the prepared columns and ends in one sigmoid probability', 'tar de forberedte kolonnene og ender i én sigmoid-sannsynlighet'), () => {
    const { columns } = prepare(rows, trainRows);
    const model = buildModel(columns.length);
    expect(JSON.stringify(model.inputs[0]!.shape)).toBe(`[null,${columns.length}]`);
    expect(JSON.stringify(model.outputs[0]!.shape), s('End in one unit: the probability of dementia.', 'Avslutt med én enhet: sannsynligheten for demens.')).toBe('[null,1]');
    expect(model.layers.at(-1)!.getConfig()['activation'], s("Use activation: 'sigmoid' on the last layer.", "Bruk activation: 'sigmoid' på det siste laget.")).toBe('sigmoid');
  });

  test(s('learns to rank the training participants (ROC AUC above 0.8)', 'lærer å rangere treningsdeltakerne (ROC AUC over 0.8)'), async () => {
    const { features, columns } = prepare(rows, trainRows);
    const width = columns.length;
    const model = buildModel(width);
    const xs = tf.tensor2d(features.subarray(0, train.length * width), [train.length, width]);
    const labels = train.map((row) => (row.cdr! > 0 ? 1 : 0));
    const ys = tf.tensor2d(labels, [train.length, 1]);
    const returned = await trainModel(model, xs, ys);
    const scores = tf.tidy(() => (model.predict(xs) as tf.Tensor).dataSync() as Float32Array);
    tf.dispose([xs, ys]);
    expect(Array.isArray(returned?.history?.loss), s('Return { history: { loss: [...] } }, e.g. what `await model.fit(...)` gives.', 'Returner { history: { loss: [...] } }, f.eks. det `await model.fit(...)` gir.')).toBe(true);
    expect(rocAuc(scores, labels), s('Train on the prepared features with labels 1 for CDR > 0.', 'Tren på de forberedte trekkene med etikett 1 for CDR > 0.')).toBeGreaterThan(0.8);
  }, 120_000);
});
