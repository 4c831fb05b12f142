/**
 * GitHub Classroom's autograding formats. A grading step's `result` output is the base64 of a JSON document
 * (version 1, status, max_score, tests[] with name, status, score, message, filename, line_no, duration),
 * which `classroom-resources/autograding-grading-reporter` reads from `<RUNNER>_RESULTS` and totals. Without
 * that reporter, Classroom reads the points from two notices in the log: `Points X/Y` titled "Autograding
 * complete" and `{"totalPoints":X,"maxPoints":Y}` titled "Autograding report".
 */
import type { GradeResult } from '../result.ts';

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
}

/** One exercise's result in the reporter's format: one test per check, its file relative to the repository. */
export function classroomResult(result: GradeResult): ClassroomResult {
  return {
    version: 1,
    status: result.status,
    max_score: result.maxScore,
    tests: result.checks.map((check) => ({
      name: `${result.exercise.id} · ${check.title}`,
      status: check.status,
      score: check.points,
      message: check.message,
      filename: check.file ? `exercises/${result.exercise.id}/src/${check.file}` : '',
      line_no: check.line ?? 0,
      duration: Math.round(check.durationMs),
    })),
  };
}

/** The value of a grading step's `result` output. */
export function encodeClassroomResult(result: GradeResult): string {
  return Buffer.from(JSON.stringify(classroomResult(result)), 'utf8').toString('base64');
}

/** Total points over every graded exercise. */
export function classroomPoints(results: GradeResult[]): { total: number; max: number } {
  return { total: results.reduce((sum, r) => sum + r.score, 0), max: results.reduce((sum, r) => sum + r.maxScore, 0) };
}

/** The two notices GitHub Classroom reads the points from, as workflow commands (one per line). */
export function classroomNotices(results: GradeResult[]): string {
  const { total, max } = classroomPoints(results);
  return [
    `::notice title=Autograding complete::Points ${total}/${max}`,
    `::notice title=Autograding report::${JSON.stringify({ totalPoints: total, maxPoints: max })}`,
  ].join('\n') + '\n';
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
