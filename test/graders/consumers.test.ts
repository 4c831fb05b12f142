/**
 * Every consumer of a result shows the same points: GitHub Classroom's grading reporter (its table, its
 * notices), the notices of `--format classroom`, the job summary, Gradescope's results.json and the class
 * report. Here on the real result files of a class of five; every golden submission's result is checked the
 * same way where it is graded (test/helpers/grade.ts, expectGolden). With LABGRADE_CLASSROOM_REPORTER set
 * to a checkout of the reporter action, its own code prints the table and the notices.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { GradeResult } from '../../graders/src/core/result.ts';
import { classroomResult, encodeClassroomResult } from '../../graders/src/reporters/classroom.ts';
import { reporterCheckout, runClassroomReporter } from '../helpers/classroom-reporter.ts';
import { expectConsumersAgree } from '../helpers/consumers.ts';
import { repoRoot } from '../helpers/grade.ts';

const classDir = path.join(repoRoot, 'test', 'fixtures', 'results', 'class');
const files = readdirSync(classDir)
  .flatMap((student) => readdirSync(path.join(classDir, student)).map((f) => path.join(student, f)))
  .sort();
const read = (file: string) => GradeResult.parse(JSON.parse(readFileSync(path.join(classDir, file), 'utf8')));

describe(`every consumer shows the same points (reporter: ${reporterCheckout() ? "the action's own code" : 'its arithmetic'})`, () => {
  test.for(files)('%s', (file) => {
    expectConsumersAgree(read(file));
  });

  test("an untouched stub shows 0 in the reporter's table, not the share of static checks that passed", () => {
    const stub = read('stub/00a-cnn-basics.result.json');
    expect(stub.checks.filter((c) => c.maxPoints === 0 && c.status === 'pass').length).toBeGreaterThan(0);
    const table = runClassroomReporter([{ id: 'ex00a', encoded: encodeClassroomResult(stub) }]);
    expect(table.rows[0]).toEqual({ score: '0', max: '10' });
    expect(classroomResult(stub).tests.every((t) => t.score === 0)).toBe(true);
    expect(classroomResult(stub).ungraded.map((t) => t.name)).toEqual(stub.checks.filter((c) => c.maxPoints === 0).map((c) => `00a-cnn-basics · ${c.title}`));
  });

  test('a check worth 2 points is two equal tests, so the table gives partial credit its points', () => {
    const partial = read('same-padding-offset/00a-cnn-basics.result.json');
    const tests = classroomResult(partial).tests;
    expect(tests).toHaveLength(partial.maxScore);
    expect(new Set(tests.map((t) => t.score).filter((s) => s > 0))).toEqual(new Set([1]));
    const twoPoint = partial.checks.find((c) => c.maxPoints === 2)!;
    expect(tests.filter((t) => t.name.startsWith(`00a-cnn-basics · ${twoPoint.title} (`)).map((t) => t.name.slice(-5))).toEqual(['(1/2)', '(2/2)']);
    const all = runClassroomReporter(files.map((f, i) => ({ id: `r${i}`, encoded: encodeClassroomResult(read(f)) })));
    const total = files.reduce((sum, f) => sum + read(f).score, 0);
    expect(all.total.score).toBe(String(total));
    expect(all.notices[0]).toBe(`::notice title=Autograding complete::Points ${total}/${files.reduce((sum, f) => sum + read(f).maxScore, 0)}`);
  });
});
