/**
 * 02-mnist-random-forest graded end to end by the real CLI in one regrade run (`--submissions`): the
 * reference solution (which trains the project's forest on 10,000 MNIST images), the untouched stub and a
 * golden partial submission.
 */
import path from 'node:path';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { describeNativeAgreement, expectGolden, gradeMany, repoRoot, solutionAndStub, type BatchRun } from '../helpers/grade.ts';

const slug = '02-mnist-random-forest';
const fixtures = path.join(repoRoot, 'test', 'fixtures', slug);
vi.setConfig({ testTimeout: 120_000, hookTimeout: 3_600_000 });

/** The reference solution, the untouched stub and the golden, graded on wasm and, where it is installed, natively. */
const sources = (): Record<string, string> => ({ ...solutionAndStub(slug), 'ties-last-shallow': path.join(fixtures, 'ties-last-shallow', 'src') });
let batch: BatchRun;
beforeAll(async () => {
  batch = await gradeMany(slug, sources());
});

describe(slug, () => {
  test('one run grades every submission with exit code 0', () => {
    expect(batch.exitCode, batch.stderr).toBe(0);
    expect(batch.entries?.map((e) => [e.submission, e.status])).toEqual([
      ['solution', 'pass'],
      ['stub', 'fail'],
      ['ties-last-shallow', 'fail'],
    ]);
  });

  test('the reference solution scores full marks, with the test accuracy recorded', () => {
    const result = batch.results['solution']!;
    expect(result.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(result.score).toBe(result.maxScore);
    expect(result.maxScore).toBe(12);
    const accuracy = result.checks.find((c) => c.id === 'forest.accuracy')!.metric!;
    expect(accuracy.value).toBeGreaterThanOrEqual(0.93);
  });

  test('the untouched stub scores 0 with status fail, naming the functions not implemented', () => {
    const result = batch.results['stub']!;
    expect(result.score).toBe(0);
    expect(result.status).toBe('fail');
    expect(result.checks.filter((c) => c.maxPoints > 0).every((c) => c.status === 'fail')).toBe(true);
    expect(result.notAttempted).toEqual(['bestSplit', 'giniImpurity', 'trainForest']);
  });

  test('the golden submission "ties-last-shallow" gets exactly its expected partial score', () => {
    expectGolden(batch.results['ties-last-shallow']!, path.join(fixtures, 'ties-last-shallow', 'expected.json'));
  });

  describeNativeAgreement(slug, sources, () => batch, { notAttempted: ['bestSplit', 'giniImpurity', 'trainForest'] });
});
