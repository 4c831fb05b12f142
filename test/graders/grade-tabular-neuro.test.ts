/**
 * 07-tabular-neuro graded end to end by the real CLI on the WebAssembly backend, in one regrade run
 * (`--submissions`): the reference solution (trained on a synthetic cohort of 1,200, scored on 800 held-out
 * participants), the untouched stub, and golden wrong submissions, each of which gets exactly the result its
 * expected.json describes: the leaky one loses exactly the leakage points.
 */
import path from 'node:path';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { expectGolden, gradeMany, repoRoot, solutionAndStub, type BatchRun } from '../helpers/grade.ts';

const slug = '07-tabular-neuro';
const fixtures = path.join(repoRoot, 'test', 'fixtures', slug);
const goldens = ['leaky-prepare', 'nan-for-missing'];
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
    expect(metric('model.auc')).toBeGreaterThanOrEqual(0.93);
    expect(metric('model.sensitivity')).toBeGreaterThanOrEqual(0.8);
    // The grader's own permutation importance names what the model relies on: MMSE, age and brain volume.
    expect(result.checks.find((c) => c.id === 'model.auc')!.message).toMatch(/relies most on: (mmse|age|nwbv) [\d.]+, (mmse|age|nwbv) [\d.]+, (mmse|age|nwbv) /);
  });

  test('the untouched stub scores 0 with status fail, naming every function not implemented', () => {
    const result = batch.results['stub']!;
    expect(result.score).toBe(0);
    expect(result.status).toBe('fail');
    expect(result.checks.filter((c) => c.maxPoints > 0).every((c) => c.status === 'fail')).toBe(true);
    expect(result.notAttempted).toEqual(['buildModel', 'permutationImportance', 'prepare', 'sensitivityAtSpecificity', 'trainModel']);
  });

  test.for(goldens)('the golden submission "%s" gets exactly its expected result', (name) => {
    expectGolden(batch.results[name]!, path.join(fixtures, name, 'expected.json'));
  });

  test('the leaky submission is told which training row changed when held-out participants did', () => {
    const check = batch.results['leaky-prepare']!.checks.find((c) => c.id === 'prep.train-only')!;
    expect(check.message).toContain('features of training rows');
    expect(check.found).toMatch(/^row \d+ \(SYN_\d{4}, a training row\), column \w+: /);
    expect(check.hint).toContain('trainRows');
  });
});
