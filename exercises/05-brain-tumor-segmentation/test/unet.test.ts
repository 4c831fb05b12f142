/**
 * Visible tests for exercise 05: quick checks on tiny phantoms and small tensors with known answers. The
 * grader trains your U-Net on 400 slices of 48x48 and measures Dice on 50 slices it keeps to itself:
 * `npx labgrade grade 05-brain-tumor-segmentation`.
 *
 *     npm run test:exercise -- 05-brain-tumor-segmentation
 */
import * as tf from '@tensorflow/tfjs';
import { seedEverything, selectBackend, unseed } from 'labgrade/runtime';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generatePhantoms } from '../../../datasets/mri-phantoms.ts';
import manifest from '../exercise.json';
import { buildUnet, diceScore, softDiceLoss, trainUnet } from '../src/unet.ts';

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

  test('is 0 for a perfect prediction', () => {
    expect(softDiceLoss(yTrue, yTrue).dataSync()[0]!).toBeCloseTo(0, 6);
  });

  test('follows the formula: 1 - mean over classes of (2 * overlap + 1) / (total + 1)', () => {
    const yPred = tf.tensor4d([0.5, 0.5, 0.5, 0.5], [1, 1, 2, 2]);
    // Each class: overlap 0.5, total 1 + 1 = 2, so dice = (1 + 1) / (2 + 1) = 2/3; loss = 1/3.
    expect(softDiceLoss(yTrue, yPred).dataSync()[0]!, 'Sum over batch, height and width for each class, with +1 above and below.').toBeCloseTo(1 / 3, 5);
  });

  test('has a gradient that training can follow', () => {
    const yPred = tf.tensor4d([0.6, 0.4, 0.3, 0.7], [1, 1, 2, 2]);
    const g = tf.grad((p: tf.Tensor) => softDiceLoss(yTrue, p))(yPred).dataSync();
    expect(Math.max(...Array.from(g, Math.abs)), 'Use tf operations only (tf.mul, tf.sum, tf.div), no dataSync() or argMax.').toBeGreaterThan(0);
  });
});

describe('diceScore', () => {
  test('is 2 |P ∩ T| / (|P| + |T|) for one label', () => {
    expect(diceScore([1, 1, 0, 2], [1, 0, 0, 2], 1)).toBeCloseTo(2 / 3, 12);
  });

  test('is 1 when neither map has the label', () => {
    expect(diceScore([0, 0], [0, 1], 3)).toBe(1);
  });
});

describe('buildUnet', () => {
  test('gives a softmax over 4 classes at every pixel of a 16x16 slice with 4 contrasts', () => {
    const model = buildUnet(16, 4, 4);
    expect(JSON.stringify(model.inputs[0]!.shape)).toBe('[null,16,16,4]');
    expect(JSON.stringify(model.outputs[0]!.shape), "Use padding: 'same', upsample as often as you pool, and end with a 1x1 conv2d of 4 filters.").toBe('[null,16,16,4]');
    const sums = tf.tidy(() => (model.predict(tf.ones([1, 16, 16, 4])) as tf.Tensor).sum(-1).dataSync());
    expect(Math.abs(sums[0]! - 1), "The 4 values at a pixel are probabilities: use activation 'softmax' on the last layer.").toBeLessThan(1e-4);
  });

  test('joins encoder and decoder maps with concatenate (skip connections)', () => {
    const classes = buildUnet(16, 4, 4).layers.map((l) => l.getClassName());
    expect(classes, 'Pool in the encoder, upsample in the decoder, and concatenate the two at the same resolution.').toEqual(expect.arrayContaining(['MaxPooling2D', 'UpSampling2D', 'Concatenate']));
  });
});

describe('trainUnet', () => {
  test('lowers the loss on 16 tiny phantoms of 16x16', async () => {
    const batch = generatePhantoms({ count: 16, size: 16, seed: 3 });
    const model = buildUnet(16, 4, 4);
    const xs = tf.tensor4d(batch.images, [16, 16, 16, 4]);
    const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(batch.labels, 'int32'), 4).toFloat().reshape([16, 16, 16, 4]) as tf.Tensor4D);
    const returned = await trainUnet(model, xs, ys);
    tf.dispose([xs, ys]);
    const loss = returned?.history?.loss;
    expect(Array.isArray(loss) && loss.length > 0, 'Return { history: { loss: [...] } }, e.g. what `await model.fit(...)` gives.').toBe(true);
    if (loss!.length > 1) expect(loss!.at(-1)!, `The loss should fall during training: ${loss!.map((l) => l.toFixed(3)).join(' → ')}.`).toBeLessThan(loss![0]!);
  }, 300_000);
});
