import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../runtime/backend.ts';
import { conv2dBackpropFilterConfig } from '../../runtime/kernels/conv2d-backprop-filter.ts';
import { EMPTY_TENSOR_KERNELS, unguarded } from '../../runtime/kernels/empty-tensors.ts';
import { maxPoolGradConfig } from '../../runtime/kernels/max-pool-grad.ts';

/** Relative tolerance of the wasm kernels against the CPU backend (absolute below magnitude 1). */
const TOLERANCE = 1e-4;

function randomValues(shape: number[], seed: number): Float32Array {
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
  let state = seed >>> 0;
  for (let i = 0; i < values.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    values[i] = state / 2 ** 31 - 1;
  }
  return values;
}

/** Runs `compute` on fresh tensors on one backend and returns the result's values and shape. */
async function runOn(backend: 'cpu' | 'wasm', compute: () => tf.Tensor): Promise<{ values: Float32Array; shape: number[] }> {
  await tf.setBackend(backend);
  const result = tf.tidy(compute);
  const values = (await result.data()) as Float32Array;
  const shape = result.shape;
  result.dispose();
  return { values, shape };
}

function expectClose(actual: { values: Float32Array; shape: number[] }, expected: { values: Float32Array; shape: number[] }): void {
  expect(actual.shape).toEqual(expected.shape);
  let worst = 0;
  for (let i = 0; i < expected.values.length; i++) {
    const error = Math.abs(actual.values[i]! - expected.values[i]!) / Math.max(1, Math.abs(expected.values[i]!));
    worst = Math.max(worst, error);
  }
  expect(worst).toBeLessThanOrEqual(TOLERANCE);
}

/** Expects the same values on wasm as on the CPU backend, and no tensors left behind on wasm. */
async function expectWasmMatchesCpu(compute: () => tf.Tensor): Promise<void> {
  const expected = await runOn('cpu', compute);
  await tf.setBackend('wasm');
  const before = tf.memory().numTensors;
  const actual = await runOn('wasm', compute);
  expect(tf.memory().numTensors).toBe(before);
  expectClose(actual, expected);
}

beforeAll(async () => {
  await selectBackend('wasm');
});

afterAll(async () => {
  await tf.setBackend('wasm');
});

