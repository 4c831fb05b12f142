/**
 * Hidden suite of 05-brain-tumor-segmentation. Check ids and points are in
 * exercises/05-brain-tumor-segmentation/exercise.json. The grader generates training and held-out phantoms
 * from the exercise seed; the held-out label maps never reach the child, and Dice is computed here.
 */
import { beforeAll } from 'vitest';
import { generatePhantoms, PHANTOM_CLASSES, type PhantomBatch } from '../../../datasets/mri-phantoms.ts';
import { createRandom, deriveSeed } from '../../../runtime/seed.ts';
import { check, fail, gradingContext, pictures, recordCurve, settled, useSubmission } from '../../src/harness.ts';
import type { ModelDescription } from '../../src/kit/layers-driver.ts';
import { countNonFinite } from '../../src/kit/metrics.ts';
import type { LossCase, LossOutcome, Outcome, Topology } from './driver.ts';

const submission = useSubmission();
const { seed, thresholds } = gradingContext();
const MIN_DICE = thresholds['mean-dice']!.value;
const TOLERANCE = thresholds['loss-tolerance']!.value;
const SIZE = 48;
const CHANNELS = 4;
const CLASSES = 4;
const TRAIN_COUNT = 400;
const HELD_OUT_COUNT = 50;
const shape = { size: SIZE, channels: CHANNELS, classes: CLASSES };

let heldOut: PhantomBatch;
beforeAll(async () => {
  const train = generatePhantoms({ count: TRAIN_COUNT, size: SIZE, seed: deriveSeed(seed, 'train-phantoms') });
  heldOut = generatePhantoms({ count: HELD_OUT_COUNT, size: SIZE, seed: deriveSeed(seed, 'held-out-phantoms') });
  await submission.stageData('train-images.f32', train.images);
  await submission.stageData('train-labels.u8', train.labels);
  await submission.stageData('held-out-images.f32', heldOut.images);
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

function lossCases(): (LossCase & { what: string })[] {
  const r = createRandom(deriveSeed(seed, 'loss-cases'));
  const make = (what: string, shape: [number, number, number, number], perfect = false, skew = 0): LossCase & { what: string } => {
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
  return [make('a batch of 2 images of 4x4 with 4 classes', [2, 4, 4, 4]), make('one 6x5 image with 3 classes, mostly background', [1, 6, 5, 3], false, 0.8), make('a perfect prediction (the loss must be 0)', [2, 3, 3, 4], true)];
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
        message: { en: `softDiceLoss is wrong for ${c.what}.`, nb: `softDiceLoss er feil for ${c.what}.` },
        expected: fmt(want),
        found: o.ok ? fmt(o.value.value) : `it threw ${o.error}`,
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
      message: { en: 'softDiceLoss has no usable gradient, so training cannot learn from it.', nb: 'softDiceLoss har ingen brukbar gradient, så treningen kan ikke lære av den.' },
      expected: 'a finite, non-zero gradient with respect to the predictions',
      found: first.value.gradientError ? `no gradient: ${first.value.gradientError}` : first.value.gradientFinite ? `a gradient of norm ${fmt(first.value.gradientNorm)}` : 'NaN or infinite gradient values',
      hint: {
        en: 'Use tf operations on the probabilities themselves (tf.mul, tf.sum, tf.div); argMax, round or dataSync() break the path the gradient flows along.',
        nb: 'Bruk tf-operasjoner på selve sannsynlighetene (tf.mul, tf.sum, tf.div); argMax, round eller dataSync() bryter veien gradienten flyter langs.',
      },
    });
  }
});

// ---------- hard Dice by hand ----------

