/**
 * What TensorFlow's native library prints to stderr when it loads (the `tensorflow` backend) is the grading
 * environment's, not the submission's: it is left out of the output a student reads. The lines are the ones
 * TensorFlow 2.21 prints with TF_CPP_MIN_LOG_LEVEL=2 (the child's setting) and with logging at its default.
 */
import { describe, expect, test } from 'vitest';
import { withoutTensorFlowNotices } from '../../graders/src/sandbox/child-output.ts';

const notices = [
  'WARNING: All log messages before absl::InitializeLog() is called are written to STDERR',
  'I0000 00:00:1796620173.785718   25485 port.cc:153] oneDNN custom operations are on. You may see slightly different numerical results due to floating-point round-off errors from different computation orders. To turn them off, set the environment variable `TF_ENABLE_ONEDNN_OPTS=0`.',
  'I0000 00:00:1796620174.010697   25485 cpu_feature_guard.cc:227] This TensorFlow binary is optimized to use available CPU instructions in performance-critical operations.',
  'To enable the following instructions: AVX2 AVX512F AVX512_VNNI AVX512_BF16 AVX_VNNI FMA, in other operations, rebuild TensorFlow with the appropriate compiler flags.',
];

describe('the output a student reads', () => {
  test("leaves out TensorFlow's notices on load and keeps everything the submission printed, in order", () => {
    const printed = ['epoch 1: loss 0.52', 'I0000 is what my model calls class zero', 'To enable faster training, use fewer epochs.', ''];
    expect(withoutTensorFlowNotices([notices[0], notices[1], printed[0], notices[2], notices[3], ...printed.slice(1)].join('\n'))).toBe(printed.join('\n'));
  });

  test("keeps the warnings and errors TensorFlow prints while computing: they may be the submission's doing", () => {
    const error =
      'E0000 00:00:1796620175.100000   25485 op_kernel.cc:1816] OP_REQUIRES failed at conv_ops.cc:1068 : INVALID_ARGUMENT: input depth must be evenly divisible by filter depth';
    expect(withoutTensorFlowNotices(`${notices[0]}\n${error}\n`)).toBe(`${error}\n`);
  });

  test('is unchanged where there is nothing of TensorFlow in it', () => {
    const text = 'hello\n::set-output name=x::1\n';
    expect(withoutTensorFlowNotices(text)).toBe(text);
  });
});
