/**
 * Visible tests for exercise 04: quick checks to run while you work, on 1,000 real MNIST training images.
 * They look at the same things as the grader's build and training checks, on far less data. Test accuracy
 * (>= 0.985 on the 10,000 test images the grader keeps to itself) is measured only by
 * `npx labgrade grade 04-mnist-cnn`.
 *
 *     npm run test:exercise -- 04-mnist-cnn
 */
import * as tf from '@tensorflow/tfjs';
import { say, seedEverything, selectBackend, unseed, type Language } from 'labgrade/runtime';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadMnist } from '../../../datasets/mnist.ts';
import manifest from '../exercise.json';
import { buildModel, trainModel, type TrainingHistory } from '../src/cnn.ts';

/** A text in the student's language: LABGRADE_LANG if set, else the exercise's own. */
const s = (en: string, nb: string): string => say({ en, nb }, manifest.language as Language);

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
    returned === undefined
      ? s('undefined (did you forget `return model`?)', 'undefined (glemte du `return model`?)')
      : returned === null
        ? 'null'
        : typeof returned === 'object'
          ? s(`an object of type ${returned.constructor?.name ?? 'Object'}`, `et objekt av typen ${returned.constructor?.name ?? 'Object'}`)
          : typeof returned;
  expect(
    returned instanceof tf.LayersModel,
    s(`Expected buildModel to return a model made with tf.sequential(), but it returned ${found}.`, `Forventet at buildModel returnerer en modell laget med tf.sequential(), men den returnerte ${found}.`),
  ).toBe(true);
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
  const found = returned === undefined ? s('nothing (undefined)', 'ingenting (undefined)') : JSON.stringify(returned)?.slice(0, 200);
  expect(
    Array.isArray(loss) && loss.length > 0,
    s(
      'Expected trainModel to return { history: { loss: [...] } } with one loss per epoch, ' +
        `but it returned ${found}. ` +
        'Return the result of `await model.fit(...)`, or `{ history: await fit(...) }` if you use `fit` from labgrade/runtime.',
      'Forventet at trainModel returnerer { history: { loss: [...] } } med ett tap per epoke, ' +
        `men den returnerte ${found}. ` +
        'Returner resultatet av `await model.fit(...)`, eller `{ history: await fit(...) }` hvis du bruker `fit` fra labgrade/runtime.',
    ),
  ).toBe(true);
  // model.fit's history holds numbers once training has finished.
  return loss!.map(Number);
}

describe('buildModel', () => {
  test(s('returns a model with input shape [null, 28, 28, 1] (a 28x28 image with one grey channel)', 'returnerer en modell med inndataform [null, 28, 28, 1] (et 28x28-bilde med én gråkanal)'), () => {
    const shape = JSON.stringify(builtModel().inputs[0]!.shape);
    expect(
      shape,
      s(
        `Expected input shape [null,28,28,1], found ${shape}. Give the first conv2d layer \`inputShape: [28, 28, 1]\`.`,
        `Forventet inndataform [null,28,28,1], fant ${shape}. Gi det første conv2d-laget \`inputShape: [28, 28, 1]\`.`,
      ),
    ).toBe('[null,28,28,1]');
  });

  test(s('returns a model with output shape [null, 10] (one value per digit)', 'returnerer en modell med utdataform [null, 10] (én verdi per siffer)'), () => {
    const shape = JSON.stringify(builtModel().outputs[0]!.shape);
    expect(
      shape,
      s(`Expected output shape [null,10], found ${shape}. Set \`units: 10\` on the final Dense layer.`, `Forventet utdataform [null,10], fant ${shape}. Sett \`units: 10\` på det siste Dense-laget.`),
    ).toBe('[null,10]');
  });

  test(s('ends in a softmax, so that the 10 outputs are probabilities', 'ender i en softmax, så de 10 utdataene er sannsynligheter'), () => {
    const configs = builtModel().layers.map((layer) => ({ className: layer.getClassName(), activation: layer.getConfig()['activation'] }));
    const last = [...configs].reverse().find((c) => typeof c.activation === 'string');
    const found = last ? String(last.activation) : s('no activation (linear)', 'ingen aktivering (lineær)');
    expect(
      found,
      s(
        `Expected the final layer's activation to be softmax, found ${found}. Use \`activation: 'softmax'\` on the final Dense layer.`,
        `Forventet softmax som aktivering i det siste laget, fant ${found}. Bruk \`activation: 'softmax'\` på det siste Dense-laget.`,
      ),
    ).toBe('softmax');
  });

  test(s('has at least one convolution layer and one pooling layer', 'har minst ett konvolusjonslag og ett poolinglag'), () => {
    const classes = builtModel().layers.map((layer) => layer.getClassName());
    const convs = classes.filter((c) => /Conv2D$/.test(c));
    const pools = classes.filter((c) => /Pooling2D$/.test(c));
    expect(
      convs.length > 0 && pools.length > 0,
      s(
        `Expected conv2d and pooling layers, found ${classes.join(' -> ')}. Start with tf.layers.conv2d (16 filters, kernelSize 5, relu), then tf.layers.maxPooling2d({ poolSize: 2 }).`,
        `Forventet conv2d- og poolinglag, fant ${classes.join(' -> ')}. Start med tf.layers.conv2d (16 filtre, kernelSize 5, relu), så tf.layers.maxPooling2d({ poolSize: 2 }).`,
      ),
    ).toBe(true);
  });

  test(s(`has at most ${MAX_PARAMS.toLocaleString('en-US')} parameters`, `har høyst ${MAX_PARAMS.toLocaleString('en-US')} parametere`), () => {
    const params = builtModel().countParams();
    expect(
      params,
      s(
        `Expected at most ${MAX_PARAMS.toLocaleString('en-US')} parameters, found ${params.toLocaleString('en-US')}. ` +
          'Most parameters sit in the first Dense layer after flatten (its inputs times its units): pool once more before flatten, or give that layer fewer units (64 is plenty). `model.summary()` prints the count per layer.',
        `Forventet høyst ${MAX_PARAMS.toLocaleString('en-US')} parametere, fant ${params.toLocaleString('en-US')}. ` +
          'De fleste parameterne sitter i det første Dense-laget etter flatten (antall inndata ganger antall enheter): pool én gang til før flatten, eller gi det laget færre enheter (64 holder). `model.summary()` skriver ut antallet per lag.',
      ),
    ).toBeLessThanOrEqual(MAX_PARAMS);
  });
});