describe('the wasm backend kernel registry', () => {
  it('has the kernels that training a conv net needs', () => {
    const names = new Set(tf.getKernelsForBackend('wasm').map((k) => k.kernelName));
    for (const name of ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad', 'BatchMatMul']) expect(names).toContain(name);
  });

  it("runs the project's own kernels where the backend's are missing or slow", () => {
    const kernel = (name: string) => unguarded(tf.getKernel(name, 'wasm')!.kernelFunc);
    expect(kernel(tf.MaxPoolGrad)).toBe(maxPoolGradConfig.kernelFunc);
    expect((kernel(tf.Conv2DBackpropInput) as { viaConv2D?: boolean }).viaConv2D).toBe(true);
    expect(kernel(tf.Conv2DBackpropFilter)).toBe(conv2dBackpropFilterConfig.kernelFunc);
    expect((kernel(tf.Sum) as { rowSum?: boolean }).rowSum).toBe(true);
  });

  it('puts the empty-tensor guard in front of every convolution, pooling and matMul kernel', () => {
    const present = EMPTY_TENSOR_KERNELS.filter((name) => tf.getKernel(name, 'wasm') !== undefined);
    expect(present).toEqual(
      expect.arrayContaining([tf.Conv2D, tf.Conv2DBackpropFilter, tf.Conv2DBackpropInput, tf.MaxPool, tf.MaxPoolGrad, tf.BatchMatMul, tf._FusedMatMul]),
    );
    for (const name of present) expect((tf.getKernel(name, 'wasm')!.kernelFunc as { emptyTensors?: boolean }).emptyTensors, name).toBe(true);
  });
});

type ConvCase = { batch: number; size: [number, number]; inChannels: number; outChannels: number; kernel: number; stride: 1 | 2; pad: 'valid' | 'same' };

const convCases: ConvCase[] = [];
for (const kernel of [1, 3, 5]) {
  for (const stride of [1, 2] as const) {
    for (const pad of ['valid', 'same'] as const) {
      convCases.push({ batch: 3, size: [9, 7], inChannels: 2, outChannels: 5, kernel, stride, pad });
    }
  }
}
convCases.push({ batch: 1, size: [28, 28], inChannels: 1, outChannels: 16, kernel: 3, stride: 1, pad: 'valid' });
convCases.push({ batch: 2, size: [7, 7], inChannels: 16, outChannels: 32, kernel: 3, stride: 1, pad: 'same' });
convCases.push({ batch: 2, size: [11, 10], inChannels: 3, outChannels: 4, kernel: 5, stride: 2, pad: 'same' });
convCases.push({ batch: 2, size: [6, 6], inChannels: 3, outChannels: 2, kernel: 3, stride: 2, pad: 'valid' });

describe.each(convCases)(
  'the wasm conv2d gradients, batch $batch, input $size x $inChannels, $outChannels filters $kernel x $kernel, stride $stride, $pad padding',
  ({ batch, size, inChannels, outChannels, kernel, stride, pad }) => {
    const xShape = [batch, size[0], size[1], inChannels] as [number, number, number, number];
    const filterShape = [kernel, kernel, inChannels, outChannels] as [number, number, number, number];
    const dyShape = (): [number, number, number, number] => {
      const out = tf.conv2d(tf.zeros(xShape) as tf.Tensor4D, tf.zeros(filterShape) as tf.Tensor4D, stride, pad).shape;
      return out as [number, number, number, number];
    };

    it('computes the filter gradient (Conv2DBackpropFilter) as the CPU backend does', async () => {
      await expectWasmMatchesCpu(() => {
        const x = tf.tensor4d(randomValues(xShape, 1), xShape);
        const dy = tf.tidy(() => tf.tensor4d(randomValues(dyShape(), 2), dyShape()));
        return tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy }, { strides: stride, pad, dataFormat: 'NHWC', filterShape }) as tf.Tensor;
      });
    });

    it('computes the input gradient (Conv2DBackpropInput) as the CPU backend does', async () => {
      await expectWasmMatchesCpu(() => {
        const filter = tf.tensor4d(randomValues(filterShape, 3), filterShape);
        const dy = tf.tidy(() => tf.tensor4d(randomValues(dyShape(), 4), dyShape()));
        return tf.engine().runKernel(tf.Conv2DBackpropInput, { dy, filter }, { strides: stride, pad, dataFormat: 'NHWC', inputShape: xShape }) as tf.Tensor;
      });
    });

    it('gives tf.grad of a conv2d the same gradients as the CPU backend', async () => {
      await expectWasmMatchesCpu(() => {
        const x = tf.tensor4d(randomValues(xShape, 5), xShape);
        const filter = tf.tensor4d(randomValues(filterShape, 6), filterShape);
        const [dx, dw] = tf.grads((a: tf.Tensor, w: tf.Tensor) =>
          tf
            .conv2d(a as tf.Tensor4D, w as tf.Tensor4D, stride, pad)
            .square()
            .sum(),
        )([x, filter]);
        return tf.concat([dx!.flatten(), dw!.flatten()]);
      });
    });
  },
);

const matMulCases = [
  { a: [5, 7], b: [7, 3], transposeA: false, transposeB: false },
  { a: [7, 5], b: [7, 3], transposeA: true, transposeB: false },
  { a: [5, 7], b: [3, 7], transposeA: false, transposeB: true },
  { a: [7, 5], b: [3, 7], transposeA: true, transposeB: true },
  { a: [2, 9, 4], b: [2, 6, 9], transposeA: true, transposeB: true },
  { a: [128, 784], b: [128, 10], transposeA: true, transposeB: false },
];

describe.each(matMulCases)('the wasm matMul of $a by $b, transposeA $transposeA, transposeB $transposeB', ({ a, b, transposeA, transposeB }) => {
  it('multiplies as the CPU backend does', async () => {
    await expectWasmMatchesCpu(() => tf.matMul(tf.tensor(randomValues(a, 8), a), tf.tensor(randomValues(b, 9), b), transposeA, transposeB));
  });
});

