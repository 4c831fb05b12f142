/**
 * The job summary of a Classroom grading run: the total over every exercise (the number the notices and
 * the grading reporter give), a row per exercise saying whether it was graded on this push or its earlier
 * result reused, the notes on the student's lines that did not fit GitHub's 10 annotations, then each
 * exercise's own markdown report.
 */
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
  const nb = results[0]?.language === 'nb';
  const { total, max } = classroomPoints(results);
  const graded = results.filter((r) => !options.reused.has(r.exercise.id));
  const reused = results.filter((r) => options.reused.has(r.exercise.id));
  const names = (list: GradeResult[]) => (list.length ? list.map((r) => `\`${r.exercise.id}\``).join(', ') : nb ? 'ingen' : 'none');
  const lines = [
    `## ${nb ? 'Automatisk retting' : 'Autograding'}: ${total}/${max} ${nb ? 'poeng' : 'points'}`,
    '',
    nb ? '| Oppgave | Poeng | Ved denne pushen |' : '| Exercise | Points | On this push |',
    '|---|---|---|',
    ...results.map((r) => {
      const when = options.reused.has(r.exercise.id)
        ? nb
          ? `gjenbrukt: uendret siden retting ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC`
          : `reused: unchanged since graded ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC`
        : `${nb ? 'rettet' : 'graded'} (${(r.timing.totalMs / 1000).toFixed(1)} s)`;
      return `| \`${r.exercise.id}\` | ${r.score}/${r.maxScore} | ${when} |`;
    }),
    '',
    nb
      ? `Rettet nå: ${names(graded)}. Gjenbrukt (filene dine, oppgaven, de skjulte testene, frøet, backend og retteprogrammet er uendret): ${names(reused)}.`
      : `Graded now: ${names(graded)}. Reused (your files, the exercise, its hidden tests, seed, backend and grader unchanged): ${names(reused)}.`,
    '',
  ];
  if (options.moreNotes.length) {
    lines.push(
      nb
        ? "### Flere merknader på linjene dine (GitHub viser 10 i koden)"
        : `### More notes on your lines (GitHub shows 10 in the code)`,
      '',
      ...options.moreNotes.map((a) => `- \`${a.file}${a.line ? `:${a.line}` : ''}\` ${cell(a.title)}: ${cell(a.message)}`),
      '',
    );
  }
  return neutralizeWorkflowCommands(lines.join('\n')) + '\n' + results.map(renderMarkdown).join('\n');
}