describe('trainModel', () => {
  test(s(`returns { history: { loss } } with a finite loss for every epoch (on ${TRAIN_COUNT} images)`, `returnerer { history: { loss } } med et endelig tap for hver epoke (på ${TRAIN_COUNT} bilder)`), async () => {
    const { returned } = await trainedModel();
    const loss = lossHistory(returned);
    const bad = loss.filter((value) => typeof value !== 'number' || !Number.isFinite(value));
    expect(
      bad,
      s(
        `Expected a finite loss in every epoch, found ${JSON.stringify(loss)}. NaN usually means the learning rate is too high: try Adam with 0.001, and check that the loss is 'categoricalCrossentropy'.`,
        `Forventet et endelig tap i hver epoke, fant ${JSON.stringify(loss)}. NaN betyr som regel at læringsraten er for høy: prøv Adam med 0.001, og sjekk at tapet er 'categoricalCrossentropy'.`,
      ),
    ).toEqual([]);
  }, TRAIN_TIMEOUT_MS);

  const lowersTheLoss = s(
    'lowers the loss: the last epoch ends below the first, and the model fits its training images better than before',
    'senker tapet: den siste epoken ender lavere enn den første, og modellen passer bedre til treningsbildene enn før',
  );
  test(lowersTheLoss, async () => {
    const { returned, lossBefore, lossAfter } = await trainedModel();
    const loss = lossHistory(returned);
    if (loss.length > 1) {
      expect(
        loss.at(-1)!,
        s(
          `Expected the loss of the last epoch to be below the first, found ${JSON.stringify(loss)}. Try Adam with learning rate 0.001 and check that model.fit gets the xs and ys it was given.`,
          `Forventet at tapet i den siste epoken er lavere enn i den første, fant ${JSON.stringify(loss)}. Prøv Adam med læringsrate 0.001, og sjekk at model.fit får de xs og ys som trainModel fikk.`,
        ),
      ).toBeLessThan(loss[0]!);
    }
    expect(
      lossAfter,
      s(
        `Expected the loss on the training images to go down (before training: ${lossBefore.toFixed(3)}), found ${lossAfter.toFixed(3)} after training. ` +
          'Check that trainModel calls `await model.fit(train.xs, train.ys, { epochs, batchSize })` and that buildModel compiles the model with a loss.',
        `Forventet at tapet på treningsbildene går ned (før trening: ${lossBefore.toFixed(3)}), fant ${lossAfter.toFixed(3)} etter trening. ` +
          'Sjekk at trainModel kaller `await model.fit(train.xs, train.ys, { epochs, batchSize })`, og at buildModel kompilerer modellen med en tapsfunksjon.',
      ),
    ).toBeLessThan(lossBefore);
  }, TRAIN_TIMEOUT_MS);
});
