/**
 * Faults: the grader killed with SIGKILL in the middle of a class regrade. No process of a submission
 * outlives it, every result file left behind is complete and valid (results are written atomically), and
 * running the same command again completes the class, keeping what was already graded.
 */
import { execa } from 'execa';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test, vi } from 'vitest';
import { GradeResult } from '../../graders/src/core/result.ts';
import { repoRoot } from '../helpers/grade.ts';

vi.setConfig({ testTimeout: 900_000 });

const slug = '00a-cnn-basics';
const bin = path.join(repoRoot, 'bin', 'labgrade.js');

/** Result files under `out`, each parsed and validated (throws on a half-written one). */
function resultsIn(out: string): Record<string, GradeResult> {
  const found: Record<string, GradeResult> = {};
  if (!existsSync(out)) return found;
  for (const student of readdirSync(out)) {
    const file = path.join(out, student, `${slug}.result.json`);
    if (existsSync(file)) found[student] = GradeResult.parse(JSON.parse(readFileSync(file, 'utf8')));
  }
  return found;
}

/** Processes whose command line mentions `text`. */
async function processesWith(text: string): Promise<string[]> {
  const ps = await execa('ps', ['-eo', 'pid=,args='], { reject: false });
  return String(ps.stdout)
    .split('\n')
    .filter((line) => line.includes(text) && !line.includes('ps -eo'));
}

test('a regrade killed with SIGKILL leaves no child running and no broken result, and completes when run again', async () => {
  const work = await mkdtemp(path.join(os.tmpdir(), 'labgrade-kill-'));
  // The grader stages each submission under its own temporary folder, so that its children can be found.
  const tmp = path.join(work, 'tmp');
  await mkdir(tmp);
  const classroom = path.join(work, 'classroom');
  for (const student of ['alice', 'bob', 'carol'])
    await cp(path.join(repoRoot, 'solutions', slug, 'src'), path.join(classroom, student, 'src'), { recursive: true });
  // Bob's file computes for 5 s when it loads: the grader is killed while his submission's process runs.
  const bobFile = path.join(classroom, 'bob', 'src', 'cnn-basics.ts');
  await writeFile(bobFile, `${await readFile(bobFile, 'utf8')}\nconst until = performance.now() + 5000;\nwhile (performance.now() < until) {}\n`);
  const out = path.join(work, 'results');
  const args = [bin, 'grade', slug, '--submissions', classroom, '--out', out, '--backend', 'wasm', '--format', 'json'];
  const env = { TMPDIR: tmp, CI: '' };

  const first = execa(process.execPath, args, { cwd: repoRoot, env, reject: false });
  // Kill it once the first student's result is written and the second student's process is running.
  const deadline = Date.now() + 600_000;
  while (!(Object.keys(resultsIn(out)).length === 1 && (await processesWith(tmp)).length > 0) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  expect(Object.keys(resultsIn(out))).toEqual(['alice']);
  expect((await processesWith(tmp)).length).toBeGreaterThan(0);
  first.kill('SIGKILL');
  const killed = await first;
  expect(killed.signal).toBe('SIGKILL');

  // The submission's process dies with the grader (parent-death signal), within moments.
  let left: string[] = [];
  for (let i = 0; i < 50; i++) {
    left = await processesWith(tmp);
    if (!left.length) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(left).toEqual([]);
  // Whatever is there is whole: the one finished result, valid; no other result file.
  const kept = resultsIn(out);
  expect(Object.keys(kept)).toHaveLength(1);

  const again = await execa(process.execPath, args, { cwd: repoRoot, env, reject: false });
  expect(again.exitCode, String(again.stderr)).toBe(0);
  const entries = JSON.parse(String(again.stdout)) as { submission: string; score: number; maxScore: number; reused: boolean }[];
  expect(entries.map((e) => e.submission).sort()).toEqual(['alice', 'bob', 'carol']);
  for (const e of entries) {
    expect(e.score, e.submission).toBe(e.maxScore);
    expect(e.reused, e.submission).toBe(e.submission in kept);
  }
  expect(Object.keys(resultsIn(out)).sort()).toEqual(['alice', 'bob', 'carol']);
});
