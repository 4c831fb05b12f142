/**
 * Visible tests for exercise 04: quick checks to run while you work, on 1,000 real MNIST training images.
 * They look at the same things as the grader's build and training checks, on far less data. Test accuracy
 * (>= 0.985 on the 10,000 test images the grader keeps to itself) is measured only by
 * `npx labgrade grade 04-mnist-cnn`.
 *
 *     npm run test:exercise -- 04-mnist-cnn
 */
import * as tf from '@tensorflow/tfjs';
import { seedEverything, selectBackend, unseed } from 'labgrade/runtime';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadMnist } from '../../../datasets/mnist.ts';
import manifest from '../exercise.json';
import { buildModel, trainModel, type TrainingHistory } from '../src/cnn.ts';

const MAX_PARAMS = manifest.thresholds['max-params'].value;
const TRAIN_COUNT = 1000;
// Training on 1,000 images takes seconds on a laptop; slow machines get room to spare.
const TRAIN_TIMEOUT_MS = 300_000;

beforeAll(async () => {
  // The same choice as the grader's default (`--backend auto`): native TensorFlow if installed, else WebAssembly.
  await selectBackend('auto');
  seedEverything(manifest.seed);
});

afterAll(() => {
  unseed();
});

let model: tf.LayersModel | undefined;

/** Builds the model once; while `buildModel` throws, every test that needs it shows that error. */
function builtModel(): tf.LayersModel {
  if (model) return model;
  const returned: unknown = buildModel();
  const found =
    returned === undefined ? 'undefined (did you forget `return model`?)' : returned === null ? 'null' : typeof returned === 'object' ? `an object of type ${returned.constructor?.name ?? 'Object'}` : typeof returned;
  expect(returned instanceof tf.LayersModel, `Expected buildModel to return a model made with tf.sequential(), but it returned ${found}.`).toBe(true);
  model = returned as tf.LayersModel;
  return model;
}

/** Cross-entropy of the model's predictions on the training images (the loss the grader measures too). */
function lossOn(m: tf.LayersModel, xs: tf.Tensor4D, ys: tf.Tensor2D): number {
  return tf.tidy(() => tf.metrics.categoricalCrossentropy(ys, m.predict(xs) as tf.Tensor).mean().dataSync()[0]!);
}

interface Training {
  returned: unknown;
  lossBefore: number;
  lossAfter: number;
}
let training: Promise<Training> | undefined;

/** Trains the model once on the first 1,000 MNIST training images, measuring the loss before and after. */
function trainedModel(): Promise<Training> {
  const m = builtModel();
  training ??= (async () => {
    const { train } = await loadMnist({ parts: ['train'] });
    const pixels = train!.images.subarray(0, TRAIN_COUNT * 784);
    const scaled = Float32Array.from(pixels, (p) => p / 255);
    const xs = tf.tensor4d(scaled, [TRAIN_COUNT, 28, 28, 1]);
    const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(train!.labels.subarray(0, TRAIN_COUNT), 'int32'), 10).toFloat() as tf.Tensor2D);
    try {
      const lossBefore = lossOn(m, xs, ys);
      const returned: unknown = await trainModel(m as tf.Sequential, { xs, ys });
      return { returned, lossBefore, lossAfter: lossOn(m, xs, ys) };
    } finally {
      tf.dispose([xs, ys]);
    }
  })();
  return training;
}

/** The loss list from what trainModel returned, checked to be `{ history: { loss: number[] } }`. */
function lossHistory(returned: unknown): number[] {
  const loss = (returned as Partial<TrainingHistory> | undefined)?.history?.loss;
  expect(
    Array.isArray(loss) && loss.length > 0,
    'Expected trainModel to return { history: { loss: [...] } } with one loss per epoch, ' +
      `but it returned ${returned === undefined ? 'nothing (undefined)' : JSON.stringify(returned)?.slice(0, 200)}. ` +
      'Return the result of `await model.fit(...)`, or `{ history: await fit(...) }` if you use `fit` from labgrade/runtime.',
  ).toBe(true);
  return loss!;
}