describe('the wasm fused matMul of a dense layer, [32, 20] by [20, 6] with bias and relu', () => {
  it('multiplies as the CPU backend does', async () => {
    await expectWasmMatchesCpu(() =>
      tf.fused.matMul({
        a: tf.tensor2d(randomValues([32, 20], 8), [32, 20]),
        b: tf.tensor2d(randomValues([20, 6], 9), [20, 6]),
        bias: tf.tensor1d(randomValues([6], 10)),
        activation: 'relu',
      }),
    );
  });
});

type PoolCase = { batch: number; size: [number, number]; channels: number; pool: number; stride: number; pad: 'valid' | 'same'; ties: boolean; nan?: boolean };

const poolCases: PoolCase[] = [
  // The CNN's pooling: 2x2, stride 2, after relu (many zeros: ties, which must go to the first maximum).
  { batch: 3, size: [26, 26], channels: 4, pool: 2, stride: 2, pad: 'valid', ties: true },
  { batch: 2, size: [13, 13], channels: 3, pool: 2, stride: 2, pad: 'valid', ties: false },
  // The 2x2 path with 'same' padding on even sizes (no padding needed), odd widths and heights, and NaN.
  { batch: 2, size: [8, 6], channels: 5, pool: 2, stride: 2, pad: 'same', ties: true },
  { batch: 1, size: [9, 4], channels: 2, pool: 2, stride: 2, pad: 'valid', ties: true },
  { batch: 1, size: [4, 7], channels: 3, pool: 2, stride: 2, pad: 'valid', ties: false, nan: true },
  { batch: 2, size: [7, 9], channels: 2, pool: 3, stride: 2, pad: 'same', ties: true },
  // Overlapping windows add up.
  { batch: 2, size: [6, 5], channels: 3, pool: 3, stride: 1, pad: 'same', ties: true },
  { batch: 1, size: [5, 5], channels: 1, pool: 2, stride: 1, pad: 'valid', ties: false },
  // Gaps between windows: positions no window covers get no gradient.
  { batch: 2, size: [11, 10], channels: 3, pool: 2, stride: 3, pad: 'valid', ties: true },
  { batch: 2, size: [10, 11], channels: 2, pool: 2, stride: 3, pad: 'same', ties: true },
  { batch: 1, size: [9, 9], channels: 5, pool: 3, stride: 3, pad: 'same', ties: false },
  // 2x2 windows with stride 2 and 'same' padding of odd sizes: the last window reaches past the input (the
  // 2x2 path read and wrote past the image there).
  { batch: 2, size: [7, 8], channels: 3, pool: 2, stride: 2, pad: 'same', ties: true },
  { batch: 2, size: [9, 6], channels: 3, pool: 2, stride: 2, pad: 'same', ties: false },
  { batch: 1, size: [12, 13], channels: 2, pool: 2, stride: 2, pad: 'same', ties: true },
];

describe.each(poolCases)(
  'the wasm max-pool gradient, batch $batch, input $size x $channels, pool $pool, stride $stride, $pad padding, ties $ties',
  ({ batch, size, channels, pool, stride, pad, ties, nan }) => {
    const shape = [batch, size[0], size[1], channels] as [number, number, number, number];
    const input = () => {
      const values = randomValues(shape, 21);
      // Relu's zeros, and values rounded to a few levels, make windows with several equal maxima.
      if (ties) for (let i = 0; i < values.length; i++) values[i] = Math.max(0, Math.round(values[i]! * 3) / 3);
      // NaN never wins a window: in some it sits first, in one window every value is NaN.
      if (nan) for (let i = 0; i < values.length; i += 7) values[i] = Number.NaN;
      if (nan) for (const i of [0, 3, 3 * size[1], 3 * size[1] + 3]) values[i] = Number.NaN;
      return tf.tensor4d(values, shape);
    };

    it('computes MaxPoolGrad as the CPU backend does', async () => {
      await expectWasmMatchesCpu(() => {
        const x = input();
        const output = tf.maxPool(x, pool, stride, pad);
        const dy = tf.tensor4d(randomValues(output.shape, 22), output.shape as [number, number, number, number]);
        return tf.engine().runKernel(tf.MaxPoolGrad, { dy, input: x, output }, { filterSize: pool, strides: stride, pad }) as tf.Tensor;
      });
    });

    it('gives tf.grad of a max pool the same gradient as the CPU backend', async () => {
      await expectWasmMatchesCpu(() => {
        const x = input();
        return tf.grad((a: tf.Tensor) =>
          tf
            .maxPool(a as tf.Tensor4D, pool, stride, pad)
            .mul(tf.linspace(0.5, 1.5, tf.maxPool(a as tf.Tensor4D, pool, stride, pad).size).reshape(tf.maxPool(a as tf.Tensor4D, pool, stride, pad).shape))
            .sum(),
        )(x);
      });
    });
  },
);

