/**
 * TensorFlow.js inside the grading child works as it does outside it: a submission's TF.js ops, run in the real
 * child process (staged and sandboxed by the grader, with its flags and permission model), on the wasm backend
 * and on the native one where it is installed, give what the CPU backend gives in this process. The cases are
 * every kernel the project supplies or guards, at the sizes the hidden suites use (see
 * test/fixtures/child-ops/src/ops.ts), all in one child: an op that broke the backend would fail every case
 * after it.
 */
import * as tf from '@tensorflow/tfjs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BackendChoice } from '../../runtime/backend-choice.ts';
import { Sandbox } from '../../graders/src/sandbox/sandbox.ts';
import { stageSubmission, type StagedSubmission } from '../../graders/src/sandbox/stage.ts';
import { createRandom } from '../../runtime/seed.ts';
import { runCases, type OpCase, type OpResult, type Padding } from '../fixtures/child-ops/src/ops.ts';
import { repoRoot } from '../helpers/grade.ts';
import { nativeBackend, nativeTitle } from '../helpers/native.ts';

/**
 * Difference allowed, relative to the tensor's largest value (absolute below magnitude 1). A gradient here sums
 * thousands of products; taken in another order (the backends' kernels tile and thread differently), float32
 * sums differ by a few units in the last place of their largest terms, and an element where the terms cancel
 * keeps that absolute difference, so it is measured against the tensor's scale, not the element's.
 */
const TOLERANCE = 1e-5;

const random = createRandom(1001);
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;

/** 00a's graded cases: the same families, sizes, strides and paddings as its hidden suite. */
const cnnBasics: OpCase[] = [
  ...Array.from({ length: 12 }, (): OpCase => {
    const k = pick([1, 2, 3]);
    return { op: 'conv2d', x: [1, int(3, 12), int(3, 12), 1], filter: [k, k, 1, 1], stride: 1, pad: 'valid' };
  }),
  ...Array.from({ length: 12 }, (_, i): OpCase => {
    const c = int(2, 4);
    const k = pick([1, 3, 5]);
    return { op: 'conv2d', x: [1, int(4, 11), int(4, 11), c], filter: [k, k, c, int(2, 4)], stride: 1, pad: i % 2 ? 'same' : 'valid' };
  }),
  ...Array.from({ length: 16 }, (_, i): OpCase => {
    const c = int(1, 3);
    return {
      op: 'conv2d',
      x: [1, int(5, 13), int(5, 13), c],
      filter: [pick([2, 3, 4]), pick([1, 2, 3]), c, int(1, 3)],
      stride: pick([2, 3]),
      pad: i % 2 ? 'same' : 'valid',
    };
  }),
  ...Array.from(
    { length: 16 },
    (_, i): OpCase => ({
      op: 'maxPool',
      x: [1, int(4, 13), int(4, 13), int(1, 3)],
      size: pick([2, 3]),
      stride: pick([1, 2, 3]),
      pad: (i % 2 ? 'same' : 'valid') as Padding,
    }),
  ),
];

