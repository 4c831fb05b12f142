/**
 * Seeded 2D multi-contrast brain MRI phantoms with tumour labels, for exercise 05 (multiclass segmentation).
 *
 * Each image is an axial slice: scalp, skull, cerebrospinal fluid, a cortical grey-matter ribbon with gyral
 * folding, white matter, deep grey nuclei and lateral ventricles, and (in most images) a tumour: a necrotic
 * core inside an enhancing rim inside oedema, shaped irregularly. Tissue intensities per contrast follow the
 * usual appearance of a high-grade glioma (oedema bright on T2 and FLAIR, the rim bright on T1c, the core
 * dark on T1c, CSF dark on FLAIR), then partial-volume blur, a smooth multiplicative bias field per contrast
 * and Rician noise are applied, and each channel is normalised per image.
 *
 * The same seed gives the same bytes, and image `i` depends only on the seed and `i`, not on `count`.
 */
import { createRandom, deriveSeed } from '../runtime/seed.ts';

/** The contrasts, in channel order. */
export const PHANTOM_CHANNELS = ['T1', 'T1c', 'T2', 'FLAIR'] as const;

/** The label classes, by label value. */
export const PHANTOM_CLASSES = ['background', 'oedema', 'enhancing tumour', 'necrotic core'] as const;

/** The tissues of the `tissues` map, by value (label classes are tumour tissues 8, 9, 10). */
export const PHANTOM_TISSUES = [
  'air',
  'scalp',
  'skull',
  'csf',
  'grey matter',
  'white matter',
  'deep grey matter',
  'ventricle',
  'oedema',
  'enhancing tumour',
  'necrotic core',
] as const;

/** Options of `generatePhantoms`. */
export interface PhantomOptions {
  /** Number of images. */
  count: number;
  /** Width and height in pixels. @default 64 */
  size?: number;
  /** Seed; the same seed gives the same bytes. */
  seed: number;
  /** Fraction of images, on average, with no tumour. @default 0.1 */
  tumourFreeFraction?: number;
}

/** A batch of phantoms in NHWC layout. */
export interface PhantomBatch {
  /** `count` x `size` x `size` x 4 (T1, T1c, T2, FLAIR), each channel normalised per image (99th percentile = 1). */
  images: Float32Array;
  /** `count` x `size` x `size`: 0 background, 1 oedema, 2 enhancing tumour, 3 necrotic core. */
  labels: Uint8Array;
  /** `count` x `size` x `size`: index into `PHANTOM_TISSUES`, the ground truth anatomy. */
  tissues: Uint8Array;
  /** 1 where the image has a tumour. */
  hasTumour: Uint8Array;
  count: number;
  size: number;
  channels: typeof PHANTOM_CHANNELS;
  classes: typeof PHANTOM_CLASSES;
}

// Mean signal of each tissue in T1, T1c, T2, FLAIR (arbitrary units, before bias and noise), after the
// typical appearance in clinical glioma imaging (e.g. the BraTS challenge's description of its labels).
const AIR = 0;
const SCALP = 1;
const SKULL = 2;
const CSF = 3;
const GREY = 4;
const WHITE = 5;
const DEEP_GREY = 6;
const VENTRICLE = 7;
const OEDEMA = 8;
// biome-ignore lint/correctness/noUnusedVariables: the table of labels is complete; 9 and 10 are reached as OEDEMA + l - 1.
const ENHANCING = 9;
// biome-ignore lint/correctness/noUnusedVariables: as ENHANCING.
const NECROSIS = 10;
const TISSUE_SIGNAL: readonly (readonly [number, number, number, number])[] = [
  [0, 0, 0, 0], // air
  [0.9, 0.88, 0.55, 0.65], // scalp: fat is bright on T1
  [0.08, 0.08, 0.08, 0.08], // skull: cortical bone gives almost no signal
  [0.15, 0.17, 1.0, 0.12], // csf: dark on T1, bright on T2, suppressed on FLAIR
  [0.5, 0.52, 0.62, 0.55], // grey matter
  [0.72, 0.74, 0.42, 0.42], // white matter: brighter than grey on T1, darker on T2
  [0.56, 0.58, 0.55, 0.5], // deep grey matter
  [0.13, 0.15, 1.0, 0.1], // ventricle (csf)
  [0.42, 0.44, 0.88, 0.95], // oedema: bright on T2 and FLAIR
  [0.5, 1.0, 0.7, 0.72], // enhancing tumour: gadolinium makes it bright on T1c
  [0.25, 0.2, 0.95, 0.6], // necrotic core: dark on T1 and T1c, fluid-bright on T2
];

