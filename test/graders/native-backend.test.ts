/**
 * What the native `tensorflow` backend changes about grading, beyond the grades themselves (which every
 * grade-* test compares with wasm, check by check): the training progress a student sees, from the runtime's
 * fit and from TensorFlow.js's own model.fit; the result's record of the backend; and determinism, graded
 * five times one after the other and five times two at a time with the real `npm run determinism`.
 * Skipped, with the reason, where the native backend is not installed (`npm run install:native`).
 */
import { execa } from 'execa';
import path from 'node:path';
import { expect, test, vi } from 'vitest';
import { grade, repoRoot } from '../helpers/grade.ts';
import { describeNative, requireNativeWhereInstalled } from '../helpers/native.ts';

vi.setConfig({ testTimeout: 1_800_000 });

requireNativeWhereInstalled();

describeNative('grading on the native tensorflow backend', () => {
  test.for([
    ['the reference solution', "the runtime's fit", undefined],
    ['a submission', "TensorFlow.js's model.fit", path.join(repoRoot, 'test', 'fixtures', '03-mnist-mlp', 'trains-with-model-fit')],
  ] as const)("shows %s's training progress from %s, one line per epoch in a log, and records the backend", async ([, , submission]) => {
    const run = await grade('03-mnist-mlp', { backend: 'tensorflow', ...(submission ? { submission } : { solution: true }) });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.result!.score).toBe(run.result!.maxScore);
    expect(run.result!.environment).toMatchObject({ backend: 'tensorflow', backendPackageVersion: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    const epochs = run.stderr.split('\n').filter((line) => line.startsWith('  train  epoch'));
    expect(epochs).toHaveLength(3);
    epochs.forEach((line, i) => expect(line).toMatch(new RegExp(`^  train  epoch ${i + 1}/3  469/469  loss \\d\\.\\d{4}  acc 0\\.\\d{3}  \\d+\\.\\d s$`)));
    // TensorFlow's notices on load are neither in the grader's own output nor in the submission's.
    expect(run.stderr + run.result!.output).not.toMatch(/InitializeLog|oneDNN|cpu_feature_guard/);
  });

  test('gives the same result every time: 03 graded five times in a row and five times two at a time differs in no field', async () => {
    const run = await execa(
      'npm',
      ['run', '--silent', 'determinism', '--', '03-mnist-mlp', '--solution', '--backend', 'tensorflow', '--runs', '5', '--jobs', '2'],
      { cwd: repoRoot, reject: false, env: { CI: '' } },
    );
    expect(run.exitCode, `${String(run.stdout)}\n${String(run.stderr)}`).toBe(0);
    expect(String(run.stdout)).toContain('03-mnist-mlp: 10 gradings');
    expect(String(run.stdout)).toContain('score 15/15 ("pass")');
    expect(String(run.stdout)).toMatch(/differing fields: 0 \(of \d+ compared\)/);
  });
});
