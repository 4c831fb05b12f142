/**
 * Grades into the LMS: `labgrade report` joins the real result files of a class with a GitHub Classroom
 * roster export (its four quoted columns, a student who has not linked a GitHub account, one who has no
 * results, and a results folder that is on no roster), and writes Canvas's gradebook CSV and a plain one.
 * Nobody is dropped: the missing and the extra student are rows of both files and are listed.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { collectResults } from '../../graders/src/reporters/class/report.ts';
import { parseCsv, parseCsvRecords } from '../helpers/csv.ts';
import { repoRoot, runCli, type CliRun } from '../helpers/grade.ts';

const classDir = path.join(repoRoot, 'test', 'fixtures', 'results', 'class');
const { results } = collectResults([classDir]);
const totalOf = (student: string) => results.filter((r) => r.student === student).reduce((sum, r) => sum + r.result.score, 0);
const classMax = [...new Map(results.map((r) => [r.result.exercise.id, r.result.maxScore])).values()].reduce((a, b) => a + b, 0);

// As GitHub Classroom exports it: every field quoted, a student without a linked account, one without results.
// The results folder "wrong-type" is on no roster; "SOLUTION" differs from the folder "solution" only in case.
const ROSTER = `"identifier","github_username","github_id","name"
"ada@uni.no","SOLUTION","1001","Lovelace, Ada"
"bo@uni.no","stub","1002","Bo Ek"
"cy@uni.no","same-padding-offset","1003","Cy Li"
"di@uni.no","type-error","1004","Di Ro"
"eve@uni.no","eve-without-results","1005","Eve Sol"
"fa@uni.no","","",""
`;

let work: string;
let run: CliRun;
let canvas: string[][];
let gradebook: Record<string, string>[];

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'labgrade-roster-'));
  await writeFile(path.join(work, 'classroom_roster.csv'), ROSTER);
  run = await runCli([
    'report',
    classDir,
    '--roster',
    path.join(work, 'classroom_roster.csv'),
    '--canvas',
    path.join(work, 'canvas.csv'),
    '--gradebook',
    path.join(work, 'gradebook.csv'),
    '--canvas-assignment',
    'Lab 2: deep learning',
  ]);
  canvas = parseCsv(await readFile(path.join(work, 'canvas.csv'), 'utf8'));
  gradebook = parseCsvRecords(await readFile(path.join(work, 'gradebook.csv'), 'utf8'));
});

describe('labgrade report --roster', () => {
  test('runs and lists the student without results and the results without a roster entry', () => {
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toContain('Roster: 6 students, 4 with results.');
    expect(run.stderr).toContain(
      'On the roster without results (2; their grade cells are left empty): eve@uni.no / eve-without-results, fa@uni.no (no GitHub account linked).',
    );
    expect(run.stderr).toContain(
      "With results but not on the roster (1; their rows carry the GitHub username, for Canvas's import page to match by hand): wrong-type.",
    );
  });

  test('writes the gradebook Canvas imports: its student columns, the points possible, a row per student and nobody dropped', () => {
    // Canvas's importer: Student, ID, then SIS User ID and SIS Login ID, the last student column Section; then assignments.
    expect(canvas[0]).toEqual(['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', 'Lab 2: deep learning']);
    expect(canvas[1]).toEqual(['Points Possible', '', '', '', '', String(classMax)]);
    expect(canvas.slice(2)).toEqual([
      ['Lovelace, Ada', '', '', 'ada@uni.no', '', String(totalOf('solution'))],
      ['Bo Ek', '', '', 'bo@uni.no', '', String(totalOf('stub'))],
      ['Cy Li', '', '', 'cy@uni.no', '', String(totalOf('same-padding-offset'))],
      ['Di Ro', '', '', 'di@uni.no', '', String(totalOf('type-error'))],
      ['Eve Sol', '', '', 'eve@uni.no', '', ''],
      ['fa@uni.no', '', '', 'fa@uni.no', '', ''],
      ['wrong-type', '', '', '', '', String(totalOf('wrong-type'))],
    ]);
  });

  test("writes the plain gradebook with where each student stands and each exercise's points", () => {
    const by = (user: string) => gradebook.find((r) => r['github_username'] === user)!;
    expect(gradebook.map((r) => r['github_username'])).toEqual([
      '',
      'SOLUTION',
      'stub',
      'same-padding-offset',
      'type-error',
      'eve-without-results',
      '',
      'wrong-type',
    ]);
    expect(by('SOLUTION')).toMatchObject({
      identifier: 'ada@uni.no',
      name: 'Lovelace, Ada',
      total: String(totalOf('solution')),
      standing: 'graded',
      '03-mnist-mlp': '12',
    });
    expect(by('same-padding-offset')).toMatchObject({ standing: 'missing results: 03-mnist-mlp', '03-mnist-mlp': '' });
    expect(by('eve-without-results')).toMatchObject({ total: '', standing: 'no results' });
    expect(by('wrong-type')).toMatchObject({ identifier: '', standing: 'not on the roster', total: String(totalOf('wrong-type')) });
    expect(gradebook.find((r) => r['identifier'] === 'fa@uni.no')).toMatchObject({ standing: 'no GitHub account linked' });
  });

  test('a file that is not a roster export is refused with what was expected', async () => {
    await writeFile(path.join(work, 'not-a-roster.csv'), 'Student,ID\nAda,1\n');
    const refused = await runCli(['report', classDir, '--roster', path.join(work, 'not-a-roster.csv'), '--canvas', path.join(work, 'c2.csv')]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain(
      'to be GitHub Classroom\'s roster export, with the columns "identifier","github_username","github_id","name", but its first line is "Student,ID"',
    );
    const noRoster = await runCli(['report', classDir, '--canvas', path.join(work, 'c3.csv')]);
    expect(noRoster.exitCode).toBe(2);
    expect(noRoster.stderr).toContain('add --roster FILE');
  });
});