/**
 * A random smooth radial profile r(phi) = 1 + sum_k a_k cos(k phi + p_k), for irregular outlines, stored as
 * [a_k cos p_k, a_k sin p_k] pairs for k = 0..maxOrder so that it is evaluated from cos(phi) and sin(phi)
 * without trigonometric calls per pixel.
 */
function createOutline(random: () => number, orders: number[], amplitude: number): Float64Array {
  const coefficients = new Float64Array(2 * (Math.max(...orders) + 1));
  for (const k of orders) {
    const a = amplitude * random();
    const p = 2 * Math.PI * random();
    coefficients[2 * k] = a * Math.cos(p);
    coefficients[2 * k + 1] = a * Math.sin(p);
  }
  return coefficients;
}

/** Evaluates an outline at the angle whose cosine and sine are `c` and `s` (angle-addition recurrence). */
function outlineAt(coefficients: Float64Array, c: number, s: number): number {
  let r = 1;
  let ck = 1;
  let sk = 0;
  for (let k = 1; 2 * k < coefficients.length; k++) {
    const next = ck * c - sk * s;
    sk = sk * c + ck * s;
    ck = next;
    r += coefficients[2 * k]! * ck - coefficients[2 * k + 1]! * sk;
  }
  return r;
}

/**
 * Fills `out` with approximately standard normal numbers: the centred sum of four uniforms (Irwin-Hall),
 * scaled to unit variance. Several times cheaper than Box-Muller and close enough for image noise.
 */
function fillNoise(random: () => number, out: Float32Array): void {
  const scale = Math.sqrt(3); // the sum of four uniforms has variance 4/12
  for (let i = 0; i < out.length; i++) out[i] = (random() + random() + random() + random() - 2) * scale;
}

/** The k-th smallest value of `values` (quickselect; reorders `values`), in linear time unlike a full sort. */
function select(values: Float32Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i++] = values[j]!;
        values[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k]!;
}

const uniform = (random: () => number, lo: number, hi: number): number => lo + (hi - lo) * random();

/** Work buffers reused across the images of a batch. */
interface Scratch {
  clean: Float32Array;
  rows: Float32Array;
  noise: Float32Array;
  values: Float32Array;
}

