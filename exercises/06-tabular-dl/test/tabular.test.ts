/**
 * Visible tests for exercise 06: quick checks on small tables with known answers and on the real
 * breast-cancer table. The grader checks the same things on other cases and scores the MLP and the
 * in-context classifier by 5-fold cross-validation on patients held out from training:
 * `npx labgrade grade 06-tabular-dl`.
 *
 *     npm run test:exercise -- 06-tabular-dl
 */
import * as tf from '@tensorflow/tfjs';
import { say, seedEverything, selectBackend, unseed, type Language } from 'labgrade/runtime';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadWdbc, type WdbcData } from '../../../datasets/wdbc.ts';
import manifest from '../exercise.json';
import { brierScore, buildMlp, inContextPredict, rocAuc, standardize, stratifiedSplit, thresholdMetrics, trainMlp } from '../src/tabular.ts';

/** A text in the student's language: LABGRADE_LANG if set, else the exercise's own. */
const s = (en: string, nb: string): string => say({ en, nb }, manifest.language as Language);

let wdbc: WdbcData;
beforeAll(async () => {
  await selectBackend('auto');
  seedEverything(manifest.seed);
  wdbc = await loadWdbc();
});

afterAll(() => {
  unseed();
});

describe('stratifiedSplit', () => {
  const labels = [0, 0, 1, 0, 1, 0, 0, 0, 1, 0];
  test(s('puts Math.round(n * testFraction) rows of each label in the test part, and every row in one part', 'legger Math.round(n * testFraction) rader av hver etikett i testdelen, og hver rad i én del'), () => {
    const { train, test } = stratifiedSplit(labels, 0.5, 7);
    expect([...train, ...test].sort((a, b) => a - b), s('Every row number 0..9 must be in exactly one of train and test.', 'Hvert radnummer 0..9 må være i nøyaktig én av train og test.')).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(test.filter((r) => labels[r] === 0).length, s('Label 0 has 7 rows: `Math.round(7 * 0.5)` = 4 of them belong in test.', 'Etikett 0 har 7 rader: `Math.round(7 * 0.5)` = 4 av dem hører hjemme i test.')).toBe(4);
    expect(test.filter((r) => labels[r] === 1).length, s('Label 1 has 3 rows: `Math.round(3 * 0.5)` = 2 of them belong in test.', 'Etikett 1 har 3 rader: `Math.round(3 * 0.5)` = 2 av dem hører hjemme i test.')).toBe(2);
  });

  test(s('gives the same split for the same seed', 'gir samme deling for samme frø'), () => {
    expect(stratifiedSplit(labels, 0.3, 11), s('Use only createRandom(seed) for random numbers.', 'Bruk bare createRandom(seed) til tilfeldige tall.')).toEqual(stratifiedSplit(labels, 0.3, 11));
  });
});

describe('standardize', () => {
  // Two columns, four rows; rows 0-2 are the training rows.
  const table = { features: Float32Array.from([1, 10, 2, 20, 3, 30, 100, 1000]), rows: 4, columns: 2 };

  test(s('uses the mean and std (divide by n) of the training rows only', 'bruker gjennomsnitt og std (del på n) fra bare treningsradene'), () => {
    const { mean, std } = standardize(table, [0, 1, 2]);
    expect(Array.from(mean), s('The mean of rows 0-2 is [2, 20]; row 3 is a test row and must not count.', 'Gjennomsnittet av rad 0-2 er [2, 20]; rad 3 er en testrad og skal ikke telle med.')).toEqual([2, 20]);
    expect(std[0]!, s('The std of 1, 2, 3 (divide by n = 3) is sqrt(2/3).', 'Std av 1, 2, 3 (del på n = 3) er sqrt(2/3).')).toBeCloseTo(Math.sqrt(2 / 3), 6);
    expect(std[1]!).toBeCloseTo(10 * Math.sqrt(2 / 3), 5);
  });

  test(s('scales every row, the test row too', 'skalerer hver rad, testraden med'), () => {
    const { scaled } = standardize(table, [0, 1, 2]);
    expect(scaled.length, s('One scaled value per cell: 4 rows x 2 columns.', 'Én skalert verdi per celle: 4 rader x 2 kolonner.')).toBe(8);
    expect(scaled[0]!).toBeCloseTo(-1 / Math.sqrt(2 / 3), 5);
    expect(scaled[6]!, s('Row 3 is scaled with the training statistics: (100 - 2) / sqrt(2/3).', 'Rad 3 skaleres med treningsradenes statistikk: (100 - 2) / sqrt(2/3).')).toBeCloseTo(98 / Math.sqrt(2 / 3), 3);
  });
});

