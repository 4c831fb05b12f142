/**
 * The instructor's regrade workflow (.github/workflows/regrade.yml): its batching step, run as the workflow
 * runs it (bash and jq) on class lists of several sizes, and its report step on real result files. Listing
 * and cloning the students' repositories need GitHub and are not run here.
 */
import { execa } from 'execa';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { repoRoot } from '../helpers/grade.ts';
import { stepRun } from '../helpers/workflow.ts';

const workflow = readFileSync(path.join(repoRoot, '.github', 'workflows', 'regrade.yml'), 'utf8');

/** Runs the "Split into batches" step on `names` and returns its `batches` output and what it printed. */
async function split(names: string[], maxJobs: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'labgrade-regrade-'));
  await writeFile(path.join(dir, 'repos.txt'), names.map((n) => `${n}\n`).join(''));
  const output = path.join(dir, 'output');
  await writeFile(output, '');
  const run = await execa('bash', ['-e', '-c', stepRun(workflow, 'Split into batches')], {
    cwd: dir,
    env: { MAX_JOBS: maxJobs, GITHUB_OUTPUT: output },
    reject: false,
  });
  const line = (await readFile(output, 'utf8')).split('\n').find((l) => l.startsWith('batches='));
  return { exitCode: run.exitCode, stdout: String(run.stdout), batches: line ? (JSON.parse(line.slice('batches='.length)) as string[][]) : undefined };
}

const classOf = (n: number) => Array.from({ length: n }, (_, i) => `lab2-student${String(i).padStart(4, '0')}`);

describe('the regrade workflow', () => {
  test.each([
    [300, '20', 20],
    [600, '256', 256],
    [600, '1000', 256],
    [7, '20', 7],
    [1, '0', 1],
  ])('splits %i repositories with jobs=%s into %i batches, each repository once, sizes within one', async (count, maxJobs, expected) => {
    const names = classOf(count);
    const { exitCode, batches, stdout } = await split(names, maxJobs);
    expect(exitCode).toBe(0);
    expect(batches).toHaveLength(expected);
    expect(batches!.flat().sort()).toEqual(names);
    const sizes = batches!.map((b) => b.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(stdout).toContain(`${count} repositories in ${expected} batches.`);
  });

  test('stops with what to check when no repository matches the prefix', async () => {
    const { exitCode, stdout } = await split([], '20');
    expect(exitCode).toBe(1);
    expect(stdout).toContain('::error::No repository of the organisation starts with the prefix given');
  });

  test('grades each batch with the regrade command and reports over every batch', async () => {
    expect(workflow).toMatch(/batch: \$\{\{ fromJSON\(needs\.list\.outputs\.batches\) \}\}/);
    expect(stepRun(workflow, 'Grade')).toBe('npx labgrade grade --all --submissions classroom --out results --jobs 2');
    expect(workflow).toContain('name: results-${{ strategy.job-index }}');
    expect(workflow).toContain('pattern: results-*');
    expect(workflow).toMatch(/^ {2}report:\n {4}needs: \[list, grade\]$/m);
  });

  test('the report step writes the CSV and puts the summary in the job summary', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'labgrade-regrade-'));
    const summary = path.join(dir, 'summary.md');
    await writeFile(summary, '');
    // The results of the class of five in the layout the artifacts merge into: results/<student>/<slug>.result.json.
    const script = `ln -s ${JSON.stringify(path.join(repoRoot, 'test', 'fixtures', 'results', 'class'))} results\nexport PATH=${JSON.stringify(path.join(repoRoot, 'node_modules', '.bin'))}:$PATH\n${stepRun(workflow, 'Class report').replaceAll('npx labgrade', `node ${JSON.stringify(path.join(repoRoot, 'bin', 'labgrade.js'))}`)}`;
    const run = await execa('bash', ['-e', '-c', script], { cwd: dir, env: { GITHUB_STEP_SUMMARY: summary }, reject: false });
    expect(run.exitCode, String(run.stderr)).toBe(0);
    expect(await readFile(summary, 'utf8')).toMatch(/^```\n7 results of 5 students\.\n[\s\S]*\n```\n$/);
    expect((await readFile(path.join(dir, 'grades.csv'), 'utf8')).split('\n')[0]).toMatch(
      /^student,total,max,template changes,flags,similar code,00a-cnn-basics,/,
    );
    // Here no student's src/ folder came along: each is named, and no pair is made up.
    expect(String(run.stderr)).toContain('solution · 00a-cnn-basics: no files to compare');
    expect(String(run.stderr)).toContain('Similar code (a flag for a person to look at; grades are unchanged): no pair reaches the threshold.');
    expect(existsSync(path.join(dir, 'report.html'))).toBe(true);
  });
});
