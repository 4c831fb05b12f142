/**
 * 'same' padding for the WebAssembly backend's convolutions, given to it as the explicit padding it stands for.
 *
 * The backend hands 'same' to XNNPACK as a flag, and with a stride above 1 XNNPACK's reading of it is not
 * TensorFlow's: in a grid of filter sizes 1-5, strides 1-3 and odd and even inputs, 120 of 675 strided
 * convolutions (plain, fused and depthwise; non-square filters and filters of size 2 or 4 above all, such as
 * 00a's graded cases) came back as zeros or shifted. Given the padding TensorFlow computes for 'same' (more at
 * the bottom and right when it is odd), every one matches the CPU backend. Explicit and 'valid' padding keep
 * the backend's own kernel as it is.
 */
import * as tf from '@tensorflow/tfjs';
import { backend_util } from '@tensorflow/tfjs';
import type { KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import { wrapWasmKernel } from './wasm-ops.ts';

type Shape4 = [number, number, number, number];

function withExplicitSamePadding(depthwise: boolean): (original: KernelFunc) => KernelFunc {
  return (original) => (args) => {
    const { inputs, attrs } = args as unknown as { inputs: { x: TensorInfo; filter: TensorInfo }; attrs: NamedAttrMap };
    if (attrs['pad'] !== 'same') return original(args);
    const { strides, dilations, dimRoundingMode, dataFormat } = attrs as unknown as tf.Conv2DAttrs;
    const format = backend_util.convertConv2DDataFormat(dataFormat ?? 'NHWC');
    const { top, bottom, left, right } = backend_util.computeConv2DInfo(
      inputs.x.shape as Shape4,
      inputs.filter.shape as Shape4,
      strides,
      dilations ?? 1,
      'same',
      dimRoundingMode,
      depthwise,
      format,
    ).padInfo;
    const pad = [
      [0, 0],
      [top, bottom],
      [left, right],
      [0, 0],
    ];
    return original({ ...args, attrs: { ...attrs, pad } } as typeof args);
  };
}

/** Wraps the wasm convolutions so that 'same' padding reaches them as explicit padding (once). */
export function registerExplicitSamePadding(): void {
  wrapWasmKernel(tf.Conv2D, 'explicitSame', withExplicitSamePadding(false));
  wrapWasmKernel(tf.FusedConv2D, 'explicitSame', withExplicitSamePadding(false));
  wrapWasmKernel(tf.DepthwiseConv2dNative, 'explicitSame', withExplicitSamePadding(true));
  wrapWasmKernel(tf.FusedDepthwiseConv2D, 'explicitSame', withExplicitSamePadding(true));
}
