/**
 * Visible tests for exercise 05: quick checks on tiny phantoms and small tensors with known answers. The
 * grader trains your U-Net on 400 slices of 48x48 and measures Dice on 50 slices it keeps to itself:
 * `npx labgrade grade 05-brain-tumor-segmentation`.
 *
 *     npm run test:exercise -- 05-brain-tumor-segmentation
 */
import * as tf from '@tensorflow/tfjs';
import { say, seedEverything, selectBackend, unseed, type Language } from 'labgrade/runtime';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generatePhantoms } from '../../../datasets/mri-phantoms.ts';
import manifest from '../exercise.json';
import { buildUnet, diceScore, softDiceLoss, trainUnet } from '../src/unet.ts';

/** A text in the student's language: LABGRADE_LANG if set, else the exercise's own. */
const s = (en: string, nb: string): string => say({ en, nb }, manifest.language as Language);

beforeAll(async () => {
  await selectBackend('auto');
  seedEverything(manifest.seed);
});

afterAll(() => {
  unseed();
});

describe('softDiceLoss', () => {
  // One image of 1x2 pixels, two classes: pixel 0 is class 0, pixel 1 is class 1.
  const yTrue = tf.tensor4d([1, 0, 0, 1], [1, 1, 2, 2]);

  test(s('is 0 for a perfect prediction', 'er 0 for en perfekt prediksjon'), () => {
    expect(softDiceLoss(yTrue, yTrue).dataSync()[0]!).toBeCloseTo(0, 6);
  });

  test(s('follows the formula: 1 - mean over classes of (2 * overlap + 1) / (total + 1)', 'følger formelen: 1 - gjennomsnittet over klassene av (2 * overlapp + 1) / (total + 1)'), () => {
    const yPred = tf.tensor4d([0.5, 0.5, 0.5, 0.5], [1, 1, 2, 2]);
    // Each class: overlap 0.5, total 1 + 1 = 2, so dice = (1 + 1) / (2 + 1) = 2/3; loss = 1/3.
    expect(
      softDiceLoss(yTrue, yPred).dataSync()[0]!,
      s('Sum over batch, height and width for each class, with +1 above and below.', 'Summer over batch, høyde og bredde for hver klasse, med +1 i både teller og nevner.'),
    ).toBeCloseTo(1 / 3, 5);
  });

  test(s('has a gradient that training can follow', 'har en gradient som treningen kan følge'), () => {
    const yPred = tf.tensor4d([0.6, 0.4, 0.3, 0.7], [1, 1, 2, 2]);
    const g = tf.grad((p: tf.Tensor) => softDiceLoss(yTrue, p))(yPred).dataSync();
    expect(
      Math.max(...Array.from(g, Math.abs)),
      s('Use tf operations only (tf.mul, tf.sum, tf.div), no dataSync() or argMax.', 'Bruk bare tf-operasjoner (tf.mul, tf.sum, tf.div), ikke dataSync() eller argMax.'),
    ).toBeGreaterThan(0);
  });
});

describe('diceScore', () => {
  test(s('is 2 |P ∩ T| / (|P| + |T|) for one label', 'er 2 |P ∩ T| / (|P| + |T|) for én etikett'), () => {
    expect(diceScore([1, 1, 0, 2], [1, 0, 0, 2], 1)).toBeCloseTo(2 / 3, 12);
  });

  test(s('is 1 when neither map has the label', 'er 1 når ingen av kartene har etiketten'), () => {
    expect(diceScore([0, 0], [0, 1], 3)).toBe(1);
  });
});

describe('buildUnet', () => {
  test(s('gives a softmax over 4 classes at every pixel of a 16x16 slice with 4 contrasts', 'gir en softmax over 4 klasser i hver piksel av et 16x16-snitt med 4 kontraster'), () => {
    const model = buildUnet(16, 4, 4);
    expect(JSON.stringify(model.inputs[0]!.shape)).toBe('[null,16,16,4]');
    expect(
      JSON.stringify(model.outputs[0]!.shape),
      s("Use padding: 'same', upsample as often as you pool, and end with a 1x1 conv2d of 4 filters.", "Bruk padding: 'same', oppsample like mange ganger som du pooler, og avslutt med en 1x1 conv2d med 4 filtre."),
    ).toBe('[null,16,16,4]');
    const sums = tf.tidy(() => (model.predict(tf.ones([1, 16, 16, 4])) as tf.Tensor).sum(-1).dataSync());
    expect(
      Math.abs(sums[0]! - 1),
      s("The 4 values at a pixel are probabilities: use activation 'softmax' on the last layer.", "De 4 verdiene i en piksel er sannsynligheter: bruk activation 'softmax' på det siste laget."),
    ).toBeLessThan(1e-4);
  });

  test(s('joins encoder and decoder maps with concatenate (skip connections)', 'slår sammen enkoder- og dekoderkart med concatenate (snarveier, skip connections)'), () => {
    const classes = buildUnet(16, 4, 4).layers.map((l) => l.getClassName());
    expect(
      classes,
      s('Pool in the encoder, upsample in the decoder, and concatenate the two at the same resolution.', 'Pool i enkoderen, oppsample i dekoderen, og slå sammen de to med concatenate der de har samme oppløsning.'),
    ).toEqual(expect.arrayContaining(['MaxPooling2D', 'UpSampling2D', 'Concatenate']));
  });
});

describe('trainUnet', () => {
  test(s('lowers the loss on 16 tiny phantoms of 16x16', 'senker tapet på 16 bitte små fantomer på 16x16'), async () => {
    const batch = generatePhantoms({ count: 16, size: 16, seed: 3 });
    const model = buildUnet(16, 4, 4);
    const xs = tf.tensor4d(batch.images, [16, 16, 16, 4]);
    const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(batch.labels, 'int32'), 4).toFloat().reshape([16, 16, 16, 4]) as tf.Tensor4D);
    const returned = await trainUnet(model, xs, ys);
    tf.dispose([xs, ys]);
    const loss = returned?.history?.loss?.map(Number);
    expect(Array.isArray(loss) && loss.length > 0, s('Return { history: { loss: [...] } }, e.g. what `await model.fit(...)` gives.', 'Returner { history: { loss: [...] } }, f.eks. det `await model.fit(...)` gir.')).toBe(true);
    if (loss!.length > 1) {
      const curve = loss!.map((l) => l.toFixed(3)).join(' → ');
      expect(loss!.at(-1)!, s(`The loss should fall during training: ${curve}.`, `Tapet skal falle under treningen: ${curve}.`)).toBeLessThan(loss![0]!);
    }
  }, 300_000);
});