/** One training step's ops of the lab's networks, at the reference solutions' batch sizes. */
const training: OpCase[] = [
  // 04's CNN, batch 32: conv 5x5 (1 -> 16), pool 2, conv 5x5 (16 -> 32), pool 2, dense 512 -> 64 -> 10; its
  // layers run the convolution fused with the bias and relu.
  { op: 'conv2dGrads', x: [32, 28, 28, 1], filter: [5, 5, 1, 16], stride: 1, pad: 'valid' },
  { op: 'fusedConv2dGrads', x: [32, 28, 28, 1], filter: [5, 5, 1, 16], stride: 1, pad: 'valid' },
  { op: 'fusedConv2dGrads', x: [8, 24, 24, 8], filter: [3, 3, 8, 16], stride: 2, pad: 'same' },
  { op: 'maxPoolGrad', x: [32, 24, 24, 16], size: 2, stride: 2, pad: 'valid', ties: true },
  { op: 'conv2dGrads', x: [32, 12, 12, 16], filter: [5, 5, 16, 32], stride: 1, pad: 'valid' },
  { op: 'maxPoolGrad', x: [32, 8, 8, 32], size: 2, stride: 2, pad: 'valid', ties: true },
  { op: 'sumAllButLast', x: [32, 24, 24, 16] },
  { op: 'addBias', x: [32, 24, 24, 16], bias: [1, 1, 1, 16] },
  { op: 'addBias', x: [32, 64], bias: [64] },
  { op: 'addBias', x: [1, 1, 1, 16], bias: [16] },
  { op: 'denseGrads', x: [32, 512], units: 64 },
  // 03's MLP, batch 128: dense 784 -> 256 -> 10, and the transposed products of its gradients.
  { op: 'denseGrads', x: [128, 784], units: 256 },
  { op: 'matMul', a: [128, 784], b: [128, 256], transposeA: true, transposeB: false },
  { op: 'matMul', a: [128, 10], b: [256, 10], transposeA: false, transposeB: true },
  // 05's U-Net on 48 x 48 phantoms with 4 contrasts, batch 8: 3x3 'same' convolutions, 2x2 pooling.
  { op: 'conv2dGrads', x: [8, 48, 48, 4], filter: [3, 3, 4, 8], stride: 1, pad: 'same' },
  { op: 'conv2dGrads', x: [8, 12, 12, 32], filter: [3, 3, 32, 32], stride: 1, pad: 'same' },
  { op: 'conv2dGrads', x: [8, 48, 48, 16], filter: [3, 3, 16, 8], stride: 1, pad: 'same' },
  { op: 'maxPoolGrad', x: [8, 48, 48, 8], size: 2, stride: 2, pad: 'valid', ties: true },
  { op: 'conv2dGrads', x: [8, 48, 48, 8], filter: [1, 1, 8, 4], stride: 1, pad: 'valid' },
  // Relu's gradient (dy * step(x)) at the size of 04's first layer, with zeros, negative zeros and NaN; and
  // leaky relu's (another alpha).
  { op: 'reluGrads', x: [32, 24, 24, 16] },
  { op: 'leakyReluGrads', x: [8, 48, 48, 8] },
  // Strided convolutions and overlapping pools (the kernels' other paths).
  { op: 'conv2dGrads', x: [2, 11, 10, 3], filter: [5, 5, 3, 4], stride: 2, pad: 'same' },
  { op: 'maxPoolGrad', x: [2, 7, 9, 2], size: 3, stride: 2, pad: 'same', ties: true },
];

/** Empty outputs (a 'valid' window larger than the input) and their gradients. */
const empty: OpCase[] = [
  { op: 'conv2d', x: [1, 4, 6, 2], filter: [5, 5, 2, 4], stride: 1, pad: 'valid' },
  { op: 'conv2dGrads', x: [1, 4, 6, 2], filter: [5, 5, 2, 4], stride: 1, pad: 'valid' },
  { op: 'maxPoolGrad', x: [1, 2, 5, 3], size: 3, stride: 1, pad: 'valid' },
  { op: 'matMul', a: [3, 0], b: [0, 4], transposeA: false, transposeB: false },
];

// The empty cases go first: on a backend they broke, every case after them would fail too.
const cases: { name: string; case: OpCase }[] = [
  ...empty.map((c) => ({ name: `empty: ${describeCase(c)}`, case: c })),
  ...cnnBasics.map((c, i) => ({ name: `00a case ${i + 1}: ${describeCase(c)}`, case: c })),
  ...training.map((c) => ({ name: `training: ${describeCase(c)}`, case: c })),
];

function describeCase(c: OpCase): string {
  switch (c.op) {
    case 'conv2d':
    case 'conv2dGrads':
    case 'fusedConv2dGrads':
      return `${c.op} of ${c.x.join('x')} by ${c.filter.join('x')}, stride ${c.stride}, '${c.pad}'`;
    case 'maxPool':
    case 'maxPoolGrad':
      return `${c.op} ${c.size}x${c.size} of ${c.x.join('x')}, stride ${c.stride}, '${c.pad}'`;
    case 'matMul':
      return `matMul of ${c.a.join('x')}${c.transposeA ? "'" : ''} by ${c.b.join('x')}${c.transposeB ? "'" : ''}`;
    case 'denseGrads':
      return `dense gradients of ${c.x.join('x')} to ${c.units} units`;
    case 'sumAllButLast':
      return `sum of ${c.x.join('x')} over all axes but the last`;
    case 'addBias':
      return `${c.x.join('x')} plus a bias of ${c.bias.join('x')}, and its gradients`;
    case 'reluGrads':
    case 'leakyReluGrads':
      return `${c.op === 'reluGrads' ? 'relu' : 'leaky relu'} gradient of ${c.x.join('x')} with zeros and NaN`;
  }
}

