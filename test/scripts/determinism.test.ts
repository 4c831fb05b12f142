/**
 * `npm run determinism`: the real script on real gradings. A golden submission graded twice one after the
 * other and twice in parallel differs in no field; a submission that prints the clock differs in its output,
 * which the script names, exiting 1.
 */
import { execa } from 'execa';
import { readFile, writeFile, cp, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test, vi } from 'vitest';
import { repoRoot } from '../helpers/grade.ts';

vi.setConfig({ testTimeout: 600_000 });

const determinism = (args: string[]) => execa('npm', ['run', '--silent', 'determinism', '--', ...args], { cwd: repoRoot, reject: false, env: { CI: '' } });

test('a golden submission, graded twice in a row and twice in parallel, differs in no field', async () => {
  const run = await determinism([
    '00a-cnn-basics',
    '--submission',
    path.join(repoRoot, 'test', 'fixtures', '00a-cnn-basics', 'same-padding-offset'),
    '--runs',
    '2',
    '--jobs',
    '2',
  ]);
  expect(run.exitCode, String(run.stderr)).toBe(0);
  expect(String(run.stdout)).toContain('00a-cnn-basics: 4 gradings');
  expect(String(run.stdout)).toContain('score 5/12 ("fail")');
  expect(String(run.stdout)).toMatch(/differing fields: 0 \(of \d+ compared\)/);
});

test('a submission that prints the time is caught: its output differs, and the script exits 1', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'labgrade-clock-'));
  await cp(path.join(repoRoot, 'solutions', '00a-cnn-basics', 'src'), path.join(dir, 'src'), { recursive: true });
  const file = path.join(dir, 'src', 'cnn-basics.ts');
  await writeFile(file, `${await readFile(file, 'utf8')}\nconsole.log('graded at', performance.now() + Date.now());\n`);
  const run = await determinism(['00a-cnn-basics', '--submission', dir, '--runs', '2', '--jobs', '2']);
  expect(run.exitCode).toBe(1);
  expect(String(run.stdout)).toContain('00a-cnn-basics output:');
  expect(String(run.stdout)).toMatch(/differing fields: [1-9]\d* \(of \d+ compared\)/);
});
