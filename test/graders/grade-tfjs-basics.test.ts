/**
 * 00b-tfjs-basics graded end to end by the real CLI in one regrade run (`--submissions`): the reference
 * solution, the untouched stub and a golden partial submission whose trainer counts ties as improvements and
 * leaks the cost tensors.
 */
import path from 'node:path';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { expectGolden, gradeMany, repoRoot, solutionAndStub, type BatchRun } from '../helpers/grade.ts';

const slug = '00b-tfjs-basics';
const fixtures = path.join(repoRoot, 'test', 'fixtures', slug);
vi.setConfig({ testTimeout: 120_000, hookTimeout: 3_600_000 });

let batch: BatchRun;
beforeAll(async () => {
  batch = await gradeMany(slug, { ...solutionAndStub(slug), 'ties-and-leaks': path.join(fixtures, 'ties-and-leaks', 'src') });
});

describe(slug, () => {
  test('one run grades every submission with exit code 0', () => {
    expect(batch.exitCode, batch.stderr).toBe(0);
    expect(batch.entries?.map((e) => [e.submission, e.status])).toEqual([
      ['solution', 'pass'],
      ['stub', 'fail'],
      ['ties-and-leaks', 'fail'],
    ]);
  });

  test('the reference solution scores full marks, with the regression error recorded', () => {
    const result = batch.results['solution']!;
    expect(result.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(result.score).toBe(result.maxScore);
    expect(result.maxScore).toBe(10);
    const mse = result.checks.find((c) => c.id === 'regression.converges')!.metric!;
    expect(mse).toMatchObject({ name: 'test MSE', threshold: 0.3, comparator: '<=' });
    // The noise in the data alone gives 0.25: a trained regression gets close to it, never below by much.
    expect(mse.value).toBeGreaterThan(0.2);
    expect(mse.value).toBeLessThanOrEqual(0.3);
  });

  test('the untouched stub scores 0 with status fail, naming the functions not implemented', () => {
    const result = batch.results['stub']!;
    expect(result.score).toBe(0);
    expect(result.status).toBe('fail');
    expect(result.checks.filter((c) => c.maxPoints > 0).every((c) => c.status === 'fail')).toBe(true);
    expect(result.notAttempted).toEqual([
      'configureOptimizer',
      'fit',
      'logisticGradients',
      'pairwiseSquaredDistances',
      'predict',
      'standardize',
      'trainRegression',
      'trainingStep',
      'validationStep',
    ]);
  });

  test('the golden submission "ties-and-leaks" gets exactly its expected partial score', () => {
    expectGolden(batch.results['ties-and-leaks']!, path.join(fixtures, 'ties-and-leaks', 'expected.json'));
  });
});