/** Draws one phantom into the given slices of the output arrays; returns whether it has a tumour. */
function drawPhantom(
  random: () => number,
  size: number,
  tumourFreeFraction: number,
  image: Float32Array,
  label: Uint8Array,
  tissue: Uint8Array,
  scratch: Scratch,
): boolean {
  // Head placement and shape.
  const cx = uniform(random, -0.04, 0.04);
  const cy = uniform(random, -0.04, 0.04);
  const ax = uniform(random, 0.7, 0.8);
  const ay = uniform(random, 0.84, 0.93);
  const theta = uniform(random, -0.25, 0.25);
  const cosT = Math.cos(theta);
  const sinT = Math.sin(theta);
  const headOutline = createOutline(random, [2, 3], 0.02);
  const brainOutline = createOutline(random, [2, 3, 4, 5], 0.035);
  const brainScale = uniform(random, 0.8, 0.85);
  // Cortical ribbon whose inner border folds like gyri.
  const cortex = uniform(random, 0.8, 0.86);
  const gyri = createOutline(random, [Math.round(uniform(random, 14, 22))], 0.06);
  // Lateral ventricles (larger with atrophy), deep grey nuclei beside them.
  const ventricleScale = uniform(random, 0.7, 1.35);
  const ventricleTilt = uniform(random, 0.15, 0.4);
  const cosV = Math.cos(ventricleTilt);
  const sinV = Math.sin(ventricleTilt);

  // Tumour: centre inside the brain, irregular core, irregular oedema around it.
  const hasTumour = random() >= tumourFreeFraction;
  const tAngle = 2 * Math.PI * random();
  const tRadius = 0.55 * Math.sqrt(random());
  const tx = tRadius * Math.cos(tAngle) * 0.85;
  const ty = tRadius * Math.sin(tAngle) * 0.85;
  const coreRadius = uniform(random, 0.09, 0.22);
  const coreOutline = createOutline(random, [2, 3, 4, 5], 0.12);
  // Some tumours have no necrosis (as lower-grade ones).
  const necrosisFraction = random() < 0.15 ? 0 : uniform(random, 0.35, 0.6);
  const necrosisOutline = createOutline(random, [2, 3], 0.1);
  const oedemaExtent = uniform(random, 1.5, 2.4);
  const oedemaOutline = createOutline(random, [2, 3, 4, 5, 6], 0.2);

  // Per-image tissue contrast jitter (scanner and patient variation), flattened as [tissue * 4 + channel].
  const signal = new Float64Array(TISSUE_SIGNAL.length * 4);
  TISSUE_SIGNAL.forEach((row, t) => row.forEach((v, c) => (signal[t * 4 + c] = v * uniform(random, 0.94, 1.06))));
  const bias = Float64Array.from({ length: 20 }, () => uniform(random, -0.15, 0.15));
  const sigma = uniform(random, 0.02, 0.04);

  const n = size * size;
  const { clean, rows, values } = scratch;
  for (let y = 0; y < size; y++) {
    const v = ((y + 0.5) / size) * 2 - 1;
    for (let x = 0; x < size; x++) {
      const u = ((x + 0.5) / size) * 2 - 1;
      const dx = u - cx;
      const dy = v - cy;
      const hx = (cosT * dx + sinT * dy) / ax;
      const hy = (-sinT * dx + cosT * dy) / ay;
      const radius = Math.sqrt(hx * hx + hy * hy);
      const c = radius > 0 ? hx / radius : 1;
      const s = radius > 0 ? hy / radius : 0;
      const hr = radius / outlineAt(headOutline, c, s);
      let t = AIR;
      let l = 0;
      if (hr <= 1) {
        const br = hr / (brainScale * outlineAt(brainOutline, c, s));
        if (hr > 0.94) t = SCALP;
        else if (hr > 0.87) t = SKULL;
        else if (br > 1) t = CSF;
        else {
          t = br > cortex + outlineAt(gyri, c, s) - 1 ? GREY : WHITE;
          // Ventricles and nuclei, mirrored about the midline.
          const mx = Math.abs(hx);
          const vx = mx - 0.09 * ventricleScale;
          const vy = hy + 0.08;
          const rx = (cosV * vx - sinV * vy) / (0.055 * ventricleScale);
          const ry = (sinV * vx + cosV * vy) / (0.2 * ventricleScale);
          const inVentricle = rx * rx + ry * ry <= 1;
          if (inVentricle) t = VENTRICLE;
          else if (((mx - 0.27) / 0.09) ** 2 + ((hy - 0.08) / 0.13) ** 2 <= 1) t = DEEP_GREY;
          if (hasTumour) {
            const ex = hx - tx;
            const ey = hy - ty;
            const dist = Math.sqrt(ex * ex + ey * ey);
            const ec = dist > 0 ? ex / dist : 1;
            const es = dist > 0 ? ey / dist : 0;
            const d = dist / (coreRadius * outlineAt(coreOutline, ec, es));
            if (d < necrosisFraction * outlineAt(necrosisOutline, ec, es)) l = 3;
            else if (d < 1) l = 2;
            else if (!inVentricle && d < oedemaExtent * outlineAt(oedemaOutline, ec, es)) l = 1;
            if (l > 0) t = OEDEMA + l - 1;
          }
        }
      }
      const i = y * size + x;
      tissue[i] = t;
      label[i] = l;
      for (let ch = 0; ch < 4; ch++) clean[i * 4 + ch] = signal[t * 4 + ch]!;
    }
  }

  // Partial volume: a separable 3x3 box blur (edges clamped).
  // Per pixel: one texture draw, then a real and an imaginary noise draw per contrast.
  const noise = scratch.noise;
  fillNoise(random, noise);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const left = (y * size + Math.max(0, x - 1)) * 4;
      const mid = (y * size + x) * 4;
      const right = (y * size + Math.min(size - 1, x + 1)) * 4;
      for (let ch = 0; ch < 4; ch++) rows[mid + ch] = clean[left + ch]! + clean[mid + ch]! + clean[right + ch]!;
    }
  }
  for (let y = 0; y < size; y++) {
    const v = ((y + 0.5) / size) * 2 - 1;
    const up = Math.max(0, y - 1) * size;
    const down = Math.min(size - 1, y + 1) * size;
    for (let x = 0; x < size; x++) {
      const u = ((x + 0.5) / size) * 2 - 1;
      const i = y * size + x;
      // Tissue texture, shared by all contrasts.
      const texture = tissue[i] === AIR ? 1 : 1 + 0.03 * noise[i * 9]!;
      for (let ch = 0; ch < 4; ch++) {
        const blurred = (rows[(up + x) * 4 + ch]! + rows[i * 4 + ch]! + rows[(down + x) * 4 + ch]!) / 9;
        // A smooth multiplicative bias field, different for each contrast.
        const b = ch * 5;
        const field = Math.exp(bias[b]! * u + bias[b + 1]! * v + bias[b + 2]! * u * v + bias[b + 3]! * (u * u - 1 / 3) + bias[b + 4]! * (v * v - 1 / 3));
        const signalValue = blurred * texture * field;
        // Rician noise: the magnitude of a complex signal with Gaussian noise in both parts.
        const re = signalValue + sigma * noise[i * 9 + 1 + 2 * ch]!;
        const im = sigma * noise[i * 9 + 2 + 2 * ch]!;
        image[i * 4 + ch] = Math.sqrt(re * re + im * im);
      }
    }
  }

  // Normalise each channel so that its 99th percentile over the image is 1.
  for (let ch = 0; ch < 4; ch++) {
    for (let i = 0; i < n; i++) values[i] = image[i * 4 + ch]!;
    const scale = select(values, Math.floor(0.99 * (n - 1))) || 1;
    for (let i = 0; i < n; i++) image[i * 4 + ch] = image[i * 4 + ch]! / scale;
  }
  return hasTumour;
}

