/**
 * GitHub Classroom's autograding formats. A grading step's `result` output is the base64 of a JSON document
 * (version 1, status, max_score, tests[] with name, status, score, message, filename, line_no, duration),
 * which `classroom-resources/autograding-grading-reporter` reads from `<RUNNER>_RESULTS`. Without that
 * reporter, Classroom reads the points from two notices in the log: `Points X/Y` titled "Autograding
 * complete" and `{"totalPoints":X,"maxPoints":Y}` titled "Autograding report".
 *
 * The reporter adds up two numbers: the notices it prints sum each test's `score`, but its table (and its
 * "Total points for <runner>" line) gives a runner (passed tests / tests) x max_score, as if every test were
 * worth the same. So that both show the exercise's points, every test here is worth the same: a check worth
 * several units of points (the largest unit that divides every check's points) is carried as that many tests,
 * "(1/2)", "(2/2)", each passing or failing with the check. Checks worth no points (the static checks) are no
 * tests at all: they travel beside them, in `ungraded`, which the reporter does not read.
 */
import type { CheckResult, GradeResult } from '../core/result.ts';

export interface ClassroomTest {
  name: string;
  status: 'pass' | 'fail' | 'error';
  score: number;
  message: string;
  filename: string;
  line_no: number;
  duration: number;
}

export interface ClassroomResult {
  version: 1;
  status: 'pass' | 'fail' | 'error';
  max_score: number;
  tests: ClassroomTest[];
  /** The checks worth no points, with their outcome: shown to people, never counted as tests. */
  ungraded: Pick<ClassroomTest, 'name' | 'status' | 'message' | 'filename' | 'line_no'>[];
}

/** Points in thousandths, the precision of every score: whole numbers, so that a common unit can be found. */
const milli = (points: number) => Math.round(points * 1000);
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** The largest number of points that divides every check's points (1 for this lab's manifests). */
export function pointUnit(checks: CheckResult[]): number {
  const units = checks.filter((c) => c.maxPoints > 0).map((c) => milli(c.maxPoints));
  return units.length ? units.reduce(gcd) / 1000 : 1;
}

/** One exercise's result in the reporter's format: equal tests per check, its file relative to the repository. */
export function classroomResult(result: GradeResult): ClassroomResult {
  const unit = pointUnit(result.checks);
  const where = (check: CheckResult) => ({ filename: check.file ? `exercises/${result.exercise.id}/src/${check.file}` : '', line_no: check.line ?? 0 });
  const tests = result.checks
    .filter((check) => check.maxPoints > 0)
    .flatMap((check) => {
      const count = Math.round(milli(check.maxPoints) / milli(unit));
      const name = `${result.exercise.id} · ${check.title}`;
      return Array.from({ length: count }, (_, i) => ({
        name: count > 1 ? `${name} (${i + 1}/${count})` : name,
        status: check.status,
        score: check.status === 'pass' ? unit : 0,
        message: check.message,
        ...where(check),
        duration: i === 0 ? Math.round(check.durationMs) : 0,
      }));
    });
  return {
    version: 1,
    status: result.status,
    max_score: result.maxScore,
    tests,
    ungraded: result.checks
      .filter((check) => check.maxPoints === 0)
      .map((check) => ({ name: `${result.exercise.id} · ${check.title}`, status: check.status, message: check.message, ...where(check) })),
  };
}

/** The value of a grading step's `result` output. */
export function encodeClassroomResult(result: GradeResult): string {
  return Buffer.from(JSON.stringify(classroomResult(result)), 'utf8').toString('base64');
}

/** Total points over every graded exercise. */
export function classroomPoints(results: GradeResult[]): { total: number; max: number } {
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return { total: round(results.reduce((sum, r) => sum + r.score, 0)), max: round(results.reduce((sum, r) => sum + r.maxScore, 0)) };
}

/** The two notices GitHub Classroom reads the points from, as workflow commands (one per line). */
export function classroomNotices(results: GradeResult[]): string {
  const { total, max } = classroomPoints(results);
  return `${[
    `::notice title=Autograding complete::Points ${total}/${max}`,
    `::notice title=Autograding report::${JSON.stringify({ totalPoints: total, maxPoints: max })}`,
  ].join('\n')}\n`;
}

/**
 * Step outputs for the grading reporter: `result-<slug>` for each exercise, and `result` too when one
 * exercise was graded (the name the reporter's examples use). Written to the file GitHub Actions names in
 * GITHUB_OUTPUT, in its multi-line-safe form; nothing is written outside GitHub Actions.
 */
export function classroomOutputs(results: GradeResult[]): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const result of results) outputs[`result-${result.exercise.id}`] = encodeClassroomResult(result);
  if (results.length === 1) outputs['result'] = encodeClassroomResult(results[0]!);
  return outputs;
}
