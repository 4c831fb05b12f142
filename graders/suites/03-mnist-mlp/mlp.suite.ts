/** Hidden suite of 03-mnist-mlp. Check ids and points are in exercises/03-mnist-mlp/exercise.json. */
import { beforeAll, check, fail, gradingContext, shapeText, useSubmission } from '../../src/suite/harness.ts';
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

const { built, before, trained, after, test } = mnistTrainingTasks(submission, () => data, [784]);

check('model.input-shape', async () => {
  const m = await built.value();
  if (shapeText(m.inputShape) !== '[null, 784]') {
    fail({
      message: { en: 'The model does not take flattened 28x28 images.', nb: 'Modellen tar ikke imot flate 28x28-bilder.' },
      expected: '[null, 784]',
      found: shapeText(m.inputShape),
      hint: { en: 'Give the first layer `inputShape: [784]`.', nb: 'Gi det første laget `inputShape: [784]`.' },
    });
  }
});

check('model.output-shape', async () => {
  const m = await built.value();
  if (shapeText(m.outputShape) !== '[null, 10]') {
    fail({
      message: { en: 'The model must output one value per digit (10 classes).', nb: 'Modellen må gi én verdi per siffer (10 klasser).' },
      expected: '[null, 10]',
      found: shapeText(m.outputShape),
      hint: { en: 'Set `units: 10` on the final Dense layer.', nb: 'Sett `units: 10` på det siste Dense-laget.' },
    });
  }
});

check('model.softmax-output', async () => {
  const m = await built.value();
  if (m.finalActivation !== 'softmax') {
    fail({
      message: { en: 'The final layer must turn scores into probabilities.', nb: 'Det siste laget må gjøre poeng om til sannsynligheter.' },
      expected: 'softmax',
      found: m.finalActivation ?? { en: 'no activation (linear)', nb: 'ingen aktivering (lineær)' },
      hint: { en: "Use `activation: 'softmax'` on the final Dense layer.", nb: "Bruk `activation: 'softmax'` på det siste Dense-laget." },
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
        en: 'Use fewer or smaller hidden layers (for example one layer of 128 or 256 units).',
        nb: 'Bruk færre eller mindre skjulte lag (for eksempel ett lag med 128 eller 256 enheter).',
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
      en: 'Check that trainModel calls model.fit with the data it is given, for at least one epoch, and that the model is compiled with a loss.',
      nb: 'Sjekk at trainModel kaller model.fit med dataene den får, i minst én epoke, og at modellen er kompilert med en tapsfunksjon.',
    },
    finite: {
      en: 'A learning rate that is too high often causes this: try 0.001 with Adam.',
      nb: 'En for høy læringsrate gir ofte dette: prøv 0,001 med Adam.',
    },
    accuracy: [
      {
        en: 'Train for more epochs (3-5), use a hidden layer of 128-256 units with relu, and Adam with learning rate 0.001.',
        nb: 'Tren i flere epoker (3-5), bruk et skjult lag med 128-256 enheter og relu, og Adam med læringsrate 0,001.',
      },
      {
        en: 'Check the last layer: 10 units with softmax, and the loss categoricalCrossentropy (the labels arrive one-hot). A batch size of 64-128 gives enough steps per epoch; a learning rate above 0.01 often makes Adam overshoot.',
        nb: 'Sjekk siste lag: 10 enheter med softmax, og tapet categoricalCrossentropy (etikettene kommer one-hot). En buntstørrelse på 64-128 gir nok steg per epoke; en læringsrate over 0,01 får ofte Adam til å skyte over.',
      },
    ],
  },
});
