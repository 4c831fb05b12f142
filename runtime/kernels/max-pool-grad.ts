/**
 * MaxPoolGrad for the WebAssembly backend, whose own kernel is slow (a third of a small CNN's training
 * step). Each pooling window sends its output gradient to the first position of its maximum, in row-major
 * order, exactly as the CPU backend chooses it (strictly greater, padding skipped); windows that overlap add
 * up. It reads and writes the backend's memory directly: one pass over the windows, no intermediate tensors.
 */
import * as tf from '@tensorflow/tfjs';
import { backend_util } from '@tensorflow/tfjs';
import type { KernelBackend, KernelConfig, KernelFunc, MaxPoolGradAttrs, TensorInfo } from '@tensorflow/tfjs';
import { wasmHeap } from './wasm-ops.ts';

function maxPoolGrad(args: { inputs: { dy: TensorInfo; input: TensorInfo; output: TensorInfo }; backend: KernelBackend; attrs: MaxPoolGradAttrs }): TensorInfo {
  const { inputs, attrs } = args;
  const backend = wasmHeap(args.backend);
  const { dy, input } = inputs;
  const { filterSize, strides, pad, dimRoundingMode } = attrs;
  const info = backend_util.computePool2DInfo(input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth, strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const x = backend.typedArrayFromHeap(input);
  const g = backend.typedArrayFromHeap(dy);
  const out = backend.makeOutput(input.shape, 'float32');
  const dx = backend.typedArrayFromHeap(out);
  dx.fill(0);
  const rowStride = inWidth * channels;
  const imageStride = inHeight * rowStride;
  // Per window, the positions are visited in row-major order with the channels innermost (contiguous).
  const best = new Float32Array(channels);
  const at = new Int32Array(channels);
  let gi = 0;
  for (let b = 0; b < batchSize; b++) {
    const base = b * imageStride;
    for (let oy = 0; oy < outHeight; oy++) {
      const y0 = oy * strideHeight - top;
      const yStart = Math.max(0, y0);
      const yEnd = Math.min(inHeight, y0 + filterHeight);
      for (let ox = 0; ox < outWidth; ox++, gi += channels) {
        const x0 = ox * strideWidth - left;
        const xStart = Math.max(0, x0);
        const xEnd = Math.min(inWidth, x0 + filterWidth);
        best.fill(Number.NEGATIVE_INFINITY);
        at.fill(-1);
        for (let y = yStart; y < yEnd; y++) {
          for (let xx = xStart; xx < xEnd; xx++) {
            const p = base + y * rowStride + xx * channels;
            for (let c = 0; c < channels; c++) {
              const v = x[p + c]!;
              if (v > best[c]!) {
                best[c] = v;
                at[c] = p + c;
              }
            }
          }
        }
        for (let c = 0; c < channels; c++) if (at[c]! >= 0) dx[at[c]!]! += g[gi + c]!;
      }
    }
  }
  return out;
}

export const maxPoolGradConfig: KernelConfig = {
  kernelName: tf.MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: maxPoolGrad as unknown as KernelFunc,
};

/** Replaces the wasm MaxPoolGrad with this one (once). */
export function registerMaxPoolGrad(): void {
  const current = tf.getKernel(tf.MaxPoolGrad, 'wasm');
  if (current?.kernelFunc === maxPoolGradConfig.kernelFunc) return;
  if (current) tf.unregisterKernel(tf.MaxPoolGrad, 'wasm');
  tf.registerKernel(maxPoolGradConfig);
}
