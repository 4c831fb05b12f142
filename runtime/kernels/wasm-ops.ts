/**
 * Calls the WebAssembly backend's own kernels from inside the project's kernels, so that composite kernels
 * run at wasm speed without going through the engine (no tape entries, no tensor bookkeeping).
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelBackend, KernelConfig, KernelFunc, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs';

/** Runs the wasm backend's kernel `name` on tensor infos; the caller disposes the result with {@link release}. */
export function runWasmKernel(name: string, backend: KernelBackend, inputs: NamedTensorInfoMap, attrs: NamedAttrMap = {}): TensorInfo {
  const kernel = tf.getKernel(name, 'wasm');
  if (kernel === undefined) throw new Error(`Expected the wasm backend to have a "${name}" kernel, but it has none.`);
  return kernel.kernelFunc({ inputs, attrs, backend }) as TensorInfo;
}

/** Frees intermediate results of {@link runWasmKernel}. */
export function release(backend: KernelBackend, ...infos: TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/** The wasm backend's own memory, for kernels that read and write tensors in place. */
export interface WasmHeap {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
}

export const wasmHeap = (backend: KernelBackend): WasmHeap => backend as unknown as WasmHeap;

/**
 * Replaces the wasm kernel `kernelName` with `wrap(original)`, once: the new function carries `marker`, so a
 * second call (or a test) can tell that the wrapper is in place.
 */
export function wrapWasmKernel(kernelName: string, marker: string, wrap: (original: KernelFunc) => KernelFunc): void {
  const original = tf.getKernel(kernelName, 'wasm');
  if (original === undefined || (original.kernelFunc as unknown as Record<string, unknown>)[marker]) return;
  const kernelFunc = wrap(original.kernelFunc);
  (kernelFunc as unknown as Record<string, unknown>)[marker] = true;
  tf.unregisterKernel(kernelName, 'wasm');
  const config: KernelConfig = { ...original, kernelFunc };
  tf.registerKernel(config);
}
