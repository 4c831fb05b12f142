/**
 * Error annotations on the student's own lines, for GitHub Actions. GitHub shows at most 10 error
 * annotations per step, so only the 10 that matter most are sent: the checks that lose the most points
 * first, then those that could not run before those that ran and failed, then in the order of the report.
 * The rest are listed in the job summary, so that none is lost.
 */
import type { GradeResult } from '../core/result.ts';

/** GitHub's limit on error annotations shown per step. */
export const MAX_ANNOTATIONS = 10;

export interface Annotation {
  exercise: string;
  title: string;
  message: string;
  /** The student's file, relative to the repository. */
  file: string;
  line?: number;
  points: number;
  status: 'fail' | 'error';
}

/** Every check that did not pass and points to a line of the student's, the ones that matter most first. */
export function rankAnnotations(results: GradeResult[]): Annotation[] {
  const all = results.flatMap((result) =>
    result.checks.flatMap((check) =>
      check.status !== 'pass' && check.file
        ? [
            {
              exercise: result.exercise.id,
              title: `${result.exercise.id} · ${check.title}`,
              message: check.message,
              file: `exercises/${result.exercise.id}/src/${check.file}`,
              ...(check.line ? { line: check.line } : {}),
              points: check.maxPoints,
              status: check.status,
            },
          ]
        : [],
    ),
  );
  // Array.prototype.sort is stable: within a rank, the report's own order.
  return all.sort((a, b) => b.points - a.points || (a.status === b.status ? 0 : a.status === 'error' ? -1 : 1));
}

/** The annotations to send (at most 10), and the rest, for the job summary. */
export function capAnnotations(results: GradeResult[]): { shown: Annotation[]; rest: Annotation[] } {
  const ranked = rankAnnotations(results);
  return { shown: ranked.slice(0, MAX_ANNOTATIONS), rest: ranked.slice(MAX_ANNOTATIONS) };
}
