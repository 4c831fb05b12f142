/** Hidden suite of 04-mnist-cnn. Check ids and points are in exercises/04-mnist-cnn/exercise.json. */
import { beforeAll, check, derived, fail, gradingContext, pictures, settled, shapeText, t, useSubmission } from '../../src/suite/harness.ts';
import { conceptChecks } from '../../src/suite/kit/concepts.ts';
import { mnistTrainingTasks, trainingChecks } from '../../src/suite/kit/mnist-model-checks.ts';
import { stageMnist, type StagedMnist } from '../../src/suite/kit/mnist-suite.ts';
import { QUESTIONS } from './concepts.ts';

const submission = useSubmission();
// The concept questions run first: they need nothing but the submission's src/answers.ts.
conceptChecks(submission, QUESTIONS);
const { thresholds } = gradingContext();
const MAX_PARAMS = thresholds['max-params']!.value;
const MIN_ACCURACY = thresholds['test-accuracy']!.value;
let data: StagedMnist;

beforeAll(async () => {
  data = await stageMnist(submission);
});

const { built, before, trained, after, test, final } = mnistTrainingTasks(submission, () => data, [28, 28, 1]);
/** The first convolution layer's kernel of the trained model, for the filters picture. */
const filters = derived(final, (m) => {
  const kernel = m.model.layers.find((l) => l.getClassName() === 'Conv2D')?.getWeights()[0];
  return kernel ? { shape: kernel.shape, values: Array.from(kernel.dataSync()) } : null;
});
const CONVOLUTIONS = ['Conv2D', 'SeparableConv2D', 'DepthwiseConv2D'];
const POOLING = ['MaxPooling2D', 'AveragePooling2D', 'GlobalMaxPooling2D', 'GlobalAveragePooling2D'];

check('model.input-shape', async () => {
  const m = await built.value();
  if (shapeText(m.inputShape) !== '[null, 28, 28, 1]') {
    fail({
      message: { en: 'The model does not take 28x28 images with one channel.', nb: 'Modellen tar ikke imot 28x28-bilder med én kanal.' },
      expected: '[null, 28, 28, 1]',
      found: shapeText(m.inputShape),
      hint: {
        en: 'Give the first conv2d layer `inputShape: [28, 28, 1]` (height, width, channels).',
        nb: 'Gi det første conv2d-laget `inputShape: [28, 28, 1]` (høyde, bredde, kanaler).',
      },
    });
  }
});

check('model.output-shape', async () => {
  const m = await built.value();
  if (shapeText(m.outputShape) !== '[null, 10]' || m.finalActivation !== 'softmax') {
    fail({
      message: { en: 'The model must end in 10 probabilities, one per digit.', nb: 'Modellen må ende i 10 sannsynligheter, én per siffer.' },
      expected: { en: '[null, 10] with softmax', nb: '[null, 10] med softmax' },
      found: {
        en: `${shapeText(m.outputShape)} with ${m.finalActivation ?? 'no activation (linear)'}`,
        nb: `${shapeText(m.outputShape)} med ${m.finalActivation ?? 'ingen aktivering (lineær)'}`,
      },
      hint: {
        en: "Flatten after the last pooling layer, then end with `tf.layers.dense({ units: 10, activation: 'softmax' })`.",
        nb: "Flat ut etter siste poolinglag, og avslutt med `tf.layers.dense({ units: 10, activation: 'softmax' })`.",
      },
    });
  }
});

check('model.convolutions', async () => {
  const m = await built.value();
  const classes = m.layers.map((l) => l.className);
  const convs = classes.filter((c) => CONVOLUTIONS.includes(c)).length;
  const pools = classes.filter((c) => POOLING.includes(c)).length;
  if (convs === 0 || pools === 0) {
    fail({
      message: {
        en: 'A convolutional network needs convolution layers, which look at small neighbourhoods of pixels, and pooling layers, which shrink the image.',
        nb: 'Et konvolusjonsnettverk trenger konvolusjonslag, som ser på små nabolag av piksler, og poolinglag, som krymper bildet.',
      },
      expected: { en: 'at least one conv2d layer and one pooling layer', nb: 'minst ett conv2d-lag og ett pooling-lag' },
      found: classes.join(' -> '),
      hint: {
        en: 'Start with conv2d (16 filters, kernelSize 3 or 5, relu), then maxPooling2d (poolSize 2), and repeat once.',
        nb: 'Start med conv2d (16 filtre, kernelSize 3 eller 5, relu), så maxPooling2d (poolSize 2), og gjenta én gang.',
      },
    });
  }
});

