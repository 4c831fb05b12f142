/**
 * Visible tests for 00-from-python: small examples you can check with pen and paper (or in a Python
 * notebook), and a short training run on 200 patients. The grader uses other inputs, drawn for your
 * submission, and measures accuracy on patients it keeps to itself.
 *
 *     npm run test:exercise -- 00-from-python
 */
import * as tf from '@tensorflow/tfjs';
import { say, seedEverything, selectBackend, unseed, type Language } from 'labgrade/runtime';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generatePatients } from '../../../datasets/blood-values.ts';
import manifest from '../exercise.json';
import { affine, buildModel, meanAndStd, toFloat32, trainModel, type TrainingHistory } from '../src/from-python.ts';

/** `en` or `nb`, in the student's language: LABGRADE_LANG if set, else the exercise's own. */
const s = (en: string, nb: string): string => say({ en, nb }, manifest.language as Language);

beforeAll(async () => {
  await selectBackend('auto');
  seedEverything(manifest.seed);
});

afterAll(() => {
  unseed();
});

describe('meanAndStd', () => {
  test(s('gives the mean and standard deviation NumPy gives (np.mean, np.std)', 'gir gjennomsnittet og standardavviket NumPy gir (np.mean, np.std)'), () => {
    const { mean, std } = meanAndStd([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(mean, s('the mean of [2, 4, 4, 4, 5, 5, 7, 9] is 40 / 8 = 5', 'gjennomsnittet av [2, 4, 4, 4, 5, 5, 7, 9] er 40 / 8 = 5')).toBeCloseTo(5, 12);
    expect(std, s('the squared differences from 5 sum to 32, and sqrt(32 / 8) = 2', 'de kvadrerte avvikene fra 5 summerer til 32, og sqrt(32 / 8) = 2')).toBeCloseTo(2, 12);
  });
  test(s('gives standard deviation 0 for one value', 'gir standardavvik 0 for én verdi'), () => {
    expect(meanAndStd([3.5])).toEqual({ mean: 3.5, std: 0 });
  });
});

describe('toFloat32', () => {
  test(s('lays the rows out one after another in a Float32Array', 'legger radene etter hverandre i en Float32Array'), () => {
    const values = toFloat32([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(values instanceof Float32Array, s('Expected a Float32Array: make it with `new Float32Array(length)`.', 'Forventet en Float32Array: lag den med `new Float32Array(length)`.')).toBe(true);
    expect(Array.from(values), s('row 1, column 0 lands at index 1 * 3 + 0 = 3', 'rad 1, kolonne 0 havner på indeks 1 * 3 + 0 = 3')).toEqual([1, 2, 3, 4, 5, 6]);
  });
  test(s('throws an Error when the rows have different lengths', 'kaster en Error når radene har ulik lengde'), () => {
    expect(() => toFloat32([[1, 2], [3]]), s('Expected an Error naming row 1, which has 1 value instead of 2.', 'Forventet en Error som nevner rad 1, som har 1 verdi i stedet for 2.')).toThrow(/1/);
  });
});

describe('affine', () => {
  test(s('computes x @ w + b, returned as nested arrays', 'regner ut x @ w + b, returnert som nøstede tabeller'), async () => {
    // [1, 2] @ [[1, 0], [0, 1]] + [10, 20] = [11, 22]; [3, 4] @ ... = [13, 24].
    const y = await affine(
      [
        [1, 2],
        [3, 4],
      ],
      [
        [1, 0],
        [0, 1],
      ],
      [10, 20],
    );
    expect(y, s('With w the identity matrix, x @ w is x; b is added to every row.', 'Med w lik identitetsmatrisen er x @ w lik x; b legges til hver rad.')).toEqual([
      [11, 22],
      [13, 24],
    ]);
  });
  test(s('leaves no tensors behind', 'etterlater ingen tensorer'), async () => {
    const before = tf.memory().numTensors;
    await affine([[1, 2, 3]], [[1], [1], [1]], [0]);
    expect(tf.memory().numTensors - before, s('Every tensor affine makes must be disposed: wrap the computation in tf.tidy, and dispose the result after reading it.', 'Hver tensor affine lager må frigjøres: pakk utregningen inn i tf.tidy, og frigjør resultatet etter at du har lest det.')).toBe(0);
  });
});

describe(s('buildModel and trainModel', 'buildModel og trainModel'), () => {
  test(s('build a model from 2 values to 1 sigmoid probability', 'bygger en modell fra 2 verdier til 1 sigmoid-sannsynlighet'), () => {
    const model = buildModel();
    expect(JSON.stringify(model.inputs[0]!.shape), s('Give the first layer `inputShape: [2]`.', 'Gi det første laget `inputShape: [2]`.')).toBe('[null,2]');
    expect(JSON.stringify(model.outputs[0]!.shape), s('End with a Dense layer of `units: 1`.', 'Avslutt med et Dense-lag med `units: 1`.')).toBe('[null,1]');
    const last = model.layers.at(-1)!.getConfig()['activation'];
    expect(last, s("The last layer needs `activation: 'sigmoid'` to give a probability.", "Det siste laget trenger `activation: 'sigmoid'` for å gi en sannsynlighet.")).toBe('sigmoid');
  });

  test(s('train on 200 patients: the loss of each epoch is returned, and it falls', 'trener på 200 pasienter: tapet i hver epoke returneres, og det faller'), async () => {
    const patients = generatePatients({ count: 200, seed: 7 });
    const model = buildModel();
    const xs = tf.tensor2d(patients.features, [200, 2]);
    const ys = tf.tensor2d(Float32Array.from(patients.labels), [200, 1]);
    try {
      const returned: TrainingHistory | undefined = await trainModel(model, { xs, ys });
      const loss = returned?.history?.loss?.map(Number);
      expect(Array.isArray(loss) && loss.length > 1, s('Return what `await model.fit(...)` gives (its history), with more than one epoch.', 'Returner det `await model.fit(...)` gir (historikken), med mer enn én epoke.')).toBe(true);
      expect(loss!.every(Number.isFinite), s(`Expected a finite loss in every epoch, found ${JSON.stringify(loss)}: lower the learning rate.`, `Forventet et endelig tap i hver epoke, fant ${JSON.stringify(loss)}: senk læringsraten.`)).toBe(true);
      expect(loss!.at(-1)!, s(`The loss should fall during training: ${JSON.stringify(loss!.map((l) => Number(l.toFixed(3))))}.`, `Tapet skal falle under treningen: ${JSON.stringify(loss!.map((l) => Number(l.toFixed(3))))}.`)).toBeLessThan(loss![0]!);
    } finally {
      tf.dispose([xs, ys]);
    }
  }, 300_000);
});