/** Generates `count` seeded phantoms of `size` x `size` pixels with four contrasts and tumour labels. */
export function generatePhantoms(options: PhantomOptions): PhantomBatch {
  const { count, seed } = options;
  const size = options.size ?? 64;
  const tumourFreeFraction = options.tumourFreeFraction ?? 0.1;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`Expected count to be a non-negative integer, but got ${count}.`);
  if (!Number.isInteger(size) || size < 8) throw new RangeError(`Expected size to be an integer >= 8, but got ${size}.`);
  if (!(tumourFreeFraction >= 0 && tumourFreeFraction <= 1)) {
    throw new RangeError(`Expected tumourFreeFraction to be in [0, 1], but got ${tumourFreeFraction}.`);
  }
  const n = size * size;
  const images = new Float32Array(count * n * 4);
  const labels = new Uint8Array(count * n);
  const tissues = new Uint8Array(count * n);
  const hasTumour = new Uint8Array(count);
  const scratch: Scratch = {
    clean: new Float32Array(n * 4),
    rows: new Float32Array(n * 4),
    noise: new Float32Array(n * 9),
    values: new Float32Array(n),
  };
  for (let k = 0; k < count; k++) {
    const random = createRandom(deriveSeed(seed, `phantom:${k}`));
    hasTumour[k] = drawPhantom(
      random,
      size,
      tumourFreeFraction,
      images.subarray(k * n * 4, (k + 1) * n * 4),
      labels.subarray(k * n, (k + 1) * n),
      tissues.subarray(k * n, (k + 1) * n),
      scratch,
    )
      ? 1
      : 0;
  }
  return { images, labels, tissues, hasTumour, count, size, channels: PHANTOM_CHANNELS, classes: PHANTOM_CLASSES };
}
