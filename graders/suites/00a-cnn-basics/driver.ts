/** Runs in the child next to the student's code for 00a-cnn-basics: calls the hand-written operations. */
import { readAnswers } from '../../src/child/kit/concepts-driver.ts';
import { defineDriver, InvalidSubmissionError } from '../../src/child/driver-api.ts';

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

/** What a case returned, checked to be an image: plain data the grader can compare. */
function asImage(value: unknown, fnName: string): Image {
  const what = {
    en: `${fnName} must return an object { data, height, width, channels }`,
    nb: `${fnName} må returnere et objekt { data, height, width, channels }`,
  };
  if (typeof value !== 'object' || value === null) {
    const found = value === null ? 'null' : typeof value;
    throw new InvalidSubmissionError({ en: `${what.en}, but it returned ${found}.`, nb: `${what.nb}, men den returnerte ${found}.` });
  }
  const v = value as Record<string, unknown>;
  for (const key of ['height', 'width', 'channels'] as const) {
    if (typeof v[key] !== 'number' || !Number.isInteger(v[key])) {
      const found = JSON.stringify(v[key]);
      throw new InvalidSubmissionError({
        en: `${what.en}; its ${key} is ${found ?? 'missing'}, not a whole number.`,
        nb: `${what.nb}; dens ${key} ${found === undefined ? 'mangler' : `er ${found}`}, ikke et heltall.`,
      });
    }
  }
  const data = v['data'];
  let values: Float32Array;
  if (data instanceof Float32Array) values = data;
  else if (Array.isArray(data) || ArrayBuffer.isView(data)) values = Float32Array.from(data as ArrayLike<number>);
  else {
    throw new InvalidSubmissionError({
      en: `${what.en}; its data is ${data === undefined ? 'missing' : typeof data}, not a Float32Array.`,
      nb: `${what.nb}; dens data ${data === undefined ? 'mangler' : `er ${typeof data}`}, ikke en Float32Array.`,
    });
  }
  return { data: values, height: v['height'] as number, width: v['width'] as number, channels: v['channels'] as number };
}

export const driver = defineDriver({
  'output-size'(ctx, args: { cases: { inputSize: number; kernelSize: number; stride: number; padding: Padding }[] }) {
    const outputSize = ctx.fn<(n: number, k: number, s: number, p: Padding) => unknown>('outputSize');
    return args.cases.map((c) => {
      const value = outputSize(c.inputSize, c.kernelSize, c.stride, c.padding);
      return typeof value === 'number' ? value : String(value);
    });
  },

  conv2d(ctx, args: { cases: { image: Image; kernel: Kernel; stride: number; padding: Padding }[] }) {
    const conv2d = ctx.fn<(image: Image, kernel: Kernel, stride: number, padding: Padding) => unknown>('conv2d');
    // Each case gets its own copies, so that code which writes into its inputs cannot change later cases.
    return args.cases.map((c) =>
      asImage(conv2d({ ...c.image, data: c.image.data.slice() }, { ...c.kernel, data: c.kernel.data.slice() }, c.stride, c.padding), 'conv2d'),
    );
  },

  'max-pool'(ctx, args: { cases: { image: Image; poolSize: number; stride: number; padding: Padding }[] }) {
    const maxPool2d = ctx.fn<(image: Image, poolSize: number, stride: number, padding: Padding) => unknown>('maxPool2d');
    return args.cases.map((c) => asImage(maxPool2d({ ...c.image, data: c.image.data.slice() }, c.poolSize, c.stride, c.padding), 'maxPool2d'));
  },

  sobel(ctx, args: { image: Image }) {
    const sobelEdges = ctx.fn<(image: Image) => unknown>('sobelEdges');
    return asImage(sobelEdges(args.image), 'sobelEdges');
  },

  answers: readAnswers,
});
