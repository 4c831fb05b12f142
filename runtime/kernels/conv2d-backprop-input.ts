/**
 * Conv2DBackpropInput for the WebAssembly backend, for stride 1: its own kernel is a scalar loop (in a
 * small CNN it took more time than every other kernel together). With stride 1 the input gradient is a
 * convolution of dy with the filter turned by 180 degrees and its in and out channels swapped, padded so
 * that every input position is reached: that runs on the backend's fast (XNNPACK) Conv2D. Strided or
 * dilated convolutions keep the backend's own kernel.
 */
import * as tf from '@tensorflow/tfjs';
import { backend_util } from '@tensorflow/tfjs';
import type { Conv2DBackpropInputAttrs, KernelBackend, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { release, runWasmKernel, wrapWasmKernel } from './wasm-ops.ts';

type Args = { inputs: { dy: TensorInfo; filter: TensorInfo }; backend: KernelBackend; attrs: Conv2DBackpropInputAttrs };

function withConv2D(original: KernelFunc): KernelFunc {
  const kernelFunc = (args: Args): TensorInfo => {
    const { inputs, backend, attrs } = args;
    const { dy, filter } = inputs;
    const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs;
    const [sh, sw] = typeof strides === 'number' ? [strides, strides] : strides;
    if (sh !== 1 || sw !== 1 || (dataFormat !== undefined && dataFormat !== 'NHWC')) return original(args as never) as TensorInfo;
    const [kh, kw] = filter.shape as [number, number, number, number];
    const info = backend_util.computeConv2DInfo(
      inputShape,
      filter.shape as [number, number, number, number],
      1,
      1,
      pad,
      dimRoundingMode,
      false,
      'channelsLast',
    );
    const { top, bottom, left, right } = info.padInfo;
    const pads = [kh - 1 - top, kh - 1 - bottom, kw - 1 - left, kw - 1 - right];
    if (pads.some((p) => p < 0)) return original(args as never) as TensorInfo;

    // [kh, kw, ci, co] turned by 180 degrees and read as [kh, kw, co, ci].
    const turned = runWasmKernel(tf.Reverse, backend, { x: filter }, { dims: [0, 1] });
    const swapped = runWasmKernel(tf.Transpose, backend, { x: turned }, { perm: [0, 1, 3, 2] });
    release(backend, turned);
    try {
      return runWasmKernel(
        tf.Conv2D,
        backend,
        { x: dy, filter: swapped },
        {
          strides: [1, 1],
          dilations: [1, 1],
          pad: [
            [0, 0],
            [pads[0]!, pads[1]!],
            [pads[2]!, pads[3]!],
            [0, 0],
          ],
          dataFormat: 'NHWC',
        },
      );
    } finally {
      release(backend, swapped);
    }
  };
  return kernelFunc as unknown as KernelFunc;
}

/** Wraps the wasm Conv2DBackpropInput so that stride-1 convolutions run on Conv2D (once). */
export function registerConv2dBackpropInput(): void {
  wrapWasmKernel(tf.Conv2DBackpropInput, 'viaConv2D', withConv2D);
}