function diceCases(): { what: string; predicted: Uint8Array; truth: Uint8Array; label: number }[] {
  const r = createRandom(deriveSeed(seed, 'dice-cases'));
  const random = Uint8Array.from({ length: 400 }, () => Math.floor(r() * 4));
  const noisy = random.map((v) => (r() < 0.3 ? Math.floor(r() * 4) : v));
  return [
    { what: 'a small map, label 1', predicted: Uint8Array.from([0, 1, 1, 2, 1, 0]), truth: Uint8Array.from([0, 1, 2, 2, 1, 1]), label: 1 },
    { what: 'a 20x20 map with noise, label 3', predicted: noisy, truth: random, label: 3 },
    { what: 'a label in neither map (the score is 1)', predicted: Uint8Array.from([0, 1, 0]), truth: Uint8Array.from([1, 1, 0]), label: 2 },
    { what: 'a label only in the prediction', predicted: Uint8Array.from([3, 0, 0]), truth: Uint8Array.from([0, 0, 0]), label: 3 },
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
        message: { en: `diceScore is wrong for ${c.what}.`, nb: `diceScore er feil for ${c.what}.` },
        expected: fmt(want),
        found: o.ok ? fmt(o.value) : `it threw ${o.error}`,
        hint: {
          en: 'Count the pixels predicted as the label, the pixels that truly are, and those that are both: 2 * both / (predicted + true). When both counts are 0, return 1.',
          nb: 'Tell pikslene predikert som etiketten, pikslene som virkelig er det, og dem som er begge: 2 * begge / (predikert + sanne). Når begge antallene er 0, returner 1.',
        },
      });
    }
  });
});

// ---------- the U-Net ----------

const built = submission.task<{ description: ModelDescription; topology: Topology }>('build', 'build', () => shape, [losses, dices]);
const trained = submission.task<{ history: { loss: number[] } | null }>('train', 'train', () => ({ count: TRAIN_COUNT, ...shape }), [built]);
const predicted = submission.task<Float32Array>('predict', 'predict', () => ({ count: HELD_OUT_COUNT, ...shape }), [trained]);

const fmtShape = (s: (number | null)[]) => JSON.stringify(s).replace(/,/g, ', ');

check('model.shapes', async () => {
  const { description: m } = await built.value();
  const want = `[null, ${SIZE}, ${SIZE}, ${CLASSES}]`;
  if (fmtShape(m.inputShape) !== `[null, ${SIZE}, ${SIZE}, ${CHANNELS}]` || fmtShape(m.outputShape) !== want || m.finalActivation !== 'softmax') {
    fail({
      message: { en: 'The U-Net must give a probability for each class at every pixel of the input.', nb: 'U-Net-en må gi en sannsynlighet for hver klasse i hver piksel av inndataene.' },
      expected: `input [null, ${SIZE}, ${SIZE}, ${CHANNELS}], output ${want} with softmax`,
      found: `input ${fmtShape(m.inputShape)}, output ${fmtShape(m.outputShape)} with ${m.finalActivation ?? 'no activation (linear)'}`,
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
        en: 'A U-Net needs an encoder that pools, a decoder that upsamples, and skip connections that bring the encoder\'s detailed maps to the decoder.',
        nb: 'En U-Net trenger en enkoder som pooler, en dekoder som oppsampler, og snarveier (skip connections) som fører enkoderens detaljerte kart til dekoderen.',
      },
      expected: 'at least one pooling layer, one upsampling layer, and a concatenate (or add) joining an encoder map with an upsampled decoder map',
      found: `${t.downsampling.length} downsampling layer(s), ${t.upsampling.length} upsampling layer(s), ${t.merges.length} merge layer(s)${t.merges.length ? ` (${t.merges.map((m) => `${m.className} of ${m.inputs.join(' + ')}`).join('; ')})` : ''}, none joining encoder and decoder`,
      hint: {
        en: 'Keep each encoder block\'s output in a variable before pooling it; after upsampling, join them: tf.layers.concatenate().apply([upsampled, encoderOutput]).',
        nb: 'Ta vare på hver enkoderblokks utdata i en variabel før du pooler den; etter oppsampling slår du dem sammen: tf.layers.concatenate().apply([oppsamplet, enkoderUtdata]).',
      },
    });
  }
});