describe(s('metrics', 'metrikker'), () => {
  test(s('rocAuc: the share of (positive, negative) pairs ranked right, a tie counting one half', 'rocAuc: andelen par (positiv, negativ) som er rangert riktig, der lik skår teller en halv'), () => {
    expect(rocAuc([0.2, 0.6, 0.4, 0.9], [0, 1, 0, 1])).toBe(1);
    expect(rocAuc([0.2, 0.6, 0.7, 0.9], [0, 1, 0, 1])).toBe(0.75);
    expect(rocAuc([0.5, 0.5], [0, 1]), s('A tie between the only positive and the only negative counts 0.5.', 'Lik skår for den eneste positive og den eneste negative teller 0.5.')).toBe(0.5);
  });

  test(s('thresholdMetrics: positive when probability >= threshold', 'thresholdMetrics: positiv når sannsynlighet >= terskel'), () => {
    const m = thresholdMetrics([0.8, 0.5, 0.3, 0.6], [1, 1, 0, 0]);
    expect(m, s('0.8 and 0.5 are called positive (>= 0.5), and so is 0.6, a false positive.', '0.8 og 0.5 regnes som positive (>= 0.5), og det gjør også 0.6, en falsk positiv.')).toEqual({ accuracy: 0.75, sensitivity: 1, specificity: 0.5 });
  });

  test(s('brierScore: the mean squared difference between probability and label', 'brierScore: gjennomsnittet av den kvadrerte forskjellen mellom sannsynlighet og etikett'), () => {
    expect(brierScore([1, 0, 0.5], [1, 0, 1])).toBeCloseTo(0.25 / 3, 12);
  });
});

describe(s('the MLP', 'MLP-en'), () => {
  test(s('takes 30 features and ends in one probability (sigmoid)', 'tar 30 trekk og ender i én sannsynlighet (sigmoid)'), () => {
    const model = buildMlp(30);
    expect(JSON.stringify(model.inputs[0]!.shape), s('Give the first layer inputShape: [inputs].', 'Gi det første laget inputShape: [inputs].')).toBe('[null,30]');
    expect(JSON.stringify(model.outputs[0]!.shape), s('End in one unit: the probability of malignant.', 'Avslutt med én enhet: sannsynligheten for ondartet.')).toBe('[null,1]');
    const last = model.layers.at(-1)!.getConfig()['activation'];
    expect(last, s("Use activation: 'sigmoid' on the last layer.", "Bruk activation: 'sigmoid' på det siste laget.")).toBe('sigmoid');
  });

  test(s('lowers the loss on the standardised table', 'senker tapet på den standardiserte tabellen'), async () => {
    const rows = Array.from({ length: wdbc.count }, (_, i) => i);
    const { scaled } = standardize({ features: wdbc.features, rows: wdbc.count, columns: 30 }, rows);
    const model = buildMlp(30);
    const xs = tf.tensor2d(scaled, [wdbc.count, 30]);
    const ys = tf.tensor2d(Float32Array.from(wdbc.labels), [wdbc.count, 1]);
    const before = tf.tidy(() => tf.metrics.binaryCrossentropy(ys, model.predict(xs) as tf.Tensor).mean().dataSync()[0]!);
    const returned = await trainMlp(model, xs, ys);
    const after = tf.tidy(() => tf.metrics.binaryCrossentropy(ys, model.predict(xs) as tf.Tensor).mean().dataSync()[0]!);
    tf.dispose([xs, ys]);
    expect(Array.isArray(returned?.history?.loss), s('Return { history: { loss: [...] } }, e.g. what `await model.fit(...)` gives.', 'Returner { history: { loss: [...] } }, f.eks. det `await model.fit(...)` gir.')).toBe(true);
    expect(after, s(`The loss was ${before.toFixed(3)} before training and should go down.`, `Tapet var ${before.toFixed(3)} før trening og skal gå ned.`)).toBeLessThan(before);
  }, 120_000);
});

describe('inContextPredict', () => {
  // Context: two benign rows near (0, 0) and two malignant rows near (3, 3).
  const contextX = Float32Array.from([0, 0, 0.2, -0.1, 3, 3, 2.8, 3.1]);
  const contextY = [0, 0, 1, 1];
  const queryX = Float32Array.from([0.1, 0, 2.9, 3, 1.5, 1.5]);

  test(s('gives one probability per query row, near the label of the nearest context rows', 'gir én sannsynlighet per spørrerad, nær etiketten til de nærmeste kontekstradene'), () => {
    const p = Array.from(inContextPredict(contextX, contextY, queryX, 2));
    expect(p.length, s('One probability per query row (3 rows of 2 columns).', 'Én sannsynlighet per spørrerad (3 rader med 2 kolonner).')).toBe(3);
    expect(p[0]!, s('The first query row sits among the benign rows.', 'Den første spørreraden ligger blant de godartede radene.')).toBeLessThan(0.5);
    expect(p[1]!, s('The second query row sits among the malignant rows.', 'Den andre spørreraden ligger blant de ondartede radene.')).toBeGreaterThan(0.5);
    for (const value of p) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
  });

  test(s('uses the labels: flipping every context label flips each probability', 'bruker etikettene: å snu alle kontekstetikettene snur hver sannsynlighet'), () => {
    const p = inContextPredict(contextX, contextY, queryX, 2);
    const flipped = inContextPredict(contextX, contextY.map((y) => 1 - y), queryX, 2);
    p.forEach((value, i) => expect(flipped[i]!, s('With the labels flipped, p should become 1 - p.', 'Med etikettene snudd skal p bli 1 - p.')).toBeCloseTo(1 - value, 5));
  });
});
