/**
 * Hidden suite of 05-brain-tumor-segmentation. Check ids and points are in
 * exercises/05-brain-tumor-segmentation/exercise.json. The grader generates training and held-out phantoms
 * from the exercise seed; the held-out slices never reach the child: the grader segments them with the U-Net
 * rebuilt from what the child sent, and computes Dice here.
 */
import { generatePhantoms, PHANTOM_CLASSES, type PhantomBatch } from '../../../datasets/mri-phantoms.ts';
import { createRandom, deriveSeed } from '../../../runtime/seed.ts';
import {
  beforeAll,
  check,
  derived,
  fail,
  gradingContext,
  pictures,
  recordCurve,
  settled,
  shapeText,
  t,
  useSubmission,
  type Localized,
} from '../../src/suite/harness.ts';
import { conceptChecks } from '../../src/suite/kit/concepts.ts';
import type { ExportedModel } from '../../src/core/exported-model.ts';
import { countNonFinite } from '../../src/suite/kit/metrics.ts';
import { predictFloats } from '../../src/suite/kit/model-predict.ts';
import { rebuilt } from '../../src/suite/kit/model-rebuild.ts';
import { trainingHints, type TrainingEvidence } from '../../src/suite/kit/training-evidence.ts';
import { QUESTIONS } from './concepts.ts';
import type { LossCase, LossOutcome, Outcome } from './driver.ts';
import { topology } from './topology.ts';

const submission = useSubmission();
// The concept questions run first: they need nothing but the submission's src/answers.ts.
conceptChecks(submission, QUESTIONS);
const { seed, caseSeed, thresholds } = gradingContext();
const MIN_DICE = thresholds['mean-dice']!.value;
const TOLERANCE = thresholds['loss-tolerance']!.value;
const SIZE = 48;
const CHANNELS = 4;
const CLASSES = 4;
const TRAIN_COUNT = 400;
const HELD_OUT_COUNT = 50;
const shape = { size: SIZE, channels: CHANNELS, classes: CLASSES };

/** The phantom classes in bokmål (the English names are PHANTOM_CLASSES). */
const CLASS_NAMES_NB: Record<(typeof PHANTOM_CLASSES)[number], string> = {
  background: 'bakgrunn',
  oedema: 'ødem',
  'enhancing tumour': 'kontrastladende tumor',
  'necrotic core': 'nekrotisk kjerne',
};

let heldOut: PhantomBatch;
let train: PhantomBatch;
beforeAll(async () => {
  train = generatePhantoms({ count: TRAIN_COUNT, size: SIZE, seed: deriveSeed(seed, 'train-phantoms') });
  heldOut = generatePhantoms({ count: HELD_OUT_COUNT, size: SIZE, seed: deriveSeed(seed, 'held-out-phantoms') });
  await submission.stageData('train-images.f32', train.images);
  await submission.stageData('train-labels.u8', train.labels);
});

const fmt = (x: unknown) => (typeof x === 'number' ? (Number.isNaN(x) ? 'NaN' : String(Number(x.toPrecision(6)))) : String(x));

// ---------- the soft Dice loss ----------

/** The reference soft Dice loss on flat NHWC arrays. */
function referenceLoss(c: LossCase): number {
  const classes = c.shape[3];
  const overlap = new Float64Array(classes);
  const total = new Float64Array(classes);
  for (let i = 0; i < c.yTrue.length; i++) {
    const k = i % classes;
    overlap[k]! += c.yTrue[i]! * c.yPred[i]!;
    total[k]! += c.yTrue[i]! + c.yPred[i]!;
  }
  let dice = 0;
  for (let k = 0; k < classes; k++) dice += (2 * overlap[k]! + 1) / (total[k]! + 1);
  return 1 - dice / classes;
}

