/**
 * `--format classroom`, for GitHub Classroom's workflow. Each exercise's text report as it is graded; at the
 * end the two notices Classroom reads the points from, over every exercise graded or reused (left out with
 * `--no-notices`, when the grading reporter action prints them instead). Under GitHub Actions also a
 * `result-<slug>` output per exercise for the grading reporter, the job summary (the total, which exercises
 * were graded on this push and which reused, then each exercise's report), and error annotations on the
 * student's own lines: the 10 that matter most, the rest listed in the summary.
 */
import type { GradeResult } from '../core/result.ts';
import { capAnnotations } from './annotations.ts';
import { classroomNotices, classroomOutputs } from './classroom.ts';
import { renderClassroomSummary } from './classroom-summary.ts';
import type { Reporter, RunContext } from './reporter.ts';
import { renderText } from './text.ts';

export interface ClassroomRunOptions {
  /** The exercises whose earlier result was reused rather than graded now, by id. */
  reused: ReadonlySet<string>;
  /** Print the two notices. @default true */
  notices?: boolean;
  /** Where the notices go. @default process.stdout */
  write?: (text: string) => void;
}

/** The outputs, annotations and job summary under GitHub Actions; nothing elsewhere. */
async function reportToGitHubActions(results: GradeResult[], reused: ReadonlySet<string>): Promise<void> {
  if (process.env['GITHUB_ACTIONS'] !== 'true') return;
  // Loaded here, not at the top: only a run under GitHub Actions needs it.
  const core = await import('@actions/core');
  for (const [name, value] of Object.entries(classroomOutputs(results))) core.setOutput(name, value);
  const { shown, rest } = capAnnotations(results);
  for (const a of shown) core.error(a.message, { title: a.title, file: a.file, ...(a.line ? { startLine: a.line } : {}) });
  if (process.env['GITHUB_STEP_SUMMARY']) await core.summary.addRaw(renderClassroomSummary(results, { reused, moreNotes: rest }), true).write();
}

export async function reportToClassroom(results: GradeResult[], options: ClassroomRunOptions): Promise<void> {
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  await reportToGitHubActions(results, options.reused);
  if (options.notices ?? true) write(classroomNotices(results));
}

export const classroomReporter: Reporter = {
  name: 'classroom',
  options: ['no-notices'],
  onResult: (result) => renderText(result),
  onEnd: (results: GradeResult[], context: RunContext) =>
    reportToClassroom(results, { reused: context.reused, notices: context.notices, write: context.write }),
};
