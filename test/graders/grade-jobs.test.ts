/**
 * `grade <slugs...> --jobs N` grades up to N exercises at once in one process, and prints exactly what the
 * same grading one exercise after another prints: each exercise's report and lines whole, in the order
 * named, then the table of scores.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { GradeResult } from '../../graders/src/core/result.ts';
import { runCli, type CliRun } from '../helpers/grade.ts';

const slugs = ['00a-cnn-basics', '00b-tfjs-basics', '01-mnist-data'];

interface JobsRun extends CliRun {
  outDir: string;
}

async function gradeWithJobs(jobs: number): Promise<JobsRun> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), `labgrade-jobs${jobs}-`));
  const run = await runCli(['grade', ...slugs, '--solution', '--backend', 'wasm', '--jobs', String(jobs), '--out', outDir]);
  return { ...run, outDir };
}

/** Output with the output folder and every time in seconds taken out (with the padding that right-aligns it), which differ between runs. */
function normalise(text: string, outDir: string): string {
  return text.replaceAll(path.relative(process.cwd(), outDir), '<out>').replace(/ *\d+(\.\d+)? s\b/g, ' <t> s');
}

describe('grade several exercises with --jobs 2', () => {
  const runs: Record<number, JobsRun> = {};
  beforeAll(async () => {
    // One after the other, so that the two runs do not compete for the machine.
    runs[1] = await gradeWithJobs(1);
    runs[2] = await gradeWithJobs(2);
  }, 600_000);

  test("exits 0 with full marks, writing every exercise's result", () => {
    const run = runs[2]!;
    expect(run.exitCode, run.stderr).toBe(0);
    for (const slug of slugs) {
      const file = path.join(run.outDir, `${slug}.result.json`);
      expect(existsSync(file), file).toBe(true);
      const result = GradeResult.parse(JSON.parse(readFileSync(file, 'utf8')));
      expect([result.exercise.id, result.score, result.status]).toEqual([slug, result.maxScore, 'pass']);
    }
  });

  test("prints the reports, each exercise's lines and the table exactly as --jobs 1 does, in the order named", () => {
    const [one, two] = [runs[1]!, runs[2]!];
    expect(one.exitCode, one.stderr).toBe(0);
    expect(normalise(two.stdout, two.outDir)).toEqual(normalise(one.stdout, one.outDir));
    expect(normalise(two.stderr, two.outDir)).toEqual(normalise(one.stderr, one.outDir));
    const reportsAt = slugs.map((slug) => two.stdout.search(new RegExp(`^${slug} · `, 'm')));
    expect(reportsAt.every((at) => at >= 0)).toBe(true);
    expect([...reportsAt].sort((a, b) => a - b)).toEqual(reportsAt);
    const table = two.stderr.split('\n').filter((line) => /^ {2}\S+\s+\d+\/\d+ /.test(line));
    expect(table.map((line) => line.trim().split(/\s+/).slice(0, 3))).toEqual(slugs.map((slug) => [slug, expect.stringMatching(/^(\d+)\/\1$/), 'pass']));
    expect(two.stderr).toMatch(/^Total: 38\/38 over 3 exercises in [\d.]+ s\.$/m);
  });
});