function lossCases(): (LossCase & { what: Localized })[] {
  const r = createRandom(deriveSeed(caseSeed, 'loss-cases'));
  const make = (what: Localized, shape: [number, number, number, number], perfect = false, skew = 0): LossCase & { what: Localized } => {
    const [n, h, w, k] = shape;
    const yTrue = new Float32Array(n * h * w * k);
    const yPred = new Float32Array(n * h * w * k);
    for (let p = 0; p < n * h * w; p++) {
      const label = r() < skew ? 0 : Math.floor(r() * k);
      yTrue[p * k + label] = 1;
      let sum = 0;
      for (let j = 0; j < k; j++) sum += yPred[p * k + j] = perfect ? (j === label ? 1 : 0) : Math.exp(3 * r());
      for (let j = 0; j < k; j++) yPred[p * k + j] = yPred[p * k + j]! / sum;
    }
    return { what, shape, yTrue, yPred };
  };
  return [
    make({ en: 'a batch of 2 images of 4x4 with 4 classes', nb: 'en batch med 2 bilder på 4x4 med 4 klasser' }, [2, 4, 4, 4]),
    make({ en: 'one 6x5 image with 3 classes, mostly background', nb: 'ett 6x5-bilde med 3 klasser, mest bakgrunn' }, [1, 6, 5, 3], false, 0.8),
    make({ en: 'a perfect prediction (the loss must be 0)', nb: 'en perfekt prediksjon (tapet må være 0)' }, [2, 3, 3, 4], true),
  ];
}
const lossInputs = lossCases();
const losses = submission.task<Outcome<LossOutcome>[]>('loss', 'predict', () => ({ cases: lossInputs.map(({ what: _what, ...c }) => c) }));

check('loss.soft-dice', async () => {
  const outcomes = await losses.value();
  lossInputs.forEach((c, i) => {
    const want = referenceLoss(c);
    const o = outcomes[i]!;
    if (!o.ok || !(Math.abs(o.value.value - want) <= TOLERANCE)) {
      fail({
        message: { en: `softDiceLoss is wrong for ${c.what.en}.`, nb: `softDiceLoss er feil for ${c.what.nb}.` },
        expected: fmt(want),
        found: o.ok ? fmt(o.value.value) : { en: `it threw ${o.error}`, nb: `den kastet ${o.error}` },
        hint: {
          en: 'Sum over axes [0, 1, 2] (batch, height, width) to get one overlap and one total per class; dice_c = (2 * overlap + 1) / (total + 1); the loss is 1 - mean(dice_c) over every class, background included.',
          nb: 'Summer over aksene [0, 1, 2] (batch, høyde, bredde) for å få én overlapp og én total per klasse; dice_c = (2 * overlapp + 1) / (total + 1); tapet er 1 - mean(dice_c) over alle klasser, bakgrunnen med.',
        },
      });
    }
  });
  const first = outcomes[0]!;
  if (first.ok && (first.value.gradientError !== undefined || !(first.value.gradientFinite && first.value.gradientNorm > 1e-6))) {
    fail({
      message: {
        en: 'softDiceLoss has no usable gradient, so training cannot learn from it.',
        nb: 'softDiceLoss har ingen brukbar gradient, så treningen kan ikke lære av den.',
      },
      expected: { en: 'a finite, non-zero gradient with respect to the predictions', nb: 'en endelig gradient som ikke er null, med hensyn på prediksjonene' },
      found: first.value.gradientError
        ? { en: `no gradient: ${first.value.gradientError}`, nb: `ingen gradient: ${first.value.gradientError}` }
        : first.value.gradientFinite
          ? { en: `a gradient of norm ${fmt(first.value.gradientNorm)}`, nb: `en gradient med norm ${fmt(first.value.gradientNorm)}` }
          : { en: 'NaN or infinite gradient values', nb: 'NaN eller uendelige gradientverdier' },
      hint: {
        en: 'Use tf operations on the probabilities themselves (tf.mul, tf.sum, tf.div); argMax, round or dataSync() break the path the gradient flows along.',
        nb: 'Bruk tf-operasjoner på selve sannsynlighetene (tf.mul, tf.sum, tf.div); argMax, round eller dataSync() bryter veien gradienten flyter langs.',
      },
    });
  }
});

// ---------- hard Dice by hand ----------

