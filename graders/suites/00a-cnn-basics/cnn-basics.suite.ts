/**
 * Hidden suite of 00a-cnn-basics. Check ids and points are in exercises/00a-cnn-basics/exercise.json.
 * Inputs are random, drawn for each submission (the case seed: the exercise seed and the submission's hash);
 * every expected value comes from TensorFlow.js's own ops, run here in the grader on its CPU backend.
 */
import * as tf from '@tensorflow/tfjs';
import { generatePhantoms } from '../../../datasets/mri-phantoms.ts';
import { createRandom, deriveSeed } from '../../../runtime/seed.ts';
import { beforeAll, check, fail, gradingContext, pictures, settled, t, useSubmission, type Localized } from '../../src/suite/harness.ts';
import { conceptChecks } from '../../src/suite/kit/concepts.ts';
import { QUESTIONS } from './concepts.ts';

type Padding = 'valid' | 'same';
interface Image {
  data: Float32Array;
  height: number;
  width: number;
  channels: number;
}
interface Kernel {
  data: Float32Array;
  height: number;
  width: number;
  inChannels: number;
  outChannels: number;
}
interface ConvCase {
  image: Image;
  kernel: Kernel;
  stride: number;
  padding: Padding;
}
interface PoolCase {
  image: Image;
  poolSize: number;
  stride: number;
  padding: Padding;
}

const submission = useSubmission();
// The concept questions run first: they need nothing but the submission's src/answers.ts.
conceptChecks(submission, QUESTIONS);
const { caseSeed, thresholds } = gradingContext();
/** Allowed difference: absolute plus relative, for float32 sums taken in another order. */
const TOLERANCE = thresholds['tolerance']!.value;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function randomImage(random: () => number, height: number, width: number, channels: number): Image {
  return { data: Float32Array.from({ length: height * width * channels }, () => random() * 2 - 1), height, width, channels };
}

function randomKernel(random: () => number, height: number, width: number, inChannels: number, outChannels: number): Kernel {
  return { data: Float32Array.from({ length: height * width * inChannels * outChannels }, () => random() * 2 - 1), height, width, inChannels, outChannels };
}

function convCases(
  stream: string,
  count: number,
  shape: (random: () => number, i: number) => { h: number; w: number; c: number; k: number; kw?: number; o: number; stride: number; padding: Padding },
): ConvCase[] {
  const random = createRandom(deriveSeed(caseSeed, stream));
  return Array.from({ length: count }, (_, i) => {
    const s = shape(random, i);
    return { image: randomImage(random, s.h, s.w, s.c), kernel: randomKernel(random, s.k, s.kw ?? s.k, s.c, s.o), stride: s.stride, padding: s.padding };
  });
}

