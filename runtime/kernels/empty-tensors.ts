/**
 * Convolutions, pooling and matrix products with an empty output or an empty sum, on the wasm and native
 * backends, answered as the CPU backend answers them.
 *
 * A 'valid' convolution whose filter is larger than its input has an output of height or width 0. The CPU
 * backend returns that empty tensor. The wasm backend's Conv2D traps (`RuntimeError: memory access out of
 * bounds`) and leaves the WebAssembly instance broken, so that every later op in the process fails the same
 * way; its matMul over an inner size of 0 returns uninitialised memory. The native backend returns a tensor of
 * the input's shape with uninitialised values for the convolution, and uninitialised gradients for a pooling
 * whose output is empty. Here such a call never reaches the backend: an empty output is returned empty, and an
 * output that sums over nothing (an empty input or gradient) is returned as zeros, exactly as on the CPU backend.
 * Every other call goes to the backend's own kernel unchanged.
 */
import * as tf from '@tensorflow/tfjs';
import { backend_util, util } from '@tensorflow/tfjs';
import type { DataType, KernelBackend, KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';

type Args = { inputs: Record<string, TensorInfo | undefined>; attrs: NamedAttrMap; backend: KernelBackend };

/** What a kernel returns for its inputs when the answer needs no computing: empty, zeros, or undefined (compute). */
type Shortcut = (args: Args) => { shape: number[]; dtype: DataType } | undefined;

const MARKER = 'emptyTensors';

const sizeOf = (info: TensorInfo | undefined): number => (info ? util.sizeFromShape(info.shape) : 1);
type Shape4 = [number, number, number, number];

/** The output when it is empty, or when it is a sum over nothing (one of `summed` is empty): zeros of `shape`. */
function emptyOrZeros(shape: number[], dtype: DataType, summed: (TensorInfo | undefined)[]): { shape: number[]; dtype: DataType } | undefined {
  if (util.sizeFromShape(shape) === 0 || summed.some((t) => sizeOf(t) === 0)) return { shape, dtype };
  return undefined;
}

/** Only an empty output: fused kernels add a bias and an activation, which zeros alone would not give. */
function emptyOnly(shape: number[], dtype: DataType): { shape: number[]; dtype: DataType } | undefined {
  return util.sizeFromShape(shape) === 0 ? { shape, dtype } : undefined;
}

function convShape(args: Args, depthwise: boolean): number[] {
  const { x, filter } = args.inputs;
  const { strides, pad, dilations, dimRoundingMode, dataFormat } = args.attrs as unknown as tf.Conv2DAttrs;
  const format = backend_util.convertConv2DDataFormat(dataFormat ?? 'NHWC');
  return backend_util.computeConv2DInfo(x!.shape as Shape4, filter!.shape as Shape4, strides, dilations ?? 1, pad, dimRoundingMode, depthwise, format).outShape;
}

function poolShape(args: Args): number[] {
  const { x } = args.inputs;
  const { filterSize, strides, pad, dimRoundingMode } = args.attrs as unknown as tf.MaxPoolAttrs;
  return backend_util.computePool2DInfo(x!.shape as Shape4, filterSize, strides, 1, pad, dimRoundingMode).outShape;
}

function matMulShape(args: Args): { shape: number[]; inner: number } {
  const { a, b } = args.inputs;
  const { transposeA, transposeB } = args.attrs as unknown as tf.BatchMatMulAttrs;
  const aRank = a!.shape.length;
  const bRank = b!.shape.length;
  const inner = transposeA ? a!.shape[aRank - 2]! : a!.shape[aRank - 1]!;
  const rows = transposeA ? a!.shape[aRank - 1]! : a!.shape[aRank - 2]!;
  const columns = transposeB ? b!.shape[bRank - 2]! : b!.shape[bRank - 1]!;
  const batch = backend_util.assertAndGetBroadcastShape(a!.shape.slice(0, -2), b!.shape.slice(0, -2));
  return { shape: [...batch, rows, columns], inner };
}

const SHORTCUTS: Record<string, Shortcut> = {
  [tf.Conv2D]: (args) => emptyOrZeros(convShape(args, false), 'float32', [args.inputs['x'], args.inputs['filter']]),
  [tf.DepthwiseConv2dNative]: (args) => emptyOrZeros(convShape(args, true), 'float32', [args.inputs['x'], args.inputs['filter']]),
  [tf.FusedConv2D]: (args) => emptyOnly(convShape(args, false), 'float32'),
  [tf.FusedDepthwiseConv2D]: (args) => emptyOnly(convShape(args, true), 'float32'),
  [tf.Conv2DBackpropInput]: (args) => emptyOrZeros([...(args.attrs['inputShape'] as number[])], 'float32', [args.inputs['dy'], args.inputs['filter']]),
  [tf.Conv2DBackpropFilter]: (args) => emptyOrZeros([...(args.attrs['filterShape'] as number[])], 'float32', [args.inputs['x'], args.inputs['dy']]),
  [tf.DepthwiseConv2dNativeBackpropInput]: (args) =>
    emptyOrZeros([...(args.attrs['inputShape'] as number[])], 'float32', [args.inputs['dy'], args.inputs['filter']]),
  [tf.DepthwiseConv2dNativeBackpropFilter]: (args) =>
    emptyOrZeros([...(args.attrs['filterShape'] as number[])], 'float32', [args.inputs['x'], args.inputs['dy']]),
  [tf.MaxPool]: (args) => emptyOnly(poolShape(args), args.inputs['x']!.dtype),
  [tf.AvgPool]: (args) => emptyOnly(poolShape(args), 'float32'),
  [tf.MaxPoolGrad]: (args) => emptyOrZeros([...args.inputs['input']!.shape], 'float32', [args.inputs['dy']]),
  [tf.AvgPoolGrad]: (args) => emptyOrZeros([...args.inputs['input']!.shape], 'float32', [args.inputs['dy']]),
  [tf.BatchMatMul]: (args) => {
    const { shape, inner } = matMulShape(args);
    return util.sizeFromShape(shape) === 0 || inner === 0 ? { shape, dtype: args.inputs['a']!.dtype } : undefined;
  },
  [tf._FusedMatMul]: (args) => emptyOnly(matMulShape(args).shape, args.inputs['a']!.dtype),
};

/** The kernels this module guards. */
export const EMPTY_TENSOR_KERNELS: readonly string[] = Object.keys(SHORTCUTS);

function zerosOf(backend: KernelBackend, shape: number[], dtype: DataType): TensorInfo {
  const size = util.sizeFromShape(shape);
  const values = dtype === 'int32' ? new Int32Array(size) : dtype === 'bool' ? new Uint8Array(size) : new Float32Array(size);
  return { dataId: backend.write(values, shape, dtype), shape, dtype };
}

function guarded(shortcut: Shortcut, original: KernelFunc): KernelFunc {
  const kernelFunc = (args: Args) => {
    const answer = shortcut(args);
    return answer ? zerosOf(args.backend, answer.shape, answer.dtype) : original(args as never);
  };
  return kernelFunc as unknown as KernelFunc;
}

/**
 * Puts the guard in front of each of these kernels registered for `backendName` (the wasm backend, or the
 * native `tensorflow` one), once; kernels the backend does not have are left out.
 */
export function registerEmptyTensorGuards(backendName: string): void {
  for (const [kernelName, shortcut] of Object.entries(SHORTCUTS)) {
    const current = tf.getKernel(kernelName, backendName);
    if (current === undefined || (current.kernelFunc as unknown as Record<string, unknown>)[MARKER]) continue;
    const kernelFunc = guarded(shortcut, current.kernelFunc);
    Object.assign(kernelFunc, { [MARKER]: true, inner: current.kernelFunc });
    tf.unregisterKernel(kernelName, backendName);
    const config: KernelConfig = { ...current, kernelFunc };
    tf.registerKernel(config);
  }
}

/** The kernel function behind the guard (the backend's own, or the project's), for tests. */
export function unguarded(kernelFunc: KernelFunc): KernelFunc {
  return (kernelFunc as unknown as { inner?: KernelFunc }).inner ?? kernelFunc;
}