type SumCase = { shape: number[]; axis: number | number[]; keepDims: boolean };

const sumCases: SumCase[] = [
  // A conv layer's bias gradient, at the size of the lab's CNN, and smaller ones.
  { shape: [128, 26, 26, 16], axis: [0, 1, 2], keepDims: false },
  { shape: [3, 5, 4, 2], axis: [2, 0, 1], keepDims: true },
  { shape: [6, 5], axis: 0, keepDims: false },
  { shape: [2, 3, 4], axis: [-3, -2], keepDims: false },
  // Sums that keep the backend's own kernel.
  { shape: [2, 3, 4], axis: 1, keepDims: false },
  { shape: [2, 3, 4], axis: [0, 1, 2], keepDims: false },
  { shape: [7], axis: 0, keepDims: true },
];

describe.each(sumCases)('the wasm sum of $shape over axis $axis, keepDims $keepDims', ({ shape, axis, keepDims }) => {
  it('sums as the CPU backend does', async () => {
    await expectWasmMatchesCpu(() => tf.sum(tf.tensor(randomValues(shape, 31), shape), axis, keepDims));
  });
});

describe('a dense layer on the wasm backend', () => {
  it('gets the same weight and input gradients as on the CPU backend', async () => {
    await expectWasmMatchesCpu(() => {
      const x = tf.tensor2d(randomValues([16, 20], 11), [16, 20]);
      const w = tf.tensor2d(randomValues([20, 6], 12), [20, 6]);
      const bias = tf.tensor1d(randomValues([6], 13));
      const [dx, dw, db] = tf.grads((xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) =>
        tf.fused
          .matMul({ a: xx as tf.Tensor2D, b: ww as tf.Tensor2D, bias: bb, activation: 'relu' })
          .square()
          .sum(),
      )([x, w, bias]);
      return tf.concat([dx!.flatten(), dw!.flatten(), db!.flatten()]);
    });
  });
});

describe('a tiny conv net on the wasm backend', () => {
  it('trains with model.fit, lowers the loss and leaves no tensors behind', async () => {
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const n = 64;
    const images = randomValues([n, 12, 12, 1], 7);
    const labels = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      // Class 1 when the top half is brighter than the bottom half: a task a small conv net learns quickly.
      let top = 0;
      let bottom = 0;
      for (let p = 0; p < 144; p++) p < 72 ? (top += images[i * 144 + p]!) : (bottom += images[i * 144 + p]!);
      labels[i * 2 + (top > bottom ? 1 : 0)] = 1;
    }
    const xs = tf.tensor4d(images, [n, 12, 12, 1]);
    const ys = tf.tensor2d(labels, [n, 2]);
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({
          inputShape: [12, 12, 1],
          filters: 4,
          kernelSize: 3,
          activation: 'relu',
          kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
        }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.conv2d({
          filters: 8,
          kernelSize: 3,
          strides: 2,
          padding: 'same',
          activation: 'relu',
          kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }),
        }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
      ],
    });
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
    const history = await model.fit(xs, ys, { epochs: 15, batchSize: 16, shuffle: false, verbose: 0 });
    const losses = history.history.loss as number[];
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses.at(-1)!).toBeLessThan(losses[0]! * 0.8);
    model.optimizer.dispose();
    model.dispose();
    xs.dispose();
    ys.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

