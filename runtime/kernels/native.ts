/**
 * Kernels of the native backend that tfjs-node builds from more TensorFlow ops than they need, on the path of
 * every training step of a conv net:
 * - Step, the factor in relu's gradient (dy * step(x)): tfjs-node builds it from seven ops, two of them
 *   full-size constant tensors (ones and alpha), which made it the most expensive kernel of a small CNN's
 *   training step (a third of it at batch 128). For alpha 0 (relu's) step(x) is sign(relu(x)): 1 above 0, 0 at
 *   and below it, NaN for NaN, as the CPU backend computes it; two ops. Other alphas and dtypes keep tfjs-node's.
 * - Adding a bias, in FusedConv2D and in the Add that tf.layers' conv layers use (the output plus a bias of
 *   shape [1, 1, 1, channels]): tfjs-node adds it with a broadcasting AddV2; TensorFlow's BiasAdd computes the
 *   same sums, element by element, in about half the time. It was the most expensive op of 04's training step.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';

type Attr = { name: string; type: number; value: unknown };

/**
 * The TensorFlow ops these kernels run besides those tfjs-node's own kernels use: the grading child's guard
 * (graders/src/child/native-guard.ts) lets them through too.
 */
export const NATIVE_KERNEL_OPS: readonly string[] = ['Relu', 'Sign', 'BiasAdd'];

/** What these kernels use of tfjs-node's backend (not typed: the package is optional). */
interface NativeBackend {
  binding: { TF_ATTR_TYPE: number; TF_ATTR_STRING: number; TF_FLOAT: number };
  executeSingleOutput(op: string, attrs: Attr[], inputs: TensorInfo[]): tf.Tensor;
  applyActivation(input: tf.Tensor, activation: string, preluActivationWeights?: TensorInfo, leakyreluAlpha?: number): tf.Tensor;
}

type Args = { inputs: Record<string, TensorInfo | undefined>; attrs: NamedAttrMap; backend: unknown };

const float = (backend: NativeBackend): Attr => ({ name: 'T', type: backend.binding.TF_ATTR_TYPE, value: backend.binding.TF_FLOAT });

function signOfRelu(original: KernelFunc): KernelFunc {
  return ((args: Args) => {
    const x = args.inputs['x']!;
    if (((args.attrs['alpha'] as number | undefined) ?? 0) !== 0 || x.dtype !== 'float32') return original(args as never);
    const backend = args.backend as NativeBackend;
    const relu = backend.executeSingleOutput('Relu', [float(backend)], [x]);
    try {
      return backend.executeSingleOutput('Sign', [float(backend)], [relu]);
    } finally {
      relu.dispose();
    }
  }) as unknown as KernelFunc;
}

function biasAdd(original: KernelFunc): KernelFunc {
  return ((args: Args) => {
    const { bias } = args.inputs;
    const { activation, leakyreluAlpha, dataFormat } = args.attrs as { activation?: string; leakyreluAlpha?: number; dataFormat?: string };
    if (bias?.shape.length !== 1 || bias.dtype !== 'float32' || (dataFormat ?? 'NHWC') !== 'NHWC') return original(args as never);
    const backend = args.backend as NativeBackend;
    // The convolution alone, then BiasAdd, then the activation as tfjs-node applies it.
    const conv = original({
      ...args,
      inputs: { ...args.inputs, bias: undefined, preluActivationWeights: undefined },
      attrs: { ...args.attrs, activation: 'linear' },
    } as never) as tf.Tensor;
    const summed = backend.executeSingleOutput(
      'BiasAdd',
      [float(backend), { name: 'data_format', type: backend.binding.TF_ATTR_STRING, value: 'NHWC' }],
      [conv, bias],
    );
    conv.dispose();
    const activated = backend.applyActivation(summed, activation ?? 'linear', args.inputs['preluActivationWeights'], leakyreluAlpha);
    if (activated !== summed) summed.dispose();
    return activated;
  }) as unknown as KernelFunc;
}

/** The channel count when `bias` holds one value per channel of `x` (shape [c] or [1, ..., 1, c]), else 0. */
function biasChannels(x: TensorInfo, bias: TensorInfo): number {
  const channels = x.shape[x.shape.length - 1];
  if (x.shape.length < 2 || channels === undefined || bias.shape.length > x.shape.length || x.dtype !== 'float32' || bias.dtype !== 'float32') return 0;
  return bias.shape[bias.shape.length - 1] === channels && bias.shape.slice(0, -1).every((d) => d === 1) ? channels : 0;
}

function addAsBiasAdd(original: KernelFunc): KernelFunc {
  return ((args: Args) => {
    const a = args.inputs['a']!;
    const b = args.inputs['b']!;
    const [x, bias] = biasChannels(a, b) ? [a, b] : biasChannels(b, a) ? [b, a] : [undefined, undefined];
    // Only where the sum is the size of x: a bias as large as x (one value per channel of a single pixel) is a plain add.
    if (!x || !bias || x.shape.slice(0, -1).every((d) => d === 1)) return original(args as never);
    const backend = args.backend as NativeBackend;
    const flat = bias.shape.length === 1 ? undefined : tf.reshape(tf.engine().makeTensorFromTensorInfo(bias), [biasChannels(x, bias)]);
    try {
      return backend.executeSingleOutput(
        'BiasAdd',
        [float(backend), { name: 'data_format', type: backend.binding.TF_ATTR_STRING, value: 'NHWC' }],
        [x, flat ?? bias],
      );
    } finally {
      flat?.dispose();
    }
  }) as unknown as KernelFunc;
}

function replace(kernelName: string, marker: string, wrap: (original: KernelFunc) => KernelFunc): void {
  const current = tf.getKernel(kernelName, 'tensorflow');
  if (current === undefined || (current.kernelFunc as unknown as Record<string, unknown>)[marker]) return;
  const kernelFunc = wrap(current.kernelFunc);
  Object.assign(kernelFunc, { [marker]: true });
  tf.unregisterKernel(kernelName, 'tensorflow');
  const config: KernelConfig = { ...current, kernelFunc };
  tf.registerKernel(config);
}

/** Replaces the native backend's Step, FusedConv2D and Add as above (once; nothing where it lacks them). */
export function registerNativeKernels(): void {
  replace(tf.Step, 'signOfRelu', signOfRelu);
  replace(tf.FusedConv2D, 'biasAdd', biasAdd);
  replace(tf.Add, 'biasAdd', addAsBiasAdd);
}
