/**
 * Gradescope's results.json from the real CLI, checked against Gradescope's format (the zod schema of
 * graders/src/reporters/gradescope.ts, which follows its autograder specification): always a valid file, also
 * when grading cannot run (score 0 and the reason, so that the student sees a 0 and why rather than a broken
 * autograder), and Markdown as the format of text that writes code in backticks.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { GradescopeResults } from '../../graders/src/reporters/gradescope.ts';
import { runCli } from '../helpers/grade.ts';

const tempDir = () => mkdtemp(path.join(os.tmpdir(), 'labgrade-gradescope-'));

describe('labgrade grade --format gradescope', () => {
  test('without the --submission folder: a valid results.json with score 0 and the reason, and exit code not 0', async () => {
    const missing = path.join(await tempDir(), 'submission');
    const run = await runCli(['grade', '--all', '--submission', missing, '--format', 'gradescope', '--out', await tempDir()]);
    expect(run.exitCode).not.toBe(0);
    const results = GradescopeResults.parse(JSON.parse(run.stdout));
    expect(results.score).toBe(0);
    expect(results.tests).toEqual([]);
    expect(results.output).toContain(`but ${missing} does not exist`);
    expect(results.output).toContain('This submission could not be graded');
    expect(results.output_format).toBe('md');
  });

  test('with a dataset missing: the same, naming the data', { timeout: 300_000 }, async () => {
    const run = await runCli(['grade', '01-mnist-data', '--solution', '--backend', 'wasm', '--format', 'gradescope', '--out', await tempDir()], {
      MNIST_DIR: await tempDir(),
    });
    expect(run.exitCode).toBe(1);
    const results = GradescopeResults.parse(JSON.parse(run.stdout));
    expect(results.score).toBe(0);
    expect(results.output).toContain('Grading 01-mnist-data needs data that is missing or damaged');
  });

  test('a graded submission: a test per check worth points, Markdown feedback, the static checks in the overall output', { timeout: 300_000 }, async () => {
    const run = await runCli(['grade', '00a-cnn-basics', '--backend', 'wasm', '--format', 'gradescope', '--out', await tempDir()]);
    expect(run.exitCode, run.stderr).toBe(0);
    const results = GradescopeResults.parse(JSON.parse(run.stdout));
    expect(results.score).toBe(0);
    expect(results.tests.reduce((sum, t) => sum + t.max_score, 0)).toBe(12);
    expect(results.tests.every((t) => t.max_score > 0 && t.output_format === 'md')).toBe(true);
    // The stub's messages name the function in backticks, which Markdown shows as code.
    expect(results.tests.some((t) => /`\w+` is not implemented yet/.test(t.output))).toBe(true);
    expect(results.output).toContain('The code parses and type-checks');
    expect(results.test_output_format).toBe('md');
  });
});