function diceCases(): { what: Localized; predicted: Uint8Array; truth: Uint8Array; label: number }[] {
  const r = createRandom(deriveSeed(caseSeed, 'dice-cases'));
  const map = (n: number, labels: number) => Uint8Array.from({ length: n }, () => Math.floor(r() * labels));
  const random = map(400, 4);
  const noisy = random.map((v) => (r() < 0.3 ? Math.floor(r() * 4) : v));
  // A small map where label 1 is in both maps, some pixels agreeing and some not.
  const small = map(6, 3);
  const smallTruth = map(6, 3);
  [small[1], smallTruth[1], small[4], smallTruth[0]] = [1, 1, 1, 1];
  const neither = 3 + Math.floor(r() * 4);
  const only = map(3 + Math.floor(r() * 4), 3);
  only[Math.floor(r() * only.length)] = 3;
  return [
    { what: { en: 'a small map, label 1', nb: 'et lite kart, etikett 1' }, predicted: small, truth: smallTruth, label: 1 },
    { what: { en: 'a 20x20 map with noise, label 3', nb: 'et 20x20-kart med støy, etikett 3' }, predicted: noisy, truth: random, label: 3 },
    {
      what: { en: 'a label in neither map (the score is 1)', nb: 'en etikett som ikke er i noen av kartene (poengsummen er 1)' },
      predicted: map(neither, 2),
      truth: map(neither, 2),
      label: 2,
    },
    { what: { en: 'a label only in the prediction', nb: 'en etikett som bare er i prediksjonen' }, predicted: only, truth: map(only.length, 3), label: 3 },
  ];
}
const diceInputs = diceCases();
const dices = submission.task<Outcome<unknown>[]>('dice', 'predict', () => ({ cases: diceInputs.map(({ what: _what, ...c }) => c) }));

/** Hard Dice of one label between two label maps (1 when neither has it). */
function dice(predicted: ArrayLike<number>, truth: ArrayLike<number>, label: number): number {
  let both = 0;
  let sizes = 0;
  for (let i = 0; i < truth.length; i++) {
    sizes += (predicted[i] === label ? 1 : 0) + (truth[i] === label ? 1 : 0);
    both += predicted[i] === label && truth[i] === label ? 1 : 0;
  }
  return sizes === 0 ? 1 : (2 * both) / sizes;
}

check('metrics.dice', async () => {
  const outcomes = await dices.value();
  diceInputs.forEach((c, i) => {
    const want = dice(c.predicted, c.truth, c.label);
    const o = outcomes[i]!;
    if (!o.ok || typeof o.value !== 'number' || !(Math.abs(o.value - want) <= 1e-12)) {
      fail({
        message: { en: `diceScore is wrong for ${c.what.en}.`, nb: `diceScore er feil for ${c.what.nb}.` },
        expected: fmt(want),
        found: o.ok ? fmt(o.value) : { en: `it threw ${o.error}`, nb: `den kastet ${o.error}` },
        hint: {
          en: 'Count the pixels predicted as the label, the pixels that truly are, and those that are both: 2 * both / (predicted + true). When both counts are 0, return 1.',
          nb: 'Tell pikslene predikert som etiketten, pikslene som virkelig er det, og dem som er begge: 2 * begge / (predikert + sanne). Når begge antallene er 0, returner 1.',
        },
      });
    }
  });
});

// ---------- the U-Net ----------

const sentBuilt = submission.task<ExportedModel>('build', 'build', () => shape, [losses, dices]);
const trained = submission.task<{ history: { loss: number[] } | null; model: ExportedModel }>('train', 'train', () => ({ count: TRAIN_COUNT, ...shape }), [
  sentBuilt,
]);
const built = derived(rebuilt(submission, sentBuilt), (m) => ({ description: m.description, topology: topology(m.model) }));
// The child trains while the grader checks the loss and Dice answers and rebuilds the U-Net as built.
beforeAll(() => void trained.value().catch(() => {}));
/** Per-pixel class probabilities of the held-out slices, from the trained U-Net rebuilt here. */
const final = rebuilt(submission, trained, (v) => v.model);
const predicted = derived(final, (m) => predictFloats(m.model, heldOut.images, HELD_OUT_COUNT, [SIZE, SIZE, CHANNELS], 10));
/** The same on as many training slices, for hints only (made when the Dice check fails). */
const predictedOnTraining = derived(final, (m) =>
  predictFloats(m.model, train.images.subarray(0, HELD_OUT_COUNT * SIZE * SIZE * CHANNELS), HELD_OUT_COUNT, [SIZE, SIZE, CHANNELS], 10),
);

