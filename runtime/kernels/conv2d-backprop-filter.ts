/**
 * Conv2DBackpropFilter for the WebAssembly backend, which has none, so that conv nets can train on it.
 *
 * The filter gradient dW[i, j, ci, co] = sum over b, y, x of in[b, y*s + i - top, x*s + j - left, ci] * dy[b, y, x, co]
 * is itself a convolution: the input transposed to [ci, H, W, b] (channels become the batch, the batch becomes
 * the channels), convolved with dy transposed to [oh, ow, b, co] as the filter, dilated by the forward stride.
 * That runs on the backend's fast (XNNPACK) Conv2D instead of a scalar loop.
 *
 * When a filter has few weights per output channel (kh * kw * ci <= 32, such as a first layer on one grey
 * channel), that convolution has a huge filter and a tiny output, which XNNPACK runs slowly; there the input's
 * patches are copied into a [kh * kw * ci, b * oh * ow] matrix and one matrix product with dy gives dW.
 */
import * as tf from '@tensorflow/tfjs';
import { backend_util } from '@tensorflow/tfjs';
import type { Conv2DBackpropFilterAttrs, KernelBackend, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { release, runWasmKernel, wasmHeap } from './wasm-ops.ts';

/** Above this many weights per output channel the transposed convolution is faster than patches times dy. */
const PATCHES_MAX_K = 32;

function conv2dBackpropFilter(args: { inputs: { x: TensorInfo; dy: TensorInfo }; backend: KernelBackend; attrs: Conv2DBackpropFilterAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, dy } = inputs;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
  if (dataFormat !== undefined && dataFormat !== 'NHWC') {
    throw new Error(`The wasm Conv2DBackpropFilter supports dataFormat "NHWC" only, but got "${dataFormat}". Use channels-last tensors.`);
  }
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, outHeight: oh, outWidth: ow } = info;
  const [, height, width] = x.shape as [number, number, number, number];
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  // Pad the far side just enough for kh x kw outputs; rows past the last window are cropped below.
  const bottom = Math.max(0, kh + (oh - 1) * sh - height - top);
  const right = Math.max(0, kw + (ow - 1) * sw - width - left);

  const [batch, , , channels] = x.shape as [number, number, number, number];
  const k = kh * kw * channels;
  if (k <= PATCHES_MAX_K) {
    // patches[(i * kw + j) * ci + c, (b * oh + y) * ow + xo] = x[b, y * sh + i - top, xo * sw + j - left, c]
    const heap = wasmHeap(backend);
    const n = batch * oh * ow;
    const patches = heap.makeOutput([1, k, n], 'float32');
    const p = heap.typedArrayFromHeap(patches);
    const input = heap.typedArrayFromHeap(x);
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        for (let c = 0; c < channels; c++) {
          const row = ((i * kw + j) * channels + c) * n;
          for (let b = 0; b < batch; b++) {
            for (let y = 0; y < oh; y++) {
              const iy = y * sh + i - top;
              const out = row + (b * oh + y) * ow;
              if (iy < 0 || iy >= height) {
                p.fill(0, out, out + ow);
                continue;
              }
              const base = (b * height + iy) * width * channels + c;
              for (let xo = 0; xo < ow; xo++) {
                const ix = xo * sw + j - left;
                p[out + xo] = ix >= 0 && ix < width ? input[base + ix * channels]! : 0;
              }
            }
          }
        }
      }
    }
    const dy3 = runWasmKernel(tf.Reshape, backend, { x: dy }, { shape: [1, n, dy.shape[3]!] });
    const product = runWasmKernel(tf.BatchMatMul, backend, { a: patches, b: dy3 }, { transposeA: false, transposeB: false });
    release(backend, patches, dy3);
    const out = runWasmKernel(tf.Reshape, backend, { x: product }, { shape: [kh, kw, channels, dy.shape[3]!] });
    release(backend, product);
    return out;
  }

  const xT = runWasmKernel(tf.Transpose, backend, { x }, { perm: [3, 1, 2, 0] });
  const dyT = runWasmKernel(tf.Transpose, backend, { x: dy }, { perm: [1, 2, 0, 3] });
  const grad = runWasmKernel(
    tf.Conv2D,
    backend,
    { x: xT, filter: dyT },
    {
      strides: [1, 1],
      dilations: [sh, sw],
      pad: [
        [0, 0],
        [top, bottom],
        [left, right],
        [0, 0],
      ],
      dataFormat: 'NHWC',
    },
  );
  release(backend, xT, dyT);
  let cropped = grad;
  if (grad.shape[1] !== kh || grad.shape[2] !== kw) {
    cropped = runWasmKernel(tf.Slice, backend, { x: grad }, { begin: [0, 0, 0, 0], size: [-1, kh, kw, -1] });
    release(backend, grad);
  }
  // [ci, kh, kw, co] -> [kh, kw, ci, co]
  const out = runWasmKernel(tf.Transpose, backend, { x: cropped }, { perm: [1, 2, 0, 3] });
  release(backend, cropped);
  return out;
}

/** The kernel, registered for the `wasm` backend. */
export const conv2dBackpropFilterConfig: KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilter as unknown as KernelFunc,
};

/** Registers the wasm Conv2DBackpropFilter unless one is already registered. */
export function registerConv2dBackpropFilter(): void {
  if (tf.getKernel(tf.Conv2DBackpropFilter, 'wasm') === undefined) tf.registerKernel(conv2dBackpropFilterConfig);
}
