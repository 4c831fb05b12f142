/**
 * 00b-tfjs-basics graded end to end by the real CLI in one regrade run (`--submissions`): the reference
 * solution, the untouched stub and a golden partial submission whose trainer counts ties as improvements and
 * leaks the cost tensors.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { describeNativeAgreement, expectGolden, grade, gradeMany, repoRoot, solutionAndStub, type BatchRun } from '../helpers/grade.ts';

const slug = '00b-tfjs-basics';
const fixtures = path.join(repoRoot, 'test', 'fixtures', slug);
vi.setConfig({ testTimeout: 120_000, hookTimeout: 3_600_000 });

/** The reference solution, the untouched stub and the golden, graded on wasm and, where it is installed, natively. */
const sources = (): Record<string, string> => ({ ...solutionAndStub(slug), 'ties-and-leaks': path.join(fixtures, 'ties-and-leaks', 'src') });
/** What the untouched stub leaves unwritten. */
const NOT_ATTEMPTED = [
  'configureOptimizer',
  'fit',
  'logisticGradients',
  'pairwiseSquaredDistances',
  'predict',
  'standardize',
  'trainRegression',
  'trainingStep',
  'validationStep',
];
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
      ['ties-and-leaks', 'fail'],
    ]);
  });

  test('the reference solution scores full marks, with the regression error recorded', () => {
    const result = batch.results['solution']!;
    expect(result.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(result.score).toBe(result.maxScore);
    expect(result.maxScore).toBe(12);
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
    expect(result.notAttempted).toEqual(NOT_ATTEMPTED);
  });

  test('the golden submission "ties-and-leaks" gets exactly its expected partial score', () => {
    expectGolden(batch.results['ties-and-leaks']!, path.join(fixtures, 'ties-and-leaks', 'expected.json'));
  });

  test('a check that fails again on changed files shows its next hint, and a check that passes clears its record', { timeout: 1_800_000 }, async () => {
    const history = path.join(await mkdtemp(path.join(os.tmpdir(), 'labgrade-hints-')), 'hint-history.json');
    const earlier = { failures: 1, sha256: 'the files of an earlier grading' };
    const record = { version: 1, checks: { [`${slug}/trainer.early-stopping`]: earlier, [`${slug}/tensors.standardize`]: earlier } };
    await writeFile(history, JSON.stringify(record));
    const run = await grade(slug, { submission: path.join(fixtures, 'ties-and-leaks'), env: { LABGRADE_HINT_HISTORY: history } });
    expect(run.exitCode, run.stderr).toBe(0);
    const result = run.result!;

    const again = result.checks.find((c) => c.id === 'trainer.early-stopping')!;
    expect(again).toMatchObject({ status: 'fail', hintLevel: 2 });
    expect(again.hints).toHaveLength(2);
    expect(again.hint).toBe(again.hints![1]);
    expect(run.stdout).toContain('hint 2/2: Trace an example by hand');
    const first = result.checks.find((c) => c.id === 'trainer.no-leaks')!;
    expect(first).toMatchObject({ status: 'fail', hintLevel: 1 });
    expect(first.hint).toBe(first.hints![0]);

    expect(JSON.parse(await readFile(history, 'utf8'))).toEqual({
      version: 1,
      checks: {
        [`${slug}/trainer.early-stopping`]: { failures: 2, sha256: result.submission.sha256 },
        [`${slug}/trainer.no-leaks`]: { failures: 1, sha256: result.submission.sha256 },
      },
    });
  });

  describeNativeAgreement(slug, sources, () => batch, { notAttempted: NOT_ATTEMPTED });
});
