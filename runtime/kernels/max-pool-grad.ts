/**
 * MaxPoolGrad for the WebAssembly backend, whose own kernel is slow (a third of a small CNN's training
 * step). Each pooling window sends its output gradient to the first position of its maximum, in row-major
 * order, exactly as the CPU backend chooses it (strictly greater, padding skipped); windows that overlap add
 * up. It reads and writes the backend's memory directly: one pass over the windows, no intermediate tensors.
 * The CNNs' 2x2 pooling with stride 2 (windows that neither overlap nor leave gaps) has a path of its own
 * that writes every position once instead of clearing the whole gradient first.
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
  // Allocate first, then take the views: an allocation that grows the wasm memory detaches every view taken
  // before it (reading one then gives undefined, and the gradient silently becomes zeros).
  const out = backend.makeOutput(input.shape, 'float32');
  const x = backend.typedArrayFromHeap(input);
  const g = backend.typedArrayFromHeap(dy);
  const dx = backend.typedArrayFromHeap(out);
  const rowStride = inWidth * channels;
  // Only where every window lies inside the input: 'same' padding of an odd size adds a row or column at the
  // bottom or right, and the 2x2 path would read and write past the image there.
  const inside = 2 * outHeight <= inHeight && 2 * outWidth <= inWidth;
  if (filterHeight === 2 && filterWidth === 2 && strideHeight === 2 && strideWidth === 2 && top === 0 && left === 0 && inside) {
    pool2x2Grad(x, g, dx, { batchSize, inHeight, inWidth, channels, outHeight, outWidth });
    return out;
  }
  dx.fill(0);
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

/**
 * 2x2 windows with stride 2 and no padding: each input position is in at most one window, so every covered
 * position is written once (its window's gradient or 0) and only the last row or column an odd size leaves
 * uncovered is cleared. The first maximum in row-major order takes the gradient, as in the general path.
 */
function pool2x2Grad(
  x: Float32Array,
  g: Float32Array,
  dx: Float32Array,
  shape: { batchSize: number; inHeight: number; inWidth: number; channels: number; outHeight: number; outWidth: number },
): void {
  const { batchSize, inHeight, inWidth, channels, outHeight, outWidth } = shape;
  const rowStride = inWidth * channels;
  const imageStride = inHeight * rowStride;
  const coveredRow = 2 * outWidth * channels;
  let gi = 0;
  for (let b = 0; b < batchSize; b++) {
    const base = b * imageStride;
    for (let oy = 0; oy < outHeight; oy++) {
      const row0 = base + 2 * oy * rowStride;
      const row1 = row0 + rowStride;
      for (let ox = 0; ox < outWidth; ox++, gi += channels) {
        const p0 = row0 + 2 * ox * channels;
        const p1 = p0 + channels;
        const p2 = row1 + 2 * ox * channels;
        const p3 = p2 + channels;
        for (let c = 0; c < channels; c++) {
          const v0 = x[p0 + c]!;
          const v1 = x[p1 + c]!;
          const v2 = x[p2 + c]!;
          const v3 = x[p3 + c]!;
          // Strictly greater, starting below every number: NaN never wins, and an all-NaN window gets nothing.
          let best = Number.NEGATIVE_INFINITY;
          let at = -1;
          if (v0 > best) (best = v0), (at = 0);
          if (v1 > best) (best = v1), (at = 1);
          if (v2 > best) (best = v2), (at = 2);
          if (v3 > best) at = 3;
          const grad = g[gi + c]!;
          dx[p0 + c] = at === 0 ? grad : 0;
          dx[p1 + c] = at === 1 ? grad : 0;
          dx[p2 + c] = at === 2 ? grad : 0;
          dx[p3 + c] = at === 3 ? grad : 0;
        }
      }
      // An odd width leaves the last column of these two rows outside every window.
      if (coveredRow < rowStride) {
        dx.fill(0, row0 + coveredRow, row0 + rowStride);
        dx.fill(0, row1 + coveredRow, row1 + rowStride);
      }
    }
    // An odd height leaves the last row outside every window.
    dx.fill(0, base + 2 * outHeight * rowStride, base + imageStride);
  }
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
