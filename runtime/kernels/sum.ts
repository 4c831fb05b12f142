/**
 * Sum over every axis but the last, for the WebAssembly backend. A conv layer's bias gradient is such a sum
 * (dy of shape [batch, height, width, channels] down to [channels]); the backend's own Sum first transposes
 * the reduced axes to the end, a full copy of dy, and took 10% of a small CNN's training step. Here it is one
 * pass over dy in memory order. Every other Sum keeps the backend's own kernel.
 */
import * as tf from '@tensorflow/tfjs';
import { util } from '@tensorflow/tfjs';
import type { KernelBackend, KernelFunc, SumAttrs, TensorInfo } from '@tensorflow/tfjs';
import { wasmHeap, wrapWasmKernel } from './wasm-ops.ts';

type Args = { inputs: { x: TensorInfo }; backend: KernelBackend; attrs: SumAttrs };

/** Whether `axis` names exactly the axes 0 .. rank-2 of a tensor of `rank` (in any order, negatives allowed). */
function allButLast(axis: number | number[], rank: number): boolean {
  if (rank < 2) return false;
  const axes = util
    .parseAxisParam(
      axis,
      [...Array(rank).keys()].map(() => 1),
    )
    .sort((a, b) => a - b);
  return axes.length === rank - 1 && axes.every((a, i) => a === i);
}

function withRowSum(original: KernelFunc): KernelFunc {
  const kernelFunc = (args: Args): TensorInfo => {
    const { inputs, backend, attrs } = args;
    const { x } = inputs;
    if (x.dtype !== 'float32' || !allButLast(attrs.axis, x.shape.length)) return original(args as never) as TensorInfo;
    const heap = wasmHeap(backend);
    const channels = x.shape[x.shape.length - 1]!;
    const values = heap.typedArrayFromHeap(x);
    // Sums in float64, per channel, then stored as float32.
    const sums = new Float64Array(channels);
    for (let i = 0; i < values.length; i += channels) for (let c = 0; c < channels; c++) sums[c]! += values[i + c]!;
    const shape = attrs.keepDims ? [...x.shape.slice(0, -1).map(() => 1), channels] : [channels];
    const out = heap.makeOutput(shape, 'float32');
    heap.typedArrayFromHeap(out).set(sums);
    return out;
  };
  return kernelFunc as unknown as KernelFunc;
}

/** Wraps the wasm Sum so that sums over every axis but the last take one pass (once). */
export function registerSumAllButLast(): void {
  wrapWasmKernel(tf.Sum, 'rowSum', withRowSum);
}
