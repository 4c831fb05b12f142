/**
 * 00a-cnn-basics graded end to end by the real CLI, as an instructor's regrade does (`--submissions`): the
 * reference solution, the untouched stub and a golden partial submission in one run, then the same run again,
 * which keeps every result (resumable).
 */
import { appendFile, cp, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { GradescopeResults, renderGradescope } from '../../graders/src/reporters/gradescope.ts';
import { describeNativeAgreement, expectGolden, gradeMany, regrade, repoRoot, solutionAndStub, type BatchRun } from '../helpers/grade.ts';

const slug = '00a-cnn-basics';
const fixtures = path.join(repoRoot, 'test', 'fixtures', slug);
vi.setConfig({ testTimeout: 900_000, hookTimeout: 1_800_000 });

/** The reference solution, the untouched stub and the golden, graded on wasm and, where it is installed, natively. */
const sources = (): Record<string, string> => ({ ...solutionAndStub(slug), 'same-padding-offset': path.join(fixtures, 'same-padding-offset', 'src') });
let batch: BatchRun;
beforeAll(async () => {
  // The golden again with a comment added: the same code to a person, other files to the grader.
  const commented = path.join(await mkdtemp(path.join(os.tmpdir(), 'labgrade-commented-')), 'src');
  await cp(path.join(fixtures, 'same-padding-offset', 'src'), commented, { recursive: true });
  await appendFile(path.join(commented, 'cnn-basics.ts'), '\n// A comment changes the hash of the files, and so the inputs.\n');
  batch = await gradeMany(slug, { ...sources(), 'same-padding-offset-commented': commented });
});

describe(slug, () => {
  test('one run grades every submission, exit code 0, and lists each with its score', () => {
    expect(batch.exitCode, batch.stderr).toBe(0);
    expect(batch.entries?.map((e) => [e.submission, e.score, e.maxScore])).toEqual([
      ['same-padding-offset', 5, 12],
      ['same-padding-offset-commented', 5, 12],
      ['solution', 12, 12],
      ['stub', 0, 12],
    ]);
    expect(batch.stderr).toMatch(/4\/4 stub · 00a-cnn-basics: 0\/12 fail/);
  });

  test('the reference solution scores full marks', () => {
    const result = batch.results['solution']!;
    expect(result.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(result.score).toBe(result.maxScore);
    expect(result.maxScore).toBe(12);
  });

  test('the untouched stub scores 0 with status fail, naming the functions not implemented', () => {
    const result = batch.results['stub']!;
    expect(result.score).toBe(0);
    expect(result.status).toBe('fail');
    expect(result.checks.filter((c) => c.maxPoints > 0).every((c) => c.status === 'fail')).toBe(true);
    expect(result.notAttempted).toEqual(['conv2d', 'maxPool2d', 'outputSize', 'sobelEdges']);
  });

  test('the golden submission "same-padding-offset" gets exactly its expected partial score, also in Gradescope\'s format', () => {
    const result = batch.results['same-padding-offset']!;
    expectGolden(result, path.join(fixtures, 'same-padding-offset', 'expected.json'));

    // Gradescope's results.json (what `--format gradescope` prints) for the same grading.
    const gradescope = GradescopeResults.parse(JSON.parse(renderGradescope([result])));
    expect(gradescope.score).toBe(result.score);
    // A test per check worth points; the static checks (0 points) are in the overall output, not tests.
    expect(gradescope.tests.map((t) => [t.tags[1], t.score, t.max_score, t.status])).toEqual(
      result.checks.filter((c) => c.maxPoints > 0).map((c) => [c.id, c.points, c.maxPoints, c.status === 'pass' ? 'passed' : 'failed']),
    );
    expect(gradescope.tests.reduce((sum, t) => sum + t.max_score, 0)).toBe(result.maxScore);
    const wrong = gradescope.tests.find((t) => t.tags[1] === 'conv2d.stride-padding')!;
    expect(wrong.output).toContain('differ from TensorFlow.js');
    expect(wrong.output).toMatch(/expected: `.*`\n\nfound: `/);
  });

  test('inputs are drawn for each submission: changed files get other cases, and the same grade for the same code', () => {
    const [plain, commented] = [batch.results['same-padding-offset']!, batch.results['same-padding-offset-commented']!];
    expect(commented.checks.map((c) => [c.id, c.status, c.points])).toEqual(plain.checks.map((c) => [c.id, c.status, c.points]));
    const first = (r: typeof plain) => r.checks.find((c) => c.id === 'conv2d.stride-padding')!;
    expect(first(commented).message).not.toBe(first(plain).message);
  });

  test('a second run keeps every result already there for the same files instead of grading again', async () => {
    const before = batch.results['solution']!.startedAt;
    const again = await regrade(slug, batch.submissionsDir, batch.outDir);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.entries?.map((e) => [e.submission, e.score, e.reused])).toEqual([
      ['same-padding-offset', 5, true],
      ['same-padding-offset-commented', 5, true],
      ['solution', 12, true],
      ['stub', 0, true],
    ]);
    expect(again.results['solution']!.startedAt).toBe(before);
    expect(again.stderr).toContain('solution · 00a-cnn-basics: 12/12 (already graded)');
  });

  describeNativeAgreement(slug, sources, () => batch, { notAttempted: ['conv2d', 'maxPool2d', 'outputSize', 'sobelEdges'] });
});
