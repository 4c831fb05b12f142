/**
 * 01-mnist-data graded end to end by the real CLI in one regrade run split between two grading processes
 * (`--submissions --jobs 2`): the reference solution, the untouched stub and a golden partial submission.
 */
import path from 'node:path';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { describeNativeAgreement, expectGolden, gradeMany, repoRoot, solutionAndStub, type BatchRun } from '../helpers/grade.ts';

const slug = '01-mnist-data';
const fixtures = path.join(repoRoot, 'test', 'fixtures', slug);
vi.setConfig({ testTimeout: 120_000, hookTimeout: 1_800_000 });

/** The reference solution, the untouched stub and the golden, graded on wasm and, where it is installed, natively. */
const sources = (): Record<string, string> => ({
  ...solutionAndStub(slug),
  'little-endian-unstratified': path.join(fixtures, 'little-endian-unstratified', 'src'),
});
let batch: BatchRun;
beforeAll(async () => {
  batch = await gradeMany(slug, sources(), { extra: ['--jobs', '2'] });
});

describe(slug, () => {
  test('two processes grade every submission between them, with exit code 0', () => {
    expect(batch.exitCode, batch.stderr).toBe(0);
    expect(batch.entries?.map((e) => [e.submission, e.status])).toEqual([
      ['little-endian-unstratified', 'fail'],
      ['solution', 'pass'],
      ['stub', 'fail'],
    ]);
    // Each process reports its own share: [1/2] and [2/2].
    expect(batch.stderr).toMatch(/\[1\/2\] 1\/2 little-endian-unstratified/);
    expect(batch.stderr).toMatch(/\[2\/2\] 1\/1 solution/);
  });

  test('the reference solution scores full marks', () => {
    const result = batch.results['solution']!;
    expect(result.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(result.score).toBe(result.maxScore);
  });

  test('the untouched stub scores 0 with status fail, naming the functions not implemented', () => {
    const result = batch.results['stub']!;
    expect(result.score).toBe(0);
    expect(result.status).toBe('fail');
    expect(result.checks.filter((c) => c.maxPoints > 0).every((c) => c.status === 'fail')).toBe(true);
    expect(result.notAttempted).toEqual(['classCounts', 'meanAndStd', 'parseIdx', 'renderDigit', 'scalePixels', 'stratifiedSplit']);
  });

  test('the golden submission "little-endian-unstratified" gets exactly its expected partial score', () => {
    expectGolden(batch.results['little-endian-unstratified']!, path.join(fixtures, 'little-endian-unstratified', 'expected.json'));
  });

  describeNativeAgreement(slug, sources, () => batch, {
    notAttempted: ['classCounts', 'meanAndStd', 'parseIdx', 'renderDigit', 'scalePixels', 'stratifiedSplit'],
  });
});