const int = (random: () => number, lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const pick = <T>(random: () => number, values: readonly T[]): T => values[Math.floor(random() * values.length)]!;

// One input channel, one filter, stride 1, no padding: the definition itself.
const singleCases = convCases('conv-single', 12, (r) => ({
  h: int(r, 3, 12),
  w: int(r, 3, 12),
  c: 1,
  k: pick(r, [1, 2, 3]),
  o: 1,
  stride: 1,
  padding: 'valid',
}));
// Several input channels and filters, stride 1, both paddings.
const channelCases = convCases('conv-channels', 12, (r, i) => ({
  h: int(r, 4, 11),
  w: int(r, 4, 11),
  c: int(r, 2, 4),
  k: pick(r, [1, 3, 5]),
  o: int(r, 2, 4),
  stride: 1,
  padding: i % 2 ? 'same' : 'valid',
}));
// Strides 2 and 3, odd and even sizes, both paddings, non-square filters.
const strideCases = convCases('conv-stride', 16, (r, i) => ({
  h: int(r, 5, 13),
  w: int(r, 5, 13),
  c: int(r, 1, 3),
  k: pick(r, [2, 3, 4]),
  kw: pick(r, [1, 2, 3]),
  o: int(r, 1, 3),
  stride: pick(r, [2, 3]),
  padding: i % 2 ? 'same' : 'valid',
}));

const poolCases: PoolCase[] = (() => {
  const random = createRandom(deriveSeed(caseSeed, 'pool'));
  return Array.from({ length: 16 }, (_, i) => ({
    image: randomImage(random, int(random, 4, 13), int(random, 4, 13), int(random, 1, 3)),
    poolSize: pick(random, [2, 3]),
    stride: pick(random, [1, 2, 3]),
    padding: (i % 2 ? 'same' : 'valid') as Padding,
  }));
})();

const sizeCases = (() => {
  const random = createRandom(deriveSeed(caseSeed, 'size'));
  return Array.from({ length: 40 }, (_, i) => {
    const kernelSize = int(random, 1, 7);
    return { inputSize: int(random, kernelSize, 40), kernelSize, stride: int(random, 1, 4), padding: (i % 2 ? 'same' : 'valid') as Padding };
  });
})();

const phantom: Image = (() => {
  const { images, size } = generatePhantoms({ count: 1, size: 64, seed: deriveSeed(caseSeed, 'phantom') });
  const data = new Float32Array(size * size);
  for (let p = 0; p < data.length; p++) data[p] = images[p * 4]!; // the T1 contrast
  return { data, height: size, width: size, channels: 1 };
})();

const sizes = submission.task<(number | string)[]>('output-size', 'predict', () => ({ cases: sizeCases }));
const single = submission.task<Image[]>('conv2d', 'predict', () => ({ cases: singleCases }));
const channels = submission.task<Image[]>('conv2d', 'predict', () => ({ cases: channelCases }));
const strided = submission.task<Image[]>('conv2d', 'predict', () => ({ cases: strideCases }));
const pooled = submission.task<Image[]>('max-pool', 'predict', () => ({ cases: poolCases }));
const edges = submission.task<Image>('sobel', 'predict', () => ({ image: phantom }));

function referenceConv(c: ConvCase): Image {
  return tf.tidy(() => {
    const x = tf.tensor4d(c.image.data, [1, c.image.height, c.image.width, c.image.channels]);
    const w = tf.tensor4d(c.kernel.data, [c.kernel.height, c.kernel.width, c.kernel.inChannels, c.kernel.outChannels]);
    const y = tf.conv2d(x, w, c.stride, c.padding);
    return { data: y.dataSync() as Float32Array, height: y.shape[1], width: y.shape[2], channels: y.shape[3] };
  });
}

function referencePool(c: PoolCase): Image {
  return tf.tidy(() => {
    const x = tf.tensor4d(c.image.data, [1, c.image.height, c.image.width, c.image.channels]);
    const y = tf.maxPool(x, c.poolSize, c.stride, c.padding);
    return { data: y.dataSync() as Float32Array, height: y.shape[1], width: y.shape[2], channels: y.shape[3] };
  });
}

function referenceSobel(image: Image): Image {
  return tf.tidy(() => {
    const x = tf.tensor4d(image.data, [1, image.height, image.width, 1]);
    const gx = tf.tensor4d([-1, 0, 1, -2, 0, 2, -1, 0, 1], [3, 3, 1, 1]);
    const gy = tf.tensor4d([-1, -2, -1, 0, 0, 0, 1, 2, 1], [3, 3, 1, 1]);
    const y = tf.sqrt(
      tf
        .conv2d(x, gx, 1, 'same')
        .square()
        .add(tf.conv2d(x, gy, 1, 'same').square()),
    );
    return { data: y.dataSync() as Float32Array, height: image.height, width: image.width, channels: 1 };
  });
}

const dims = (i: { height: number; width: number; channels: number }) => `${i.height}x${i.width}x${i.channels}`;
const describeConv = (c: ConvCase): Localized => ({
  en: `input ${dims(c.image)}, ${c.kernel.outChannels} filter(s) of ${c.kernel.height}x${c.kernel.width}, stride ${c.stride}, padding '${c.padding}'`,
  nb: `inndata ${dims(c.image)}, ${c.kernel.outChannels} ${c.kernel.outChannels === 1 ? 'filter' : 'filtre'} på ${c.kernel.height}x${c.kernel.width}, steg ${c.stride}, utfylling '${c.padding}'`,
});
const describePool = (c: PoolCase): Localized => ({
  en: `input ${dims(c.image)}, window ${c.poolSize}x${c.poolSize}, stride ${c.stride}, padding '${c.padding}'`,
  nb: `inndata ${dims(c.image)}, vindu ${c.poolSize}x${c.poolSize}, steg ${c.stride}, utfylling '${c.padding}'`,
});

/** The first difference between an image and its reference, or undefined when they agree. */
function firstDifference(got: Image, want: Image): { expected: string | Localized; found: string; where: Localized } | undefined {
  if (got.height !== want.height || got.width !== want.width || got.channels !== want.channels) {
    return { expected: { en: `an output of ${dims(want)}`, nb: `utdata på ${dims(want)}` }, found: `${dims(got)}`, where: { en: 'shape', nb: 'formen' } };
  }
  if (got.data.length !== want.data.length) {
    return {
      expected: { en: `${want.data.length} values in data`, nb: `${want.data.length} verdier i data` },
      found: `${got.data.length}`,
      where: { en: 'data length', nb: 'lengden på data' },
    };
  }
  for (let p = 0; p < want.data.length; p++) {
    const a = got.data[p]!;
    const b = want.data[p]!;
    if (!(Math.abs(a - b) <= TOLERANCE * (1 + Math.abs(b)))) {
      const c = p % want.channels;
      const x = Math.floor(p / want.channels) % want.width;
      const y = Math.floor(p / (want.channels * want.width));
      return {
        expected: b.toFixed(5),
        found: Number.isFinite(a) ? a.toFixed(5) : String(a),
        where: { en: `row ${y}, column ${x}, channel ${c}`, nb: `rad ${y}, kolonne ${x}, kanal ${c}` },
      };
    }
  }
  return undefined;
}

function expectImages(
  results: Image[],
  cases: (ConvCase | PoolCase)[],
  reference: (c: never) => Image,
  describe: (c: never) => Localized,
  hint: { en: string; nb: string },
): void {
  let wrong = 0;
  let first: { c: ConvCase | PoolCase; diff: NonNullable<ReturnType<typeof firstDifference>> } | undefined;
  cases.forEach((c, i) => {
    const diff = firstDifference(results[i]!, reference(c as never));
    if (diff) {
      wrong++;
      first ??= { c, diff };
    }
  });
  if (first) {
    const { c, diff } = first;
    fail({
      message: {
        en: `${wrong} of ${cases.length} cases differ from TensorFlow.js. First: ${describe(c as never).en}, at ${diff.where.en}.`,
        nb: `${wrong} av ${cases.length} tilfeller avviker fra TensorFlow.js. Første: ${describe(c as never).nb}, ved ${diff.where.nb}.`,
      },
      expected: diff.expected,
      found: diff.found,
      hint,
    });
  }
}

check('size.formula', async () => {
  const got = await sizes.value();
  const want = sizeCases.map((c) => (c.padding === 'same' ? Math.ceil(c.inputSize / c.stride) : Math.floor((c.inputSize - c.kernelSize) / c.stride) + 1));
  const i = want.findIndex((w, k) => got[k] !== w);
  if (i >= 0) {
    const c = sizeCases[i]!;
    fail({
      message: {
        en: `outputSize(${c.inputSize}, ${c.kernelSize}, ${c.stride}, '${c.padding}') is wrong (${want.filter((w, k) => got[k] !== w).length} of ${want.length} cases).`,
        nb: `outputSize(${c.inputSize}, ${c.kernelSize}, ${c.stride}, '${c.padding}') er feil (${want.filter((w, k) => got[k] !== w).length} av ${want.length} tilfeller).`,
      },
      expected: String(want[i]),
      found: String(got[i]),
      hint: {
        en: "'valid': floor((n - k) / s) + 1. 'same': the padding makes every start position inside the input count, so ceil(n / s).",
        nb: "'valid': floor((n - k) / s) + 1. 'same': utfyllingen gjør at hver startposisjon inne i bildet teller, altså ceil(n / s).",
      },
    });
  }
});

check('conv2d.shapes', async () => {
  const all = [...singleCases, ...channelCases, ...strideCases];
  const got = [...(await single.value()), ...(await channels.value()), ...(await strided.value())];
  const i = all.findIndex((c, k) => {
    const want = referenceConv(c);
    return dims(got[k]!) !== dims(want) || got[k]!.data.length !== want.data.length;
  });
  if (i >= 0) {
    const want = referenceConv(all[i]!);
    fail({
      message: { en: `conv2d returned the wrong shape for ${describeConv(all[i]!).en}.`, nb: `conv2d ga feil form for ${describeConv(all[i]!).nb}.` },
      expected: { en: `${dims(want)} (${want.data.length} values)`, nb: `${dims(want)} (${want.data.length} verdier)` },
      found: { en: `${dims(got[i]!)} (${got[i]!.data.length} values)`, nb: `${dims(got[i]!)} (${got[i]!.data.length} verdier)` },
      hint: {
        en: 'Height and width come from outputSize; channels is the number of filters (kernel.outChannels); data holds height * width * channels values.',
        nb: 'Høyde og bredde kommer fra outputSize; channels er antall filtre (kernel.outChannels); data har height * width * channels verdier.',
      },
    });
  }
});

check('conv2d.single-channel', async () => {
  expectImages(await single.value(), singleCases, referenceConv, describeConv, {
    en: 'Each output pixel is the sum of input values times the filter weights over the window starting at (y * stride, x * stride).',
    nb: 'Hver utdatapiksel er summen av inndataverdier ganger filtervektene over vinduet som starter i (y * stride, x * stride).',
  });
});

check('conv2d.channels', async () => {
  expectImages(await channels.value(), channelCases, referenceConv, describeConv, {
    en: 'Sum over the input channels too, and compute one output channel per filter. Check the index formulas for data and kernel.data in the doc comments.',
    nb: 'Summer også over inndatakanalene, og regn ut én utdatakanal per filter. Sjekk indeksformlene for data og kernel.data i dokumentasjonskommentarene.',
  });
});

check('conv2d.stride-padding', async () => {
  expectImages(await strided.value(), strideCases, referenceConv, describeConv, {
    en: "With 'same', pad with zeros: the total padding is max((out - 1) * stride + k - n, 0), and the top/left gets the smaller half.",
    nb: "Med 'same' fylles det med nuller: total utfylling er max((out - 1) * stride + k - n, 0), og topp/venstre får den minste halvdelen.",
  });
});

check('maxpool.values', async () => {
  expectImages(await pooled.value(), poolCases, referencePool, describePool, {
    en: "Take the largest value in each window, per channel. With 'same', positions outside the image are skipped, not treated as 0.",
    nb: "Ta den største verdien i hvert vindu, per kanal. Med 'same' hoppes posisjoner utenfor bildet over, de regnes ikke som 0.",
  });
});

check('sobel.edges', async () => {
  const got = await edges.value();
  const diff = firstDifference(got, referenceSobel(phantom));
  if (diff) {
    fail({
      message: {
        en: `The edge map of the 64x64 MRI slice differs from the Sobel reference at ${diff.where.en}.`,
        nb: `Kantkartet for MR-snittet på 64x64 avviker fra Sobel-fasiten ved ${diff.where.nb}.`,
      },
      expected: diff.expected,
      found: diff.found,
      hint: {
        en: "Use your conv2d with the two 3x3 Sobel filters (stride 1, 'same'), then take sqrt(gx² + gy²) per pixel.",
        nb: "Bruk conv2d med de to 3x3 Sobel-filtrene (steg 1, 'same'), og ta så sqrt(gx² + gy²) per piksel.",
      },
    });
  }
});

pictures(async (save) => {
  const { grayPng, tileGridPng } = await import('../../src/suite/kit/pictures.ts');
  const got = await settled(edges);
  const show = (image: Image) => {
    const max = image.data.reduce((m, v) => Math.max(m, Number.isFinite(v) ? v : 0), 0) || 1;
    return grayPng(
      Array.from(image.data, (v) => (Number.isFinite(v) ? Math.max(0, v) / max : 0)),
      image.width,
      image.height,
      3,
    );
  };
  const tiles = [
    { png: show(phantom), caption: t({ en: 'MRI slice (T1)', nb: 'MR-snitt (T1)' }) },
    ...(got && got.width === phantom.width && got.height === phantom.height && got.data?.length === phantom.data.length
      ? [{ png: show(got), caption: t({ en: 'your sobelEdges', nb: 'din sobelEdges' }) }]
      : []),
    { png: show(referenceSobel(phantom)), caption: t({ en: 'Sobel reference', nb: 'Sobel-fasit' }) },
  ];
  await save('sobel-edges', () => tileGridPng(t({ en: 'Edges of a synthetic MRI slice', nb: 'Kanter i et syntetisk MR-snitt' }), tiles, tiles.length, 192));
});
