/**
 * An instructor's whole path on a class of five student repositories (the reference solution, the untouched
 * stubs, three partial submissions of 00a from the golden fixtures): `grade --all --submissions`, then
 * `report --csv --html`. Every result is complete and valid, the partial ones score what their goldens
 * expect, and the CSV's totals equal the sums of the result files.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test, vi } from 'vitest';
import { GradeResult } from '../../graders/src/core/result.ts';
import { parseCsvRecords } from '../helpers/csv.ts';
import { repoRoot, runCli } from '../helpers/grade.ts';
import { fullRun } from '../helpers/tier.ts';

vi.setConfig({ testTimeout: 3_600_000 });

const allSlugs = readdirSync(path.join(repoRoot, 'exercises'))
  .filter((s) => existsSync(path.join(repoRoot, 'exercises', s, 'exercise.json')))
  .sort();
// Training 04's CNN and 05's U-Net takes about 2 minutes each on wasm; their own test files grade the reference
// solutions in every run, so the class repeats them only in the full tier.
const TRAINING_HEAVY = ['04-mnist-cnn', '05-brain-tumor-segmentation'];
const slugs = fullRun ? allSlugs : allSlugs.filter((s) => !TRAINING_HEAVY.includes(s));
const PARTIAL = ['same-padding-offset', 'type-error', 'wrong-type'];

test('a class of five: regraded with --submissions (--all in the full tier), then reported; CSV totals are the sums of the result files', async () => {
  const classroom = await mkdtemp(path.join(os.tmpdir(), 'labgrade-class-'));
  for (const student of ['solution', 'stub', ...PARTIAL]) {
    for (const slug of slugs) {
      const from =
        student === 'solution'
          ? path.join(repoRoot, 'solutions', slug, 'src')
          : PARTIAL.includes(student) && slug === '00a-cnn-basics'
            ? path.join(repoRoot, 'test', 'fixtures', slug, student, 'src')
            : path.join(repoRoot, 'exercises', slug, 'src');
      await cp(from, path.join(classroom, student, 'exercises', slug, 'src'), { recursive: true });
    }
  }
  const out = await mkdtemp(path.join(os.tmpdir(), 'labgrade-class-results-'));
  const graded = await runCli(
    ['grade', ...(slugs.length === allSlugs.length ? ['--all'] : slugs), '--submissions', classroom, '--out', out, '--jobs', '2', '--backend', 'wasm'],
    {},
    3_600_000,
  );
  expect(graded.exitCode, graded.stderr).toBe(0);

  const results: Record<string, GradeResult[]> = {};
  for (const student of readdirSync(out)
    .filter((name) => !name.startsWith('.'))
    .sort()) {
    results[student] = readdirSync(path.join(out, student))
      .filter((f) => f.endsWith('.result.json'))
      .map((f) => GradeResult.parse(JSON.parse(readFileSync(path.join(out, student, f), 'utf8'))));
    expect(results[student]!.map((r) => r.exercise.id).sort(), student).toEqual(slugs);
  }
  expect(Object.keys(results)).toEqual(['same-padding-offset', 'solution', 'stub', 'type-error', 'wrong-type']);
  for (const r of results['solution']!) expect(r.score, r.exercise.id).toBe(r.maxScore);
  for (const r of results['stub']!) expect([r.exercise.id, r.score, r.status]).toEqual([r.exercise.id, 0, 'fail']);
  for (const student of PARTIAL) {
    const expected = JSON.parse(await readFile(path.join(repoRoot, 'test', 'fixtures', '00a-cnn-basics', student, 'expected.json'), 'utf8')) as {
      score: number;
    };
    expect(results[student]!.find((r) => r.exercise.id === '00a-cnn-basics')!.score, student).toBe(expected.score);
  }

  const csvFile = path.join(out, 'grades.csv');
  const report = await runCli(['report', out, '--csv', csvFile, '--html', path.join(out, 'report.html')]);
  expect(report.exitCode, report.stderr).toBe(0);
  expect(report.stdout).toContain(`${5 * slugs.length} results of 5 students.`);
  const rows = parseCsvRecords(await readFile(csvFile, 'utf8'));
  expect(rows.map((r) => r['student'])).toEqual(Object.keys(results));
  for (const row of rows) {
    const mine = results[row['student']!]!;
    expect(Number(row['total']), row['student']).toBe(mine.reduce((s, r) => s + r.score, 0));
    expect(Number(row['max']), row['student']).toBe(mine.reduce((s, r) => s + r.maxScore, 0));
    for (const r of mine) expect(Number(row[r.exercise.id]), `${row['student']} ${r.exercise.id}`).toBe(r.score);
  }
  const html = await readFile(path.join(out, 'report.html'), 'utf8');
  for (const row of rows) expect(html).toContain(`<td class="num" data-total>${row['total']}</td>`);
});
