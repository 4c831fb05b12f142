/**
 * Kernels and gradients this project supplies to TF.js backends that lack them or run them slowly.
 * Each one is tested against the CPU backend.
 */
import { registerConv2dBackpropFilter } from './conv2d-backprop-filter.ts';
import { registerConv2dBackpropInput } from './conv2d-backprop-input.ts';
import { registerEmptyTensorGuards } from './empty-tensors.ts';
import { registerMatMulWithExplicitTranspose } from './mat-mul.ts';
import { registerMaxPoolGrad } from './max-pool-grad.ts';
import { registerNativeKernels } from './native.ts';
import { registerExplicitSamePadding } from './same-padding.ts';
import { registerSumAllButLast } from './sum.ts';

const registrations: (() => void)[] = [
  registerConv2dBackpropFilter,
  registerConv2dBackpropInput,
  registerMaxPoolGrad,
  registerSumAllButLast,
  registerMatMulWithExplicitTranspose,
  registerExplicitSamePadding,
];
let registered = false;

/**
 * Registers the project's kernels for the WebAssembly backend, with the empty-tensor guards in front of them
 * and of the backend's own. Safe to call more than once.
 */
export function registerWasmTrainingKernels(): void {
  if (registered) return;
  registered = true;
  for (const register of registrations) register();
  registerEmptyTensorGuards('wasm');
}

/**
 * The project's kernels for the native backend, with the empty-tensor guards in front of its own (its kernels
 * are registered when @tensorflow/tfjs-node loads). Safe to call more than once.
 */
export function registerNativeKernelGuards(): void {
  registerNativeKernels();
  registerEmptyTensorGuards('tensorflow');
}