/**
 * Calls whose output is empty (a 'valid' window larger than the input) or a sum over nothing (an empty batch,
 * an inner size of 0). On the wasm backend's own kernels the convolution trapped with "memory access out of
 * bounds" and left the WebAssembly instance broken for every later op, and the matMul returned uninitialised
 * memory; the CPU backend's answers are the reference.
 */
const emptyCases: { name: string; compute: () => tf.Tensor }[] = [
  {
    name: "conv2d of 4x6 by 5x5, 'valid' (00a's graded case)",
    compute: () => tf.conv2d(tf.ones([1, 4, 6, 2]) as tf.Tensor4D, tf.ones([5, 5, 2, 4]) as tf.Tensor4D, 1, 'valid'),
  },
  {
    name: "conv2d of 4x6 by 5x3, stride 2, 'valid'",
    compute: () => tf.conv2d(tf.ones([1, 4, 6, 2]) as tf.Tensor4D, tf.ones([5, 3, 2, 4]) as tf.Tensor4D, 2, 'valid'),
  },
  { name: 'conv2d of an empty batch', compute: () => tf.conv2d(tf.ones([0, 4, 6, 2]) as tf.Tensor4D, tf.ones([3, 3, 2, 4]) as tf.Tensor4D, 1, 'same') },
  {
    name: "depthwise conv2d of 4x6 by 5x5, 'valid'",
    compute: () => tf.depthwiseConv2d(tf.ones([1, 4, 6, 2]) as tf.Tensor4D, tf.ones([5, 5, 2, 1]) as tf.Tensor4D, 1, 'valid'),
  },
  {
    name: "fused conv2d with bias and relu of 4x6 by 5x5, 'valid'",
    compute: () =>
      tf.fused.conv2d({
        x: tf.ones([1, 4, 6, 2]) as tf.Tensor4D,
        filter: tf.ones([5, 5, 2, 4]) as tf.Tensor4D,
        strides: 1,
        pad: 'valid',
        bias: tf.ones([4]),
        activation: 'relu',
      }),
  },
  { name: "max pool 3x3 of 2x5, 'valid'", compute: () => tf.maxPool(tf.ones([1, 2, 5, 3]) as tf.Tensor4D, 3, 1, 'valid') },
  { name: 'matMul over an inner size of 0', compute: () => tf.matMul(tf.ones([3, 0]), tf.ones([0, 4])) },
  { name: 'matMul over an inner size of 0, transposed', compute: () => tf.matMul(tf.ones([0, 3]), tf.ones([0, 4]), true, false) },
  {
    name: 'the filter gradient of a conv2d with an empty output',
    compute: () => tf.grad((f: tf.Tensor) => tf.conv2d(tf.ones([1, 4, 6, 2]) as tf.Tensor4D, f as tf.Tensor4D, 1, 'valid').sum())(tf.ones([5, 5, 2, 4])),
  },
  {
    name: 'the input gradient of a conv2d with an empty output',
    compute: () => tf.grad((x: tf.Tensor) => tf.conv2d(x as tf.Tensor4D, tf.ones([5, 5, 2, 4]) as tf.Tensor4D, 1, 'valid').sum())(tf.ones([1, 4, 6, 2])),
  },
  {
    name: 'the filter gradient of a conv2d of an empty batch',
    compute: () => tf.grad((f: tf.Tensor) => tf.conv2d(tf.ones([0, 4, 6, 2]) as tf.Tensor4D, f as tf.Tensor4D, 1, 'same').sum())(tf.ones([3, 3, 2, 4])),
  },
  {
    name: 'the gradient of a max pool with an empty output',
    compute: () => tf.grad((x: tf.Tensor) => tf.maxPool(x as tf.Tensor4D, 3, 1, 'valid').sum())(tf.ones([1, 2, 5, 3])),
  },
];

