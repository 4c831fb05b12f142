/**
 * Every consumer of a result shows the same number: GitHub Classroom's grading reporter (its table and its
 * notices, run on the step output), the notices `--format classroom` prints, the job summary, Gradescope's
 * results.json and the class report's CSV. Called on every golden submission's result.
 */
import { expect } from 'vitest';
import { renderCsv } from '../../graders/src/reporters/class/report.ts';
import type { GradeResult } from '../../graders/src/core/result.ts';
import { classroomNotices, encodeClassroomResult } from '../../graders/src/reporters/classroom.ts';
import { renderClassroomSummary } from '../../graders/src/reporters/classroom-summary.ts';
import { GradescopeResults, toGradescope } from '../../graders/src/reporters/gradescope.ts';
import { runClassroomReporter } from './classroom-reporter.ts';
import { parseCsv } from './csv.ts';

/** What each consumer shows as the exercise's points, for a result. */
export function pointsShown(result: GradeResult): Record<string, string> {
  const reporter = runClassroomReporter([{ id: 'ex', encoded: encodeClassroomResult(result) }]);
  const notices = classroomNotices([result]);
  const summary = renderClassroomSummary([result], { reused: new Set(), moreNotes: [] });
  const gradescope = GradescopeResults.parse(toGradescope([result]));
  const csv = parseCsv(renderCsv([{ student: 'student', file: 'x.result.json', result }]));
  const header = csv[0]!;
  const row = csv[1]!;
  return {
    'reporter table': `${reporter.rows[0]!.score}/${reporter.rows[0]!.max}`,
    'reporter table total': `${reporter.total.score}/${reporter.total.max}`,
    'reporter notice': /Points (\S+)/.exec(reporter.notices[0] ?? '')?.[1] ?? '(none)',
    'labgrade notice': /Points (\S+)/.exec(notices)?.[1] ?? '(none)',
    'job summary': /^## Autograding: (\S+) points$/m.exec(summary)?.[1] ?? '(none)',
    'Gradescope total': `${gradescope.score}/${gradescope.tests.reduce((sum, t) => sum + t.max_score, 0)}`,
    'Gradescope tests': `${Math.round(gradescope.tests.reduce((sum, t) => sum + t.score, 0) * 1000) / 1000}/${result.maxScore}`,
    'class report CSV': `${row[header.indexOf('total')]}/${row[header.indexOf('max')]}`,
  };
}

/** Expects every consumer to show the result's own score, and no test without points anywhere. */
export function expectConsumersAgree(result: GradeResult): void {
  const expected = `${result.score}/${result.maxScore}`;
  const shown = pointsShown(result);
  expect(shown, `${result.exercise.id}: the points each consumer shows`).toEqual(Object.fromEntries(Object.keys(shown).map((k) => [k, expected])));
  const gradescope = toGradescope([result]);
  expect(
    gradescope.tests.filter((t) => t.max_score === 0),
    'Gradescope tests without points',
  ).toEqual([]);
}