check('model.shapes', async () => {
  const { description: m } = await built.value();
  const want = `[null, ${SIZE}, ${SIZE}, ${CLASSES}]`;
  if (shapeText(m.inputShape) !== `[null, ${SIZE}, ${SIZE}, ${CHANNELS}]` || shapeText(m.outputShape) !== want || m.finalActivation !== 'softmax') {
    fail({
      message: {
        en: 'The U-Net must give a probability for each class at every pixel of the input.',
        nb: 'U-Net-en må gi en sannsynlighet for hver klasse i hver piksel av inndataene.',
      },
      expected: {
        en: `input [null, ${SIZE}, ${SIZE}, ${CHANNELS}], output ${want} with softmax`,
        nb: `inndata [null, ${SIZE}, ${SIZE}, ${CHANNELS}], utdata ${want} med softmax`,
      },
      found: {
        en: `input ${shapeText(m.inputShape)}, output ${shapeText(m.outputShape)} with ${m.finalActivation ?? 'no activation (linear)'}`,
        nb: `inndata ${shapeText(m.inputShape)}, utdata ${shapeText(m.outputShape)} med ${m.finalActivation ?? 'ingen aktivering (lineær)'}`,
      },
      hint: {
        en: "Use padding: 'same' in every convolution so that sizes only change at pooling and upsampling, upsample as many times as you pool, and end with a 1x1 conv2d with `classes` filters and activation 'softmax'.",
        nb: "Bruk padding: 'same' i hver konvolusjon så størrelsen bare endres ved pooling og oppsampling, oppsample like mange ganger som du pooler, og avslutt med en 1x1 conv2d med `classes` filtre og activation 'softmax'.",
      },
    });
  }
});

check('model.skip-connections', async () => {
  const { topology: t } = await built.value();
  if (t.downsampling.length === 0 || t.upsampling.length === 0 || t.skips.length === 0) {
    fail({
      message: {
        en: "A U-Net needs an encoder that pools, a decoder that upsamples, and skip connections that bring the encoder's detailed maps to the decoder.",
        nb: 'En U-Net trenger en enkoder som pooler, en dekoder som oppsampler, og snarveier (skip connections) som fører enkoderens detaljerte kart til dekoderen.',
      },
      expected: {
        en: 'at least one pooling layer, one upsampling layer, and a concatenate (or add) joining an encoder map with an upsampled decoder map',
        nb: 'minst ett pooling-lag, ett oppsamplingslag og en concatenate (eller add) som slår sammen et enkoderkart med et oppsamplet dekoderkart',
      },
      found: {
        en: `${t.downsampling.length} downsampling layer(s), ${t.upsampling.length} upsampling layer(s), ${t.merges.length} merge layer(s)${t.merges.length ? ` (${t.merges.map((m) => `${m.className} of ${m.inputs.join(' + ')}`).join('; ')})` : ''}, none joining encoder and decoder`,
        nb: `${t.downsampling.length} nedsamplingslag, ${t.upsampling.length} oppsamplingslag, ${t.merges.length} sammenslåingslag${t.merges.length ? ` (${t.merges.map((m) => `${m.className} av ${m.inputs.join(' + ')}`).join('; ')})` : ''}, ingen som slår sammen enkoder og dekoder`,
      },
      hint: {
        en: "Keep each encoder block's output in a variable before pooling it; after upsampling, join them: tf.layers.concatenate().apply([upsampled, encoderOutput]).",
        nb: 'Ta vare på hver enkoderblokks utdata i en variabel før du pooler den; etter oppsampling slår du dem sammen: tf.layers.concatenate().apply([oppsamplet, enkoderUtdata]).',
      },
    });
  }
});

check('training.time-limit', async () => {
  const { history } = await trained.value();
  if (history) recordCurve('training-loss', { en: 'Training loss per epoch', nb: 'Treningstap per epoke' }, history.loss);
});

/** The most probable class at each pixel of `count` slices. */
function labelsOf(probabilities: Float32Array, count: number): Uint8Array {
  const pixels = count * SIZE * SIZE;
  const labels = new Uint8Array(pixels);
  for (let p = 0; p < pixels; p++) {
    let best = 0;
    for (let k = 1; k < CLASSES; k++) if (probabilities[p * CLASSES + k]! > probabilities[p * CLASSES + best]!) best = k;
    labels[p] = best;
  }
  return labels;
}

/** Mean Dice over the tumour classes. */
const meanDice = (predictedLabels: Uint8Array, truth: Uint8Array) => [1, 2, 3].reduce((sum, k) => sum + dice(predictedLabels, truth, k), 0) / 3;

