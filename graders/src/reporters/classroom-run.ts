/**
 * `--format classroom`, for GitHub Classroom's workflow. After each exercise's text report (printed by the
 * CLI), the two notices Classroom reads the points from, over every exercise graded or reused (left out with
 * `--no-notices`, when the grading reporter action prints them instead). Under GitHub Actions also a
 * `result-<slug>` output per exercise for the grading reporter, the job summary (the total, which exercises
 * were graded on this push and which reused, then each exercise's report), and error annotations on the
 * student's own lines: the 10 that matter most, the rest listed in the summary.
 */
import type { GradeResult } from '../core/result.ts';
import { capAnnotations } from './annotations.ts';
import { classroomNotices, classroomOutputs } from './classroom.ts';
import { renderClassroomSummary } from './classroom-summary.ts';

export interface ClassroomRunOptions {
  /** The exercises whose earlier result was reused rather than graded now, by id. */
  reused: ReadonlySet<string>;
  /** Print the two notices. @default true */
  notices?: boolean;
  /** Where the notices go. @default process.stdout */
  write?: (text: string) => void;
}

export async function reportToClassroom(results: GradeResult[], options: ClassroomRunOptions): Promise<void> {
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  if (process.env['GITHUB_ACTIONS'] === 'true') {
    const core = await import('@actions/core');
    for (const [name, value] of Object.entries(classroomOutputs(results))) core.setOutput(name, value);
    const { shown, rest } = capAnnotations(results);
    for (const a of shown) core.error(a.message, { title: a.title, file: a.file, ...(a.line ? { startLine: a.line } : {}) });
    if (process.env['GITHUB_STEP_SUMMARY']) await core.summary.addRaw(renderClassroomSummary(results, { reused: options.reused, moreNotes: rest }), true).write();
  }
  if (options.notices ?? true) write(classroomNotices(results));
}
