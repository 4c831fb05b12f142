/**
 * Copied work across a class: a real regrade of five students' 02 folders, then `labgrade report
 * --similarity`. alice and bob share a bestSplit with every variable renamed and the layout changed (and each
 * wrote their own giniImpurity); carol wrote both her own way; dan and erin handed in the untouched starter
 * code. Only alice and bob are flagged, with the shared function side by side; the starter code alone never
 * makes a pair; no grade changes.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { parseCsvRecords } from '../helpers/csv.ts';
import { regrade, repoRoot, runCli, type BatchRun, type CliRun } from '../helpers/grade.ts';

const slug = '02-mnist-random-forest';
const classDir = path.join(repoRoot, 'test', 'fixtures', 'similarity', slug);
const starter = new Set(
  readFileSync(path.join(repoRoot, 'exercises', slug, 'src', 'random-forest.ts'), 'utf8')
    .split('\n')
    .map((l) => l.trim()),
);

let graded: BatchRun;
let report: CliRun;
let csv: Record<string, string>[];
let html: string;

beforeAll(async () => {
  const work = await mkdtemp(path.join(os.tmpdir(), 'labgrade-similarity-'));
  graded = await regrade(slug, classDir, path.join(work, 'results'), { extra: ['--jobs', '2'] });
  report = await runCli([
    'report',
    path.join(work, 'results'),
    '--similarity',
    '--submissions',
    classDir,
    '--csv',
    path.join(work, 'grades.csv'),
    '--html',
    path.join(work, 'report.html'),
  ]);
  csv = parseCsvRecords(await readFile(path.join(work, 'grades.csv'), 'utf8'));
  html = await readFile(path.join(work, 'report.html'), 'utf8');
}, 900_000);

describe('labgrade report --similarity', () => {
  test('flags the pair that shares a function with renamed variables, and no other', () => {
    expect(graded.exitCode, graded.stderr).toBe(0);
    expect(report.exitCode, report.stderr).toBe(0);
    expect(report.stderr).toMatch(/^Similar code \(a flag for a person to look at; grades are unchanged\): alice and bob in 02-mnist-random-forest, \d+%\.$/m);
    const similar = Object.fromEntries(csv.map((r) => [r['student'], r['similar code']]));
    expect(similar['alice']).toMatch(/^bob \(02-mnist-random-forest (\d+)%\)$/);
    expect(Number(/(\d+)%/.exec(similar['alice']!)![1])).toBeGreaterThanOrEqual(50);
    expect(similar['bob']).toMatch(/^alice \(02-mnist-random-forest \d+%\)$/);
    expect({ carol: similar['carol'], dan: similar['dan'], erin: similar['erin'] }).toEqual({ carol: '', dan: '', erin: '' });
  });

  test('leaves grades as the grader gave them', () => {
    for (const row of csv) expect(Number(row['total']), row['student']).toBe(graded.results[row['student']!]!.score);
    expect(csv.map((r) => r['total'])).toEqual(['6', '6', '6', '0', '0']);
  });

  test('shows the shared fragments side by side in the HTML report, beyond the starter code', () => {
    const section = html.slice(html.indexOf('<h2>Similar code</h2>'), html.indexOf('<h2>Submissions</h2>'));
    expect(section.match(/<details class="pair"/g)).toHaveLength(1);
    expect(section).toContain('data-left="alice" data-right="bob"');
    const cells = [...section.matchAll(/<tr><td>(.*?)<\/td><td>(.*?)<\/td><\/tr>/gs)].map((m) => [m[1]!, m[2]!]);
    expect(cells.length).toBeGreaterThan(0);
    const code = (cell: string) =>
      (/<pre>([\s\S]*)<\/pre>/.exec(cell)?.[1] ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').split('\n');
    const [left, right] = cells[0]!.map(code) as [string[], string[]];
    // The longest fragment is bestSplit's loop: alice's names on the left, bob's on the right.
    expect(left.join('\n')).toContain('leftCounts[label]++;');
    expect(right.join('\n')).toContain('lo[y]++;');
    for (const [l] of cells)
      expect(
        code(l).some((line) => line.trim() && !starter.has(line.trim())),
        'a fragment of starter code only',
      ).toBe(true);
  });
});