describe.each(emptyCases)('on the wasm backend, $name', ({ compute }) => {
  it("gives the CPU backend's shape and values, and leaves the backend working", async () => {
    await expectWasmMatchesCpu(compute);
    await tf.setBackend('wasm');
    expect(Array.from(tf.tidy(() => tf.add(tf.tensor1d([1, 2]), 1).dataSync()))).toEqual([2, 3]);
  });
});

describe('the wasm max-pool gradient when its output grows the wasm memory', () => {
  it('reads its inputs after the allocation (views taken before it are detached) and matches the CPU backend', async () => {
    await tf.setBackend('wasm');
    const wasm = (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm;
    // An input as large as the whole heap: allocating the gradient, as large again, must grow the memory.
    const side = 2 * Math.ceil(Math.sqrt(wasm.HEAPU8.buffer.byteLength / 4) / 2);
    const shape: [number, number, number, number] = [1, side, side, 1];
    const x = tf.tensor4d(randomValues(shape, 41), shape);
    const output = tf.maxPool(x, 2, 2, 'valid');
    const dy = tf.onesLike(output);
    const heapBefore = wasm.HEAPU8.buffer;
    const dx = tf.engine().runKernel(tf.MaxPoolGrad, { dy, input: x, output }, { filterSize: 2, strides: 2, pad: 'valid' }) as tf.Tensor;
    expect(heapBefore.byteLength === 0 || heapBefore !== wasm.HEAPU8.buffer, 'the case must grow the memory to test anything').toBe(true);
    // Each window sends its gradient (1) to one position: the gradient sums to the number of windows.
    expect(dx.sum().dataSync()[0]).toBe(output.size);
    tf.dispose([x, output, dy, dx]);
  });
});

/**
 * Strided convolutions with 'same' padding: the backend's own kernels returned zeros or shifted values for 120
 * of 675 such cases (non-square filters, filters of size 2 or 4), 00a's graded ones among them.
 */
const sameCases: { kernel: [number, number]; stride: number; size: [number, number] }[] = [];
for (const kernel of [
  [1, 2],
  [2, 1],
  [2, 2],
  [3, 1],
  [4, 1],
  [1, 3],
  [3, 2],
  [4, 3],
  [5, 5],
] as [number, number][]) {
  for (const stride of [2, 3]) sameCases.push({ kernel, stride, size: kernel[0] % 2 ? [7, 8] : [9, 6] });
}

describe.each(sameCases)("the wasm convolutions with a $kernel filter, stride $stride and 'same' padding, on $size", ({ kernel, stride, size }) => {
  const xShape: [number, number, number, number] = [2, size[0], size[1], 3];
  it('convolve as on the CPU backend (plain, fused with bias and relu, depthwise)', async () => {
    await expectWasmMatchesCpu(() => {
      const x = tf.tensor4d(randomValues(xShape, 51), xShape);
      const filter = tf.tensor4d(randomValues([...kernel, 3, 2], 52), [...kernel, 3, 2]);
      const depthwiseFilter = tf.tensor4d(randomValues([...kernel, 3, 1], 53), [...kernel, 3, 1]);
      return tf.concat([
        tf.conv2d(x, filter, stride, 'same').flatten(),
        tf.fused.conv2d({ x, filter, strides: stride, pad: 'same', bias: tf.tensor1d([0.1, -0.2]), activation: 'relu' }).flatten(),
        tf.depthwiseConv2d(x, depthwiseFilter, stride, 'same').flatten(),
      ]);
    });
  });

  it('give tf.grad of the conv2d the same gradients as the CPU backend', async () => {
    await expectWasmMatchesCpu(() => {
      const x = tf.tensor4d(randomValues(xShape, 54), xShape);
      const filter = tf.tensor4d(randomValues([...kernel, 3, 2], 55), [...kernel, 3, 2]);
      const [dx, dw] = tf.grads((a: tf.Tensor, w: tf.Tensor) =>
        tf
          .conv2d(a as tf.Tensor4D, w as tf.Tensor4D, stride, 'same')
          .square()
          .sum(),
      )([x, filter]);
      return tf.concat([dx!.flatten(), dw!.flatten()]);
    });
  });
});
