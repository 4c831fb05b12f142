/**
 * Calls the WebAssembly backend's own kernels from inside the project's kernels, so that composite kernels
 * run at wasm speed without going through the engine (no tape entries, no tensor bookkeeping).
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelBackend, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs';

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