/** The held-out label maps predicted: the most probable class at each pixel. */
async function predictedLabels(): Promise<Uint8Array> {
  const probabilities = await predicted.value();
  const bad = countNonFinite(probabilities);
  if (bad > 0) {
    fail({
      message: { en: 'The U-Net predicted NaN or infinite values.', nb: 'U-Net-en predikerte NaN eller uendelige verdier.' },
      expected: { en: 'finite probabilities', nb: 'endelige sannsynligheter' },
      found: { en: `${bad} non-finite values`, nb: `${bad} ikke-endelige verdier` },
      hint: {
        en: 'Training diverged: lower the learning rate (try 0.003 with Adam) and check the loss for a division by zero.',
        nb: 'Treningen divergerte: senk læringsraten (prøv 0,003 med Adam) og se etter deling på null i tapet.',
      },
    });
  }
  return labelsOf(probabilities, HELD_OUT_COUNT);
}

/** What training says, for hints: the loss history returned, and Dice on training slices against held-out ones. */
async function evidence(heldOutDice: number): Promise<TrainingEvidence> {
  const history = (await settled(trained))?.history;
  const onTraining = await settled(predictedOnTraining);
  const trainDice = onTraining ? meanDice(labelsOf(onTraining, HELD_OUT_COUNT), train.labels.subarray(0, HELD_OUT_COUNT * SIZE * SIZE)) : undefined;
  return {
    loss: history?.loss ?? null,
    ...(trainDice !== undefined ? { train: trainDice, heldOut: heldOutDice } : {}),
    scoreName: { en: 'mean Dice', nb: 'gjennomsnittlig Dice' },
  };
}

check('segmentation.dice', async (api) => {
  const labels = await predictedLabels();
  const perClass = [1, 2, 3].map((k) => dice(labels, heldOut.labels, k));
  const mean = perClass.reduce((a, b) => a + b, 0) / perClass.length;
  api.metric({
    name: { en: 'mean Dice over the tumour classes', nb: 'gjennomsnittlig Dice over tumorklassene' },
    value: Number(mean.toFixed(4)),
    threshold: MIN_DICE,
    comparator: '>=',
  });
  const detail: Localized = {
    en: perClass.map((d, i) => `${PHANTOM_CLASSES[i + 1]} ${d.toFixed(3)}`).join(', '),
    nb: perClass.map((d, i) => `${CLASS_NAMES_NB[PHANTOM_CLASSES[i + 1]!]} ${d.toFixed(3)}`).join(', '),
  };
  if (!(mean >= MIN_DICE)) {
    fail({
      message: { en: 'The tumour is not outlined well enough on the held-out slices.', nb: 'Svulsten er ikke godt nok avgrenset på snittene som holdes ute.' },
      expected: {
        en: `mean Dice >= ${MIN_DICE} over oedema, enhancing tumour and necrotic core (${HELD_OUT_COUNT} slices)`,
        nb: `gjennomsnittlig Dice >= ${MIN_DICE} over ødem, kontrastladende tumor og nekrotisk kjerne (${HELD_OUT_COUNT} snitt)`,
      },
      found: { en: `${mean.toFixed(4)} (${detail.en})`, nb: `${mean.toFixed(4)} (${detail.nb})` },
      hint: trainingHints(await evidence(mean), [
        { en: '30 epochs of batch size 8 take about two minutes on a laptop.', nb: '30 epoker med batchstørrelse 8 tar rundt to minutter på en bærbar.' },
        {
          en: 'If one class stays at 0, the loss may be ignoring small classes: add cross-entropy to the soft Dice loss, and use Adam with learning rate 0.003.',
          nb: 'Blir én klasse stående på 0, kan tapet overse små klasser: legg kryssentropi til myk Dice-tap, og bruk Adam med læringsrate 0,003.',
        },
      ]),
    });
  }
  api.note({ en: `Dice per class: ${detail.en}.`, nb: `Dice per klasse: ${detail.nb}.` });
});

pictures(async (save) => {
  const probabilities = await settled(predicted);
  if (!probabilities) return;
  const { labelOverlayPng } = await import('../../src/suite/kit/pictures.ts');
  const labels = labelsOf(probabilities, HELD_OUT_COUNT);
  const shown = [...Array(HELD_OUT_COUNT).keys()].filter((i) => heldOut.hasTumour[i]).slice(0, 4);
  await save('segmentations', () =>
    labelOverlayPng(
      t({ en: 'Truth | yours on FLAIR: yellow oedema, red rim, blue core', nb: 'Fasit | predikert på FLAIR: gult ødem, rød rand, blå kjerne' }),
      gradingContext().language,
      heldOut,
      labels,
      shown,
    ),
  );
});
