/** Runs in the child next to the student's code for 01-mnist-data. Only training files and test images are staged. */
import { readAnswers } from '../../src/child/kit/concepts-driver.ts';
import { defineDriver, InvalidSubmissionError, isStubSentinel } from '../../src/child/driver-api.ts';

interface IdxFile {
  dims: number[];
  data: Uint8Array;
}

/** Either what parseIdx returned, made plain, or the error it threw. */
type ParseOutcome = { threw: false; dims: unknown; data: Uint8Array | null; dataType: string } | { threw: true; name: string; message: string };

function parseOutcome(parseIdx: (bytes: Uint8Array) => unknown, bytes: Uint8Array): ParseOutcome {
  let value: unknown;
  try {
    value = parseIdx(bytes.slice());
  } catch (error) {
    if (isStubSentinel(error)) throw error;
    return { threw: true, name: error instanceof Error ? error.name : typeof error, message: error instanceof Error ? error.message : String(error) };
  }
  const v = (value ?? {}) as Partial<IdxFile>;
  const data =
    v.data instanceof Uint8Array ? v.data : ArrayBuffer.isView(v.data) || Array.isArray(v.data) ? Uint8Array.from(v.data as ArrayLike<number>) : null;
  const dims = Array.isArray(v.dims) ? v.dims.map((d) => (typeof d === 'number' ? d : String(d))) : v.dims === undefined ? 'missing' : String(v.dims);
  return { threw: false, dims, data, dataType: v.data === undefined ? 'missing' : ((v.data as object)?.constructor?.name ?? typeof v.data) };
}

/** The pixels of some images of a staged IDX image file (all of them when `images` is null), scaled by the grader's own rule. */
function scaledTrainingPixels(bytes: Uint8Array, images: number[] | null): Float32Array {
  const pixels = bytes.subarray(16);
  if (images === null) {
    const out = new Float32Array(pixels.length);
    for (let i = 0; i < pixels.length; i++) out[i] = pixels[i]! / 255;
    return out;
  }
  const out = new Float32Array(images.length * 784);
  images.forEach((image, k) => {
    for (let p = 0; p < 784; p++) out[k * 784 + p] = pixels[image * 784 + p]! / 255;
  });
  return out;
}

export const driver = defineDriver({
  'parse-real'(ctx) {
    const parseIdx = ctx.fn<(bytes: Uint8Array) => unknown>('parseIdx');
    return { labels: parseOutcome(parseIdx, ctx.readData('train-labels.idx')), images: parseOutcome(parseIdx, ctx.readData('test-images.idx')) };
  },

  'parse-files'(ctx, args: { files: Uint8Array[] }) {
    const parseIdx = ctx.fn<(bytes: Uint8Array) => unknown>('parseIdx');
    return args.files.map((bytes) => parseOutcome(parseIdx, bytes));
  },

  scale(ctx, args: { values: Uint8Array }) {
    const scaled = ctx.fn<(pixels: Uint8Array) => unknown>('scalePixels')(args.values.slice());
    if (!(scaled instanceof Float32Array) && !Array.isArray(scaled)) {
      const found = scaled === null ? 'null' : typeof scaled;
      throw new InvalidSubmissionError({
        en: `scalePixels must return a Float32Array, but it returned ${found}.`,
        nb: `scalePixels må returnere en Float32Array, men den returnerte ${found}.`,
      });
    }
    return Float32Array.from(scaled as ArrayLike<number>);
  },

  'mean-std'(ctx, args: { parts: (number[] | null)[] }) {
    const meanAndStd = ctx.fn<(values: Float32Array) => unknown>('meanAndStd');
    const images = ctx.readData('train-images.idx');
    return args.parts.map((part) => {
      const r = (meanAndStd(scaledTrainingPixels(images, part)) ?? {}) as { mean?: unknown; std?: unknown };
      return { mean: typeof r.mean === 'number' ? r.mean : String(r.mean), std: typeof r.std === 'number' ? r.std : String(r.std) };
    });
  },

  'class-counts'(ctx, args: { parts: (number[] | null)[] }) {
    const classCounts = ctx.fn<(labels: Uint8Array, n: number) => unknown>('classCounts');
    const all = ctx.readData('train-labels.idx').subarray(8);
    return args.parts.map((part) => {
      const counts = classCounts(part === null ? all.slice() : Uint8Array.from(part, (i) => all[i]!), 10);
      if (!Array.isArray(counts) && !ArrayBuffer.isView(counts)) {
        const found = counts === null ? 'null' : typeof counts;
        throw new InvalidSubmissionError({
          en: `classCounts must return an array of 10 numbers, but it returned ${found}.`,
          nb: `classCounts må returnere en tabell med 10 tall, men den returnerte ${found}.`,
        });
      }
      return Array.from(counts as ArrayLike<number>);
    });
  },

  split(ctx, args: { runs: { labels: Uint8Array | 'training'; fraction: number; seed: number }[] }) {
    const stratifiedSplit = ctx.fn<(labels: Uint8Array, fraction: number, seed: number) => unknown>('stratifiedSplit');
    const training = ctx.readData('train-labels.idx').subarray(8);
    return args.runs.map((run) => {
      const s = (stratifiedSplit((run.labels === 'training' ? training : run.labels).slice(), run.fraction, run.seed) ?? {}) as {
        train?: unknown;
        validation?: unknown;
      };
      const list = (v: unknown, what: string) => {
        if (!Array.isArray(v) && !ArrayBuffer.isView(v)) {
          throw new InvalidSubmissionError({
            en: `stratifiedSplit must return { train, validation } as arrays of indices, but ${what} is ${v === undefined ? 'missing' : typeof v}.`,
            nb: `stratifiedSplit må returnere { train, validation } som tabeller med indekser, men ${what} ${v === undefined ? 'mangler' : `er ${typeof v}`}.`,
          });
        }
        return Int32Array.from(v as ArrayLike<number>);
      };
      return { train: list(s.train, 'train'), validation: list(s.validation, 'validation') };
    });
  },

  render(ctx, args: { digits: Uint8Array[] }) {
    const renderDigit = ctx.fn<(pixels: Uint8Array) => unknown>('renderDigit');
    return args.digits.map((pixels) => {
      const text = renderDigit(pixels.slice());
      return typeof text === 'string' ? text : `(not a string: ${typeof text})`;
    });
  },

  answers: readAnswers,
});
