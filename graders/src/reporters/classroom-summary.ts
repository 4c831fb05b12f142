/**
 * The job summary of a Classroom grading run: the total over every exercise (the number the notices and
 * the grading reporter give), a row per exercise saying whether it was graded on this push or its earlier
 * result reused, the notes on the student's lines that did not fit GitHub's 10 annotations, then each
 * exercise's own markdown report.
 */
import { msg } from '../core/i18n.ts';
import type { GradeResult } from '../core/result.ts';
import { neutralizeWorkflowCommands } from '../core/safe-text.ts';
import type { Annotation } from './annotations.ts';
import { classroomPoints } from './classroom.ts';
import { renderMarkdown } from './markdown.ts';

export interface ClassroomSummaryOptions {
  /** The exercises whose earlier result was reused, by id. */
  reused: ReadonlySet<string>;
  /** Annotations left out of the 10 that GitHub shows. */
  moreNotes: Annotation[];
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function renderClassroomSummary(results: GradeResult[], options: ClassroomSummaryOptions): string {
  const language = results[0]?.language ?? 'en';
  const { total, max } = classroomPoints(results);
  const graded = results.filter((r) => !options.reused.has(r.exercise.id));
  const reused = results.filter((r) => options.reused.has(r.exercise.id));
  const names = (list: GradeResult[]) => (list.length ? list.map((r) => `\`${r.exercise.id}\``).join(', ') : msg('classroom.none', language));
  const lines = [
    msg('classroom.heading', language, { total, max }),
    '',
    msg('classroom.table-head', language),
    '|---|---|---|',
    ...results.map((r) => {
      const when = options.reused.has(r.exercise.id)
        ? msg('classroom.reused', language, { when: r.startedAt.slice(0, 16).replace('T', ' ') })
        : msg('classroom.graded', language, { seconds: (r.timing.totalMs / 1000).toFixed(1) });
      return `| \`${r.exercise.id}\` | ${r.score}/${r.maxScore} | ${when} |`;
    }),
    '',
    msg('classroom.graded-now', language, { graded: names(graded), reused: names(reused) }),
    '',
  ];
  if (options.moreNotes.length) {
    lines.push(
      msg('classroom.more-notes', language),
      '',
      ...options.moreNotes.map((a) => `- \`${a.file}${a.line ? `:${a.line}` : ''}\` ${cell(a.title)}: ${cell(a.message)}`),
      '',
    );
  }
  return `${neutralizeWorkflowCommands(lines.join('\n'))}\n${results.map(renderMarkdown).join('\n')}`;
}
