/**
 * 00a-cnn-basics graded end to end by the real CLI: the reference solution, the untouched stub and a golden
 * partial submission.
 */
import path from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { GradescopeResults } from '../../graders/src/reporters/gradescope.ts';
import { expectGolden, grade, repoRoot } from '../helpers/grade.ts';

const fixtures = path.join(repoRoot, 'test', 'fixtures', '00a-cnn-basics');
// Each test grades with the real CLI in a fresh process.
vi.setConfig({ testTimeout: 900_000 });

describe.concurrent('00a-cnn-basics', () => {
  test('the reference solution scores full marks', async () => {
    const run = await grade('00a-cnn-basics', { solution: true });
    expect(run.exitCode, run.stderr).toBe(0);
    const result = run.result!;
    expect(result.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(result.score).toBe(result.maxScore);
    expect(result.maxScore).toBe(10);
  });

  test('the untouched stub scores 0 with status fail, naming the functions not implemented', async () => {
    const run = await grade('00a-cnn-basics');
    expect(run.exitCode, run.stderr).toBe(0);
    const result = run.result!;
    expect(result.score).toBe(0);
    expect(result.status).toBe('fail');
    expect(result.checks.filter((c) => c.maxPoints > 0).every((c) => c.status === 'fail')).toBe(true);
    expect(result.notAttempted).toEqual(['conv2d', 'maxPool2d', 'outputSize', 'sobelEdges']);
  });

  test('the golden submission "same-padding-offset" gets exactly its expected partial score, also in Gradescope\'s format', async () => {
    const run = await grade('00a-cnn-basics', { submission: path.join(fixtures, 'same-padding-offset'), extra: ['--format', 'gradescope'] });
    expect(run.exitCode, run.stderr).toBe(0);
    const result = run.result!;
    expectGolden(result, path.join(fixtures, 'same-padding-offset', 'expected.json'));

    // The report on stdout is Gradescope's results.json for the same grading.
    const gradescope = GradescopeResults.parse(JSON.parse(run.stdout));
    expect(gradescope.score).toBe(result.score);
    expect(gradescope.tests.map((t) => [t.tags[1], t.score, t.max_score, t.status])).toEqual(
      result.checks.map((c) => [c.id, c.points, c.maxPoints, c.status === 'pass' ? 'passed' : 'failed']),
    );
    expect(gradescope.tests.reduce((sum, t) => sum + t.max_score, 0)).toBe(result.maxScore);
    const wrong = gradescope.tests.find((t) => t.tags[1] === 'conv2d.stride-padding')!;
    expect(wrong.output).toContain('differ from TensorFlow.js');
    expect(wrong.output).toMatch(/expected: .*\nfound: /);
  });
});
