/**
 * 01-mnist-data graded end to end by the real CLI: the reference solution, the untouched stub and a golden
 * partial submission.
 */
import path from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { expectGolden, grade, repoRoot } from '../helpers/grade.ts';

const fixtures = path.join(repoRoot, 'test', 'fixtures', '01-mnist-data');
// Each test grades with the real CLI in a fresh process.
vi.setConfig({ testTimeout: 900_000 });

describe.concurrent('01-mnist-data', () => {
  test('the reference solution scores full marks', async () => {
    const run = await grade('01-mnist-data', { solution: true });
    expect(run.exitCode, run.stderr).toBe(0);
    const result = run.result!;
    expect(result.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(result.score).toBe(result.maxScore);
  });

  test('the untouched stub scores 0 with status fail, naming the functions not implemented', async () => {
    const run = await grade('01-mnist-data');
    expect(run.exitCode, run.stderr).toBe(0);
    const result = run.result!;
    expect(result.score).toBe(0);
    expect(result.status).toBe('fail');
    expect(result.checks.filter((c) => c.maxPoints > 0).every((c) => c.status === 'fail')).toBe(true);
    expect(result.notAttempted).toEqual(['classCounts', 'meanAndStd', 'parseIdx', 'renderDigit', 'scalePixels', 'stratifiedSplit']);
  });

  test('the golden submission "little-endian-unstratified" gets exactly its expected partial score', async () => {
    const run = await grade('01-mnist-data', { submission: path.join(fixtures, 'little-endian-unstratified') });
    expect(run.exitCode, run.stderr).toBe(0);
    expectGolden(run.result!, path.join(fixtures, 'little-endian-unstratified', 'expected.json'));
  });
});
