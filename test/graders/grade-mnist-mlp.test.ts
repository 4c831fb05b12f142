/**
 * 03-mnist-mlp graded end to end by the real CLI on the WebAssembly backend, in one regrade run
 * (`--submissions`): the reference solution, the untouched stub and golden wrong submissions, each of which
 * gets exactly the result its expected.json describes. Also: a forced backend that is not installed. The
 * submission that never returns is graded apart (goldens-mnist-mlp), under shorter limits.
 */
import path from 'node:path';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { expectGolden, gradeMany, repoRoot, runCli, solutionAndStub, type BatchRun } from '../helpers/grade.ts';

const slug = '03-mnist-mlp';
const fixtures = path.join(repoRoot, 'test', 'fixtures', slug);
const goldens = ['wrong-output-shape', 'nan-loss', 'throws', 'reads-test-labels'];
vi.setConfig({ testTimeout: 120_000, hookTimeout: 3_600_000 });

let batch: BatchRun;
beforeAll(async () => {
  batch = await gradeMany(slug, { ...solutionAndStub(slug), ...Object.fromEntries(goldens.map((name) => [name, path.join(fixtures, name, 'src')])) });
});

describe(slug, () => {
  test('one run grades every submission with exit code 0', () => {
    expect(batch.exitCode, batch.stderr).toBe(0);
    expect(batch.entries?.map((e) => e.submission).sort()).toEqual([...goldens, 'solution', 'stub'].sort());
    expect(batch.entries?.filter((e) => e.error)).toEqual([]);
  });

  test('the reference solution scores full marks on wasm, with the test accuracy recorded', () => {
    const result = batch.results['solution']!;
    expect(result.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(result.score).toBe(result.maxScore);
    expect(result.environment.backend).toBe('wasm');
    const accuracy = result.checks.find((c) => c.id === 'accuracy.test')!.metric!;
    expect(accuracy.value).toBeGreaterThanOrEqual(0.97);
    expect(result.phases.map((p) => p.name)).toEqual(['static', 'build', 'train', 'predict']);
  });

  test('the untouched stub scores 0 with status fail, naming the functions not implemented', () => {
    const result = batch.results['stub']!;
    expect(result.score).toBe(0);
    expect(result.status).toBe('fail');
    expect(result.checks.filter((c) => c.maxPoints > 0).every((c) => c.status === 'fail')).toBe(true);
    expect(result.notAttempted).toEqual(['buildModel', 'trainModel']);
  });

  test.for(goldens)('the golden submission "%s" gets exactly its expected result', (name) => {
    expectGolden(batch.results[name]!, path.join(fixtures, name, 'expected.json'));
  });

  test('forcing the tensorflow backend without tfjs-node fails with exit code 1 and says how to install it', async () => {
    const run = await runCli(['grade', slug, '--solution', '--backend', 'tensorflow', '--out', path.join(repoRoot, '.labgrade', 'unused')]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/@tensorflow\/tfjs-node .*not installed/);
    expect(run.stderr).toContain('npm install @tensorflow/tfjs-node');
  });
});
