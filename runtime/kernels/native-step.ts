/**
 * Step for the native backend: the factor in relu's gradient (dy * step(x)), computed on every relu of every
 * training step. tfjs-node builds it from seven TensorFlow ops, two of them full-size constant tensors (ones and
 * alpha), which made it the most expensive kernel of a small CNN's training step (a third of it at batch 128).
 * For alpha 0 (relu's), step(x) is sign(relu(x)): 1 above 0, 0 at and below it, NaN for NaN, as the CPU
 * backend computes it; that is two ops. Other alphas and dtypes keep tfjs-node's kernel.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';

/** What this kernel uses of tfjs-node's backend (not typed: the package is optional). */
interface NativeBackend {
  binding: { TF_ATTR_TYPE: number; TF_FLOAT: number };
  executeSingleOutput(op: string, attrs: { name: string; type: number; value: unknown }[], inputs: TensorInfo[]): tf.Tensor;
}

const MARKER = 'signOfRelu';

function withSignOfRelu(original: KernelFunc): KernelFunc {
  const kernelFunc = (args: { inputs: { x: TensorInfo }; attrs: { alpha?: number }; backend: unknown }) => {
    const { x } = args.inputs;
    if ((args.attrs.alpha ?? 0) !== 0 || x.dtype !== 'float32') return original(args as never);
    const backend = args.backend as NativeBackend;
    const attrs = [{ name: 'T', type: backend.binding.TF_ATTR_TYPE, value: backend.binding.TF_FLOAT }];
    const relu = backend.executeSingleOutput('Relu', attrs, [x]);
    try {
      return backend.executeSingleOutput('Sign', attrs, [relu]);
    } finally {
      relu.dispose();
    }
  };
  return kernelFunc as unknown as KernelFunc;
}

/** Replaces the native backend's Step with sign(relu(x)) for alpha 0 (once; nothing where it has no Step). */
export function registerNativeStep(): void {
  const current = tf.getKernel(tf.Step, 'tensorflow');
  if (current === undefined || (current.kernelFunc as unknown as Record<string, unknown>)[MARKER]) return;
  const kernelFunc = withSignOfRelu(current.kernelFunc);
  Object.assign(kernelFunc, { [MARKER]: true });
  tf.unregisterKernel(tf.Step, 'tensorflow');
  const config: KernelConfig = { ...current, kernelFunc };
  tf.registerKernel(config);
}