describe('buildModel', () => {
  test('returns a model with input shape [null, 28, 28, 1] (a 28x28 image with one grey channel)', () => {
    const shape = JSON.stringify(builtModel().inputs[0]!.shape);
    expect(shape, `Expected input shape [null,28,28,1], found ${shape}. Give the first conv2d layer \`inputShape: [28, 28, 1]\`.`).toBe('[null,28,28,1]');
  });

  test('returns a model with output shape [null, 10] (one value per digit)', () => {
    const shape = JSON.stringify(builtModel().outputs[0]!.shape);
    expect(shape, `Expected output shape [null,10], found ${shape}. Set \`units: 10\` on the final Dense layer.`).toBe('[null,10]');
  });

  test('ends in a softmax, so that the 10 outputs are probabilities', () => {
    const configs = builtModel().layers.map((layer) => ({ className: layer.getClassName(), activation: layer.getConfig()['activation'] }));
    const last = [...configs].reverse().find((c) => typeof c.activation === 'string');
    const found = last ? String(last.activation) : 'no activation (linear)';
    expect(found, `Expected the final layer's activation to be softmax, found ${found}. Use \`activation: 'softmax'\` on the final Dense layer.`).toBe('softmax');
  });

  test('has at least one convolution layer and one pooling layer', () => {
    const classes = builtModel().layers.map((layer) => layer.getClassName());
    const convs = classes.filter((c) => /Conv2D$/.test(c));
    const pools = classes.filter((c) => /Pooling2D$/.test(c));
    expect(
      convs.length > 0 && pools.length > 0,
      `Expected conv2d and pooling layers, found ${classes.join(' -> ')}. Start with tf.layers.conv2d (16 filters, kernelSize 5, relu), then tf.layers.maxPooling2d({ poolSize: 2 }).`,
    ).toBe(true);
  });

  test(`has at most ${MAX_PARAMS.toLocaleString('en-US')} parameters`, () => {
    const params = builtModel().countParams();
    expect(
      params,
      `Expected at most ${MAX_PARAMS.toLocaleString('en-US')} parameters, found ${params.toLocaleString('en-US')}. ` +
        'Most parameters sit in the first Dense layer after flatten (its inputs times its units): pool once more before flatten, or give that layer fewer units (64 is plenty). `model.summary()` prints the count per layer.',
    ).toBeLessThanOrEqual(MAX_PARAMS);
  });
});

describe('trainModel', () => {
  test(`returns { history: { loss } } with a finite loss for every epoch (on ${TRAIN_COUNT} images)`, async () => {
    const { returned } = await trainedModel();
    const loss = lossHistory(returned);
    const bad = loss.filter((value) => typeof value !== 'number' || !Number.isFinite(value));
    expect(
      bad,
      `Expected a finite loss in every epoch, found ${JSON.stringify(loss)}. NaN usually means the learning rate is too high: try Adam with 0.001, and check that the loss is 'categoricalCrossentropy'.`,
    ).toEqual([]);
  }, TRAIN_TIMEOUT_MS);

  test('lowers the loss: the last epoch ends below the first, and the model fits its training images better than before', async () => {
    const { returned, lossBefore, lossAfter } = await trainedModel();
    const loss = lossHistory(returned);
    if (loss.length > 1) {
      expect(
        loss.at(-1)!,
        `Expected the loss of the last epoch to be below the first, found ${JSON.stringify(loss)}. Try Adam with learning rate 0.001 and check that model.fit gets the xs and ys it was given.`,
      ).toBeLessThan(loss[0]!);
    }
    expect(
      lossAfter,
      `Expected the loss on the training images to go down (before training: ${lossBefore.toFixed(3)}), found ${lossAfter.toFixed(3)} after training. ` +
        'Check that trainModel calls `await model.fit(train.xs, train.ys, { epochs, batchSize })` and that buildModel compiles the model with a loss.',
    ).toBeLessThan(lossBefore);
  }, TRAIN_TIMEOUT_MS);
});
