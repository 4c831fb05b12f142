/**
 * Matrix products with a transposed operand on the WebAssembly backend.
 *
 * The backend multiplies fast only when neither operand is transposed; with `transposeA` or `transposeB` it
 * falls back to a loop that is 7-10x slower. Every Dense layer's gradient multiplies by a transposed operand
 * (dW = x^T dy, dx = dy W^T, both BatchMatMul), so this kernel transposes explicitly and takes the fast path.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelBackend, KernelFunc, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs';
import { release, runWasmKernel, wrapWasmKernel } from './wasm-ops.ts';

/** Transposes the last two axes. */
function transposeInner(backend: KernelBackend, x: TensorInfo): TensorInfo {
  const rank = x.shape.length;
  const perm = [...Array(rank - 2).keys(), rank - 1, rank - 2];
  return runWasmKernel(tf.Transpose, backend, { x }, { perm });
}

/** Wraps a matmul kernel so that transposed operands are transposed before the backend multiplies them. */
function withExplicitTranspose(original: KernelFunc): KernelFunc {
  return (args) => {
    const { inputs, attrs, backend } = args as { inputs: NamedTensorInfoMap; attrs: NamedAttrMap; backend: KernelBackend };
    const { transposeA, transposeB } = attrs as { transposeA?: boolean; transposeB?: boolean };
    if (!transposeA && !transposeB) return original(args);
    const a = transposeA ? transposeInner(backend, inputs['a']!) : inputs['a']!;
    const b = transposeB ? transposeInner(backend, inputs['b']!) : inputs['b']!;
    try {
      return original({ inputs: { ...inputs, a, b }, attrs: { ...attrs, transposeA: false, transposeB: false }, backend });
    } finally {
      if (transposeA) release(backend, a);
      if (transposeB) release(backend, b);
    }
  };
}

/**
 * Replaces the wasm BatchMatMul kernel with one that transposes operands explicitly. _FusedMatMul keeps its
 * own kernel: fed explicitly transposed operands it returned wrong values, and Dense layers call it untransposed.
 */
export function registerMatMulWithExplicitTranspose(): void {
  wrapWasmKernel(tf.BatchMatMul, 'explicitTranspose', withExplicitTranspose);
}
