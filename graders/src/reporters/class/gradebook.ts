/**
 * Grades into the LMS: the class's results joined with GitHub Classroom's roster (roster.ts), as a gradebook
 * CSV that Canvas imports (Grades, Import) and as a plain CSV for any other system or spreadsheet.
 *
 * Canvas's importer (GradebookImporter) reads a header whose first columns are `Student`, `ID`, then
 * `SIS User ID` and `SIS Login ID`, then `Section`; every column after those is an assignment (a new title
 * makes a new assignment); a row starting `Points Possible` gives the assignments' points. A student is
 * found by Canvas user ID, else SIS User ID, else SIS Login ID, else name; a student it cannot find is listed
 * on its import page to be matched by hand. So the roster's identifier goes in the SIS column it is
 * (`--canvas-id`), every student with results but no roster entry is a row under their GitHub username, and a
 * student on the roster without results gets an empty cell, which Canvas leaves as it was.
 */
import { renderCsvRows } from './csv.ts';
import type { JoinedStudent } from './roster.ts';

/** The Canvas column the roster's identifier fills. */
export const CANVAS_ID_COLUMNS = ['sis-login-id', 'sis-user-id', 'name'] as const;
export type CanvasIdColumn = (typeof CANVAS_ID_COLUMNS)[number];

export interface GradebookOptions {
  /** The Canvas assignment the total goes to (made by the import when Canvas has none of that title). @default 'Lab 2 (labgrade)' */
  assignment?: string;
  /** Which Canvas column holds the roster's identifier. @default 'sis-login-id' */
  canvasId?: CanvasIdColumn;
}

/** The exercises of the class (sorted) and each one's maximum. */
function exercisesOf(students: JoinedStudent[]): Map<string, number> {
  const max = new Map<string, number>();
  for (const s of students) for (const { result } of s.results) max.set(result.exercise.id, Math.max(max.get(result.exercise.id) ?? 0, result.maxScore));
  return new Map([...max].sort(([a], [b]) => a.localeCompare(b)));
}

const round = (value: number) => Math.round(value * 1000) / 1000;
const total = (s: JoinedStudent) => round(s.results.reduce((sum, r) => sum + r.result.score, 0));

/** Where a student stands in the join: graded, without results, or with results but not on the roster. */
export function standing(s: JoinedStudent, exercises: Map<string, number>): string {
  if (!s.roster) return 'not on the roster';
  if (!s.results.length) return s.roster.githubUsername ? 'no results' : 'no GitHub account linked';
  const missing = [...exercises.keys()].filter((id) => !s.results.some((r) => r.result.exercise.id === id));
  return missing.length ? `missing results: ${missing.join(' ')}` : 'graded';
}

/** The gradebook CSV for Canvas's import: one assignment, the total over every exercise. */
export function renderCanvasCsv(students: JoinedStudent[], options: GradebookOptions = {}): string {
  const exercises = exercisesOf(students);
  const max = round([...exercises.values()].reduce((a, b) => a + b, 0));
  const column = options.canvasId ?? 'sis-login-id';
  const rows: (string | number)[][] = [
    ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', options.assignment ?? 'Lab 2 (labgrade)'],
    ['Points Possible', '', '', '', '', max],
  ];
  for (const s of students) {
    const identifier = s.roster?.identifier ?? '';
    const name = column === 'name' ? identifier || s.roster?.name || s.student! : s.roster?.name || identifier || s.student!;
    rows.push([name, '', column === 'sis-user-id' ? identifier : '', column === 'sis-login-id' ? identifier : '', '', s.results.length ? total(s) : '']);
  }
  return renderCsvRows(rows);
}

/** The plain gradebook: one row per student of the roster or the results, with where each stands. */
export function renderGradebookCsv(students: JoinedStudent[]): string {
  const exercises = exercisesOf(students);
  const rows: (string | number)[][] = [['identifier', 'github_username', 'name', 'total', 'max', 'standing', ...[...exercises.keys()]]];
  rows.push(['', '', 'points possible', round([...exercises.values()].reduce((a, b) => a + b, 0)), '', '', ...exercises.values()]);
  for (const s of students) {
    rows.push([
      s.roster?.identifier ?? '',
      s.roster?.githubUsername || s.student || '',
      s.roster?.name ?? '',
      s.results.length ? total(s) : '',
      s.results.length ? round([...exercises.values()].reduce((a, b) => a + b, 0)) : '',
      standing(s, exercises),
      ...[...exercises.keys()].map((id) => s.results.find((r) => r.result.exercise.id === id)?.result.score ?? ''),
    ]);
  }
  return renderCsvRows(rows);
}

/** Lines for the terminal: who is on the roster without results, and who has results but no roster entry. */
export function rosterFindings(students: JoinedStudent[]): string[] {
  const exercises = exercisesOf(students);
  const who = (s: JoinedStudent) => [s.roster?.identifier, s.roster?.githubUsername || s.student].filter(Boolean).join(' / ');
  const without = students.filter((s) => s.roster && !s.results.length);
  const unknown = students.filter((s) => !s.roster);
  const partial = students.filter((s) => s.roster && s.results.length && standing(s, exercises) !== 'graded');
  const lines = [`Roster: ${students.filter((s) => s.roster).length} students, ${students.filter((s) => s.roster && s.results.length).length} with results.`];
  if (without.length)
    lines.push(
      `On the roster without results (${without.length}; their grade cells are left empty): ${without.map((s) => `${who(s)}${s.roster!.githubUsername ? '' : ' (no GitHub account linked)'}`).join(', ')}.`,
    );
  if (unknown.length)
    lines.push(
      `With results but not on the roster (${unknown.length}; their rows carry the GitHub username, for Canvas's import page to match by hand): ${unknown.map(who).join(', ')}.`,
    );
  if (partial.length)
    lines.push(`With some exercises not graded (${partial.length}): ${partial.map((s) => `${who(s)} (${standing(s, exercises)})`).join(', ')}.`);
  return lines;
}
