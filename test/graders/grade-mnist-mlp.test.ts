/**
 * 03-mnist-mlp graded end to end by the real CLI on the WebAssembly backend: the reference solution, the
 * untouched stub, and a forced backend that is not installed. Wrong submissions are in goldens-mnist-mlp.
 */
import path from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { grade, repoRoot, runCli } from '../helpers/grade.ts';

// Each test grades with the real CLI, training included.
vi.setConfig({ testTimeout: 1_800_000 });

describe('03-mnist-mlp', () => {
  test('the reference solution scores full marks on wasm, with the test accuracy recorded', async () => {
    const run = await grade('03-mnist-mlp', { solution: true });
    expect(run.exitCode, run.stderr).toBe(0);
    const result = run.result!;
    expect(result.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(result.score).toBe(result.maxScore);
    expect(result.environment.backend).toBe('wasm');
    const accuracy = result.checks.find((c) => c.id === 'accuracy.test')!.metric!;
    expect(accuracy.value).toBeGreaterThanOrEqual(0.97);
    expect(result.phases.map((p) => p.name)).toEqual(['static', 'build', 'train', 'predict']);
  });

  test('the untouched stub scores 0 with status fail, exit code 0, naming the functions not implemented', async () => {
    const run = await grade('03-mnist-mlp');
    expect(run.exitCode, run.stderr).toBe(0);
    const result = run.result!;
    expect(result.score).toBe(0);
    expect(result.status).toBe('fail');
    expect(result.checks.filter((c) => c.maxPoints > 0).every((c) => c.status === 'fail')).toBe(true);
    expect(result.notAttempted).toEqual(['buildModel', 'trainModel']);
    expect(run.stdout).toContain('Not implemented yet: buildModel, trainModel');
  });

  test('forcing the tensorflow backend without tfjs-node fails with exit code 1 and says how to install it', async () => {
    const run = await runCli(['grade', '03-mnist-mlp', '--solution', '--backend', 'tensorflow', '--out', path.join(repoRoot, '.labgrade', 'unused')]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/@tensorflow\/tfjs-node .*not installed/);
    expect(run.stderr).toContain('npm install @tensorflow/tfjs-node');
  });
});