check('training.time-limit', async () => {
  const { history } = await trained.value();
  if (history) recordCurve('training-loss', { en: 'Training loss per epoch', nb: 'Treningstap per epoke' }, history.loss);
});

/** The held-out label maps predicted: the most probable class at each pixel. */
async function predictedLabels(): Promise<Uint8Array> {
  const probabilities = await predicted.value();
  const bad = countNonFinite(probabilities);
  if (bad > 0) {
    fail({
      message: { en: 'The U-Net predicted NaN or infinite values.', nb: 'U-Net-en predikerte NaN eller uendelige verdier.' },
      expected: 'finite probabilities',
      found: `${bad} non-finite values`,
      hint: { en: 'Training diverged: lower the learning rate (try 0.003 with Adam) and check the loss for a division by zero.', nb: 'Treningen divergerte: senk læringsraten (prøv 0,003 med Adam) og se etter deling på null i tapet.' },
    });
  }
  const pixels = HELD_OUT_COUNT * SIZE * SIZE;
  const labels = new Uint8Array(pixels);
  for (let p = 0; p < pixels; p++) {
    let best = 0;
    for (let k = 1; k < CLASSES; k++) if (probabilities[p * CLASSES + k]! > probabilities[p * CLASSES + best]!) best = k;
    labels[p] = best;
  }
  return labels;
}

check('segmentation.dice', async (api) => {
  const labels = await predictedLabels();
  const perClass = [1, 2, 3].map((k) => dice(labels, heldOut.labels, k));
  const mean = perClass.reduce((a, b) => a + b, 0) / perClass.length;
  api.metric({ name: 'mean Dice over the tumour classes', value: Number(mean.toFixed(4)), threshold: MIN_DICE, comparator: '>=' });
  const detail = perClass.map((d, i) => `${PHANTOM_CLASSES[i + 1]} ${d.toFixed(3)}`).join(', ');
  if (!(mean >= MIN_DICE)) {
    fail({
      message: { en: 'The tumour is not outlined well enough on the held-out slices.', nb: 'Svulsten er ikke godt nok avgrenset på snittene som holdes ute.' },
      expected: `mean Dice >= ${MIN_DICE} over oedema, enhancing tumour and necrotic core (${HELD_OUT_COUNT} slices)`,
      found: `${mean.toFixed(4)} (${detail})`,
      hint: [
        { en: 'Look at the loss history: if it still falls at the last epoch, train longer (30 epochs of batch size 8 take about two minutes on a laptop).', nb: 'Se på tapshistorikken: faller den fortsatt i siste epoke, tren lenger (30 epoker med batchstørrelse 8 tar rundt to minutter på en bærbar).' },
        { en: 'If one class stays at 0, the loss may be ignoring small classes: add cross-entropy to the soft Dice loss, and use Adam with learning rate 0.003.', nb: 'Blir én klasse stående på 0, kan tapet overse små klasser: legg kryssentropi til myk Dice-tap, og bruk Adam med læringsrate 0,003.' },
      ],
    });
  }
  api.note({ en: `Dice per class: ${detail}.`, nb: `Dice per klasse: ${detail}.` });
});

pictures(async (save) => {
  const probabilities = await settled(predicted);
  if (!probabilities) return;
  const { labelOverlayPng } = await import('../../src/kit/pictures.ts');
  const labels = new Uint8Array(HELD_OUT_COUNT * SIZE * SIZE);
  for (let p = 0; p < labels.length; p++) {
    let best = 0;
    for (let k = 1; k < CLASSES; k++) if (probabilities[p * CLASSES + k]! > probabilities[p * CLASSES + best]!) best = k;
    labels[p] = best;
  }
  const shown = [...Array(HELD_OUT_COUNT).keys()].filter((i) => heldOut.hasTumour[i]).slice(0, 4);
  await save('segmentations', () => labelOverlayPng('Truth | yours on FLAIR: yellow oedema, red rim, blue core', heldOut, labels, shown));
});
