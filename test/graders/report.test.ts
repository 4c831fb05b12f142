/**
 * The instructor's class report and GitHub Classroom's formats, on real result files: a class of five
 * (reference solution, untouched stub, three partial submissions of 00a, two of them also graded on 03)
 * kept in test/fixtures/results/class as the grader wrote them, and one real grading with
 * `--format classroom` under a GitHub Actions environment.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { classroomNotices, classroomResult, encodeClassroomResult } from '../../graders/src/reporters/classroom.ts';
import { GradeResult } from '../../graders/src/core/result.ts';
import { parseCsv } from '../helpers/csv.ts';
import { grade, repoRoot, runCli } from '../helpers/grade.ts';

vi.setConfig({ testTimeout: 600_000 });

const classDir = path.join(repoRoot, 'test', 'fixtures', 'results', 'class');
const read = (file: string) => GradeResult.parse(JSON.parse(readFileSync(file, 'utf8')));
const students = readdirSync(classDir).sort();
const resultsOf = (student: string) =>
  readdirSync(path.join(classDir, student))
    .sort()
    .map((name) => read(path.join(classDir, student, name)));

describe('labgrade report', () => {
  test('writes one CSV row per student whose totals and check points equal their result files, and a summary', async () => {
    const csv = path.join(await mkdtemp(path.join(os.tmpdir(), 'labgrade-report-')), 'grades.csv');
    const run = await runCli(['report', classDir, '--csv', csv]);
    expect(run.exitCode, run.stderr).toBe(0);
    const [header, ...rows] = parseCsv(await readFile(csv, 'utf8'));
    expect(rows.map((r) => r[0])).toEqual(students);
    for (const row of rows) {
      const results = resultsOf(row[0]!);
      const cell = (name: string) => row[header!.indexOf(name)];
      expect(Number(cell('total'))).toBe(results.reduce((s, r) => s + r.score, 0));
      expect(Number(cell('max'))).toBe(results.reduce((s, r) => s + r.maxScore, 0));
      for (const result of results) {
        expect(Number(cell(result.exercise.id))).toBe(result.score);
        expect(cell(`${result.exercise.id} status`)).toBe(result.status);
        for (const check of result.checks) expect(Number(cell(`${result.exercise.id} ${check.id}`)), check.id).toBe(check.points);
      }
      // An exercise a student has no result for stays empty, never 0.
      if (results.length === 1) expect(cell('03-mnist-mlp')).toBe('');
    }
    expect(run.stdout).toContain('7 results of 5 students.');
    expect(run.stdout).toMatch(/00a-cnn-basics: 5 results, mean 5\.4\/10, median 5, range 0-10/);
    // The checks most students miss come first.
    const lines = run.stdout.split('\n');
    const first = lines.findIndex((l) => l.startsWith('00a-cnn-basics:')) + 1;
    const rates = lines.slice(first, first + 9).map((l) => Number(/\((\d+)%\)/.exec(l)![1]));
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
  });

  test('names a file that is not a result, and a folder without any, with what to do', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'labgrade-report-'));
    await writeFile(path.join(dir, 'x.result.json'), JSON.stringify({ schemaVersion: 1, score: 'ten' }));
    const bad = await runCli(['report', dir]);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain(`Expected ${path.join(dir, 'x.result.json')} to be a labgrade result`);
    const empty = await runCli(['report', await mkdtemp(path.join(os.tmpdir(), 'labgrade-report-'))]);
    expect(empty.exitCode).toBe(2);
    expect(empty.stderr).toContain('but found none. Grade first');
  });
});

describe('GitHub Classroom', () => {
  const partial = read(path.join(classDir, 'same-padding-offset', '00a-cnn-basics.result.json'));

  test("the result output is base64 of the reporter's JSON, with its fields in its order", () => {
    const json = Buffer.from(encodeClassroomResult(partial), 'base64').toString('utf8');
    // The first check worth points; every test is worth one point here (the unit of 00a's checks).
    const check = partial.checks.find((c) => c.maxPoints > 0)!;
    const name = `00a-cnn-basics · ${check.title}${check.maxPoints > 1 ? ` (1/${check.maxPoints})` : ''}`;
    expect(
      json.startsWith(
        `{"version":1,"status":"fail","max_score":10,"tests":[{"name":"${name}","status":"${check.status}","score":${check.status === 'pass' ? 1 : 0},"message":${JSON.stringify(check.message)},"filename":"","line_no":0,"duration":${Math.round(check.durationMs)}}`,
      ),
    ).toBe(true);
    const parsed = classroomResult(partial);
    expect(parsed.tests.map((t) => t.score).reduce((a, b) => a + b, 0)).toBe(partial.score);
    const located = parsed.tests.find((t) => t.line_no > 0);
    if (located) expect(located.filename).toMatch(/^exercises\/00a-cnn-basics\/src\//);
  });

  test('the notices Classroom reads the points from match its own byte for byte', () => {
    const all = students.flatMap(resultsOf);
    const total = all.reduce((s, r) => s + r.score, 0);
    const max = all.reduce((s, r) => s + r.maxScore, 0);
    expect(classroomNotices(all)).toBe(
      `::notice title=Autograding complete::Points ${total}/${max}\n::notice title=Autograding report::{"totalPoints":${total},"maxPoints":${max}}\n`,
    );
  });

  test("--format classroom under GitHub Actions sets a result output, writes the job summary and annotates the student's lines", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'labgrade-actions-'));
    const env = { GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: path.join(dir, 'output'), GITHUB_STEP_SUMMARY: path.join(dir, 'summary') };
    await writeFile(env.GITHUB_OUTPUT, '');
    await writeFile(env.GITHUB_STEP_SUMMARY, '');
    const run = await grade('00a-cnn-basics', { extra: ['--format', 'classroom'], env });
    expect(run.exitCode, run.stderr).toBe(0);
    const result = run.result!;
    // (The helper drops stdout's final line break.)
    expect(run.stdout.endsWith(`::notice title=Autograding complete::Points 0/12\n::notice title=Autograding report::{"totalPoints":0,"maxPoints":12}`)).toBe(
      true,
    );

    // GITHUB_OUTPUT holds name<<delimiter / value / delimiter blocks.
    const outputs = new Map<string, string>();
    const text = await readFile(env.GITHUB_OUTPUT, 'utf8');
    for (const match of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) outputs.set(match[1]!, match[3]!);
    expect([...outputs.keys()].sort()).toEqual(['result', 'result-00a-cnn-basics']);
    expect(JSON.parse(Buffer.from(outputs.get('result')!, 'base64').toString('utf8'))).toEqual(classroomResult(result));

    expect(await readFile(env.GITHUB_STEP_SUMMARY, 'utf8')).toContain('00a-cnn-basics');
    // One error annotation per check that points at a line of the student's file.
    const annotations = run.stdout.split('\n').filter((l) => l.startsWith('::error '));
    const located = result.checks.filter((c) => c.status !== 'pass' && c.file);
    expect(annotations).toHaveLength(located.length);
    for (const line of annotations)
      expect(line).toMatch(/^::error title=00a-cnn-basics · .*,file=exercises\/00a-cnn-basics\/src\/(cnn-basics|answers)\.ts,line=\d+::/);
    // An unanswered concept question is noted on its own line of src/answers.ts.
    expect(annotations.filter((l) => l.includes('file=exercises/00a-cnn-basics/src/answers.ts,line='))).toHaveLength(2);
  });
});