check('model.parameter-budget', async () => {
  const m = await built.value();
  if (m.params > MAX_PARAMS) {
    fail({
      message: { en: 'The model has more parameters than the budget allows.', nb: 'Modellen har flere parametere enn budsjettet tillater.' },
      expected: { en: `<= ${MAX_PARAMS.toLocaleString('en-US')} parameters`, nb: `<= ${MAX_PARAMS.toLocaleString('en-US')} parametere` },
      found: { en: `${m.params.toLocaleString('en-US')} parameters`, nb: `${m.params.toLocaleString('en-US')} parametere` },
      hint: {
        en: 'Most parameters sit in the first dense layer after flatten: pool more before it, or give it fewer units (64 is plenty).',
        nb: 'De fleste parameterne sitter i det første tette laget etter flatten: pool mer før det, eller gi det færre enheter (64 holder).',
      },
    });
  }
});

trainingChecks({
  data: () => data,
  before,
  after,
  test,
  trained,
  minAccuracy: MIN_ACCURACY,
  hints: {
    lossDecreases: {
      en: 'Check that trainModel calls model.fit with the images it is given (shape [n, 28, 28, 1]), for at least one epoch, and that the model is compiled with a loss.',
      nb: 'Sjekk at trainModel kaller model.fit med bildene den får (form [n, 28, 28, 1]), i minst én epoke, og at modellen er kompilert med en tapsfunksjon.',
    },
    finite: {
      en: 'A learning rate that is too high often causes this: try 0.001 with Adam.',
      nb: 'En for høy læringsrate gir ofte dette: prøv 0,001 med Adam.',
    },
    accuracy: [
      {
        en: 'Two conv2d (5x5, relu) + maxPooling2d blocks (16 and 32 filters), a dense layer of 64 relu units, and 3 epochs with batch size 32 and Adam(0.001) reach 0.985.',
        nb: 'To conv2d (5x5, relu) + maxPooling2d-blokker (16 og 32 filtre), et tett lag med 64 relu-enheter og 3 epoker med batchstørrelse 32 og Adam(0,001) når 0,985.',
      },
      {
        en: 'A smaller batch size gives more weight updates per epoch at about the same cost (32 rather than 128); the loss must be categoricalCrossentropy (the labels arrive one-hot); a learning rate above 0.01 often makes Adam overshoot.',
        nb: 'En mindre batchstørrelse gir flere vektoppdateringer per epoke til omtrent samme kostnad (32 heller enn 128); tapet må være categoricalCrossentropy (etikettene kommer one-hot); en læringsrate over 0,01 får ofte Adam til å skyte over.',
      },
    ],
  },
});

pictures(async (save) => {
  const { grayPng, tileGridPng } = await import('../../src/suite/kit/pictures.ts');
  const kernel = await settled(filters);
  if (kernel?.shape.length !== 4) return;
  const [kh, kw, ci, co] = kernel.shape as [number, number, number, number];
  const tiles = Array.from({ length: co }, (_, f) => {
    const values = Array.from({ length: kh * kw }, (_, p) => kernel.values[p * ci * co + f]!);
    const min = Math.min(...values);
    const max = Math.max(...values);
    return {
      png: grayPng(
        values.map((v) => (max > min ? (v - min) / (max - min) : 0.5)),
        kw,
        kh,
        Math.max(1, Math.floor(72 / kw)),
      ),
      caption: t({ en: `filter ${f + 1}`, nb: `filter ${f + 1}` }),
    };
  });
  await save('first-layer-filters', () =>
    tileGridPng(
      t({
        en: `The first layer's ${co} filters (${kh}x${kw}), light = positive weight`,
        nb: `De ${co} filtrene i det første laget (${kh}x${kw}), lyst = positiv vekt`,
      }),
      tiles,
      8,
      Math.max(1, Math.floor(72 / kw)) * kw,
    ),
  );
});