let expected: (OpResult | { error: string })[] = [];
const fromChild = new Map<string, { results?: (OpResult | { error: string })[]; failure?: string }>();

async function runInChild(backend: BackendChoice): Promise<void> {
  const staged: StagedSubmission = await stageSubmission({
    submissionDir: path.join(repoRoot, 'test', 'fixtures', 'child-ops'),
    files: ['src/ops.ts'],
    driverFile: path.join(repoRoot, 'test', 'fixtures', 'child-ops', 'driver.ts'),
  });
  const sandbox = new Sandbox({ staged, submissionDir: path.join(repoRoot, 'test', 'fixtures', 'child-ops'), backend, seed: 1, memoryMiB: 4096 });
  try {
    if (!(await sandbox.start())) throw new Error(`the child did not start: ${sandbox.startupError?.message}`);
    if (sandbox.backend?.name !== backend) throw new Error(`the child runs on ${sandbox.backend?.name}, not ${backend}`);
    const loaded = await sandbox.call('$load', {}, 60_000);
    if (!loaded.ok) throw new Error(`the submission did not load: ${loaded.message}`);
    const run = await sandbox.call('run', { cases: cases.map((c) => c.case) }, 300_000);
    if (!run.ok) throw new Error(`${run.message}\n${sandbox.output}`);
    fromChild.set(backend, { results: run.value as (OpResult | { error: string })[] });
  } catch (error) {
    fromChild.set(backend, { failure: String(error) });
  } finally {
    await sandbox.close();
    await staged.remove();
  }
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  expected = runCases(cases.map((c) => c.case));
  await runInChild('wasm');
  if (nativeBackend.available) await runInChild('tensorflow');
}, 600_000);

afterAll(() => {
  fromChild.clear();
});

function expectSame(actual: OpResult | { error: string } | undefined, wanted: OpResult | { error: string }): void {
  if (!actual) throw new Error('The child returned no result for this case.');
  if ('error' in wanted) throw new Error(`The case fails on the CPU backend itself: ${wanted.error}`);
  if ('error' in actual) throw new Error(`Expected the op to run in the child as on the CPU backend, but it threw: ${actual.error}`);
  expect(actual.shape).toEqual(wanted.shape);
  expect(actual.values.length).toBe(wanted.values.length);
  // NaN where the CPU backend gives NaN, and nowhere else.
  const nans = (values: Float32Array): number[] => {
    const at: number[] = [];
    values.forEach((v, i) => void (Number.isNaN(v) && at.push(i)));
    return at;
  };
  expect(nans(actual.values)).toEqual(nans(wanted.values));
  let scale = 1;
  for (const value of wanted.values) if (!Number.isNaN(value)) scale = Math.max(scale, Math.abs(value));
  let worst = 0;
  for (let i = 0; i < wanted.values.length; i++) {
    if (!Number.isNaN(wanted.values[i]!)) worst = Math.max(worst, Math.abs(actual.values[i]! - wanted.values[i]!) / scale);
  }
  expect(worst).toBeLessThanOrEqual(TOLERANCE);
}

const backends: { backend: BackendChoice; title: string; skip: boolean }[] = [
  { backend: 'wasm', title: 'in the grading child on wasm', skip: false },
  { backend: 'tensorflow', title: nativeTitle('in the grading child on the native backend'), skip: !nativeBackend.available },
];

describe.each(backends)('$title', ({ backend, skip }) => {
  test.skipIf(skip)('the child starts on that backend and runs every case', () => {
    expect(fromChild.get(backend)?.failure).toBeUndefined();
    expect(fromChild.get(backend)?.results).toHaveLength(cases.length);
  });

  test.skipIf(skip).for(cases.map((c, i) => [c.name, i] as const))('%s gives what the CPU backend gives', ([, i]) => {
    expectSame(fromChild.get(backend)?.results?.[i], expected[i]!);
  });
});
