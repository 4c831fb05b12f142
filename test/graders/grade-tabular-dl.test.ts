/**
 * 06-tabular-dl graded end to end by the real CLI on the WebAssembly backend, in one regrade run
 * (`--submissions`): the reference solution (five MLPs trained by cross-validation on the real breast-cancer
 * table), the untouched stub, and golden wrong submissions, each of which gets exactly the result its
 * expected.json describes: the leaky one loses exactly the leakage points.
 */
import path from 'node:path';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { expectGolden, gradeMany, repoRoot, solutionAndStub, type BatchRun } from '../helpers/grade.ts';

const slug = '06-tabular-dl';
const fixtures = path.join(repoRoot, 'test', 'fixtures', slug);
const goldens = ['leaky-scaling', 'metric-slips', 'one-neighbour'];
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

  test('the reference solution scores full marks on wasm, each model clearly above its threshold', () => {
    const result = batch.results['solution']!;
    expect(result.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(result.score).toBe(result.maxScore);
    expect(result.environment.backend).toBe('wasm');
    const metric = (id: string) => result.checks.find((c) => c.id === id)!.metric!.value!;
    expect(metric('mlp.auc')).toBeGreaterThanOrEqual(0.985);
    expect(metric('in-context.auc')).toBeGreaterThanOrEqual(0.985);
    expect(metric('mlp.calibration')).toBeLessThanOrEqual(0.03);
  });

  test('the untouched stub scores 0 with status fail, naming every function not implemented', () => {
    const result = batch.results['stub']!;
    expect(result.score).toBe(0);
    expect(result.status).toBe('fail');
    expect(result.checks.filter((c) => c.maxPoints > 0).every((c) => c.status === 'fail')).toBe(true);
    expect(result.notAttempted).toEqual(['brierScore', 'buildMlp', 'inContextPredict', 'rocAuc', 'standardize', 'stratifiedSplit', 'thresholdMetrics', 'trainMlp']);
  });

  test.for(goldens)('the golden submission "%s" gets exactly its expected result', (name) => {
    expectGolden(batch.results[name]!, path.join(fixtures, name, 'expected.json'));
  });

  test('the leaky submission is told what leaked and by how much', () => {
    const check = batch.results['leaky-scaling']!.checks.find((c) => c.id === 'scaling.train-only')!;
    expect(check.message).toContain('data leakage');
    expect(check.found).toMatch(/all rows: /);
    expect(check.hint).toContain('trainRows');
  });
});
