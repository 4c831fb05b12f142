/**
 * GitHub Classroom's roster export (`classroom_roster.csv`, the Students tab's download): one row per student
 * with `identifier` (what the instructor entered or the LMS gave: a name, a student number, an e-mail),
 * `github_username` (empty until the student accepts an assignment and links an account), `github_id` and
 * `name`. Joined with the class report's students, who are the folders of a regrade (GitHub usernames, as
 * regrade.yml names them): GitHub usernames are compared without regard to case, as GitHub does.
 */
import { readFileSync } from 'node:fs';
import { parseCsv } from './csv.ts';
import { LabgradeError, UsageError } from '../../core/errors.ts';
import { localized } from '../../core/i18n.ts';
import type { StudentResult } from './report.ts';

export interface RosterEntry {
  identifier: string;
  githubUsername: string;
  githubId: string;
  name: string;
}

const COLUMNS = ['identifier', 'github_username', 'github_id', 'name'] as const;

/** Reads a roster export; a file without its columns is an error naming what was found. */
export function readRoster(file: string): { entries: RosterEntry[]; warnings: string[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(localized('usage.roster-unreadable', { file, reason: (error as Error).message }));
  }
  const [header, ...rows] = parseCsv(text);
  const at = Object.fromEntries(COLUMNS.map((c) => [c, header?.findIndex((h) => h.trim().toLowerCase() === c) ?? -1])) as Record<
    (typeof COLUMNS)[number],
    number
  >;
  if (at.identifier < 0 || at.github_username < 0) {
    throw new LabgradeError(
      'LABGRADE_ROSTER_INVALID',
      `Expected ${file} to be GitHub Classroom's roster export, with the columns ${COLUMNS.map((c) => `"${c}"`).join(',')}, but its first line is ${JSON.stringify((header ?? []).join(','))}. Download the roster again from the classroom's Students tab.`,
    );
  }
  const warnings: string[] = [];
  const seen = new Map<string, number>();
  const entries: RosterEntry[] = [];
  rows.forEach((row, i) => {
    const cell = (c: (typeof COLUMNS)[number]) => (at[c] >= 0 ? (row[at[c]] ?? '').trim() : '');
    const entry = { identifier: cell('identifier'), githubUsername: cell('github_username'), githubId: cell('github_id'), name: cell('name') };
    const key = entry.githubUsername.toLowerCase();
    if (key && seen.has(key)) {
      warnings.push(`${file}, line ${i + 2}: the GitHub username ${entry.githubUsername} is already on line ${seen.get(key)! + 2}; the first is used.`);
      return;
    }
    if (key) seen.set(key, i);
    entries.push(entry);
  });
  return { entries, warnings };
}

/** A student of the joined class: a roster entry, the results of a student folder, or both. */
export interface JoinedStudent {
  /** The roster's row, when the student is on the roster. */
  roster?: RosterEntry;
  /** The student folder of the results (a GitHub username), when there are results. */
  student?: string;
  results: StudentResult[];
}

/** Every roster entry and every student with results, joined on the GitHub username; none left out. */
export function joinRoster(entries: RosterEntry[], results: StudentResult[]): JoinedStudent[] {
  const byStudent = new Map<string, StudentResult[]>();
  for (const r of results) byStudent.set(r.student, [...(byStudent.get(r.student) ?? []), r]);
  const folders = new Map([...byStudent.keys()].map((s) => [s.toLowerCase(), s]));
  const joined: JoinedStudent[] = [];
  const matched = new Set<string>();
  for (const roster of entries) {
    const student = roster.githubUsername ? folders.get(roster.githubUsername.toLowerCase()) : undefined;
    if (student) matched.add(student);
    joined.push({ roster, ...(student ? { student } : {}), results: student ? byStudent.get(student)! : [] });
  }
  for (const [student, mine] of [...byStudent].sort(([a], [b]) => a.localeCompare(b))) {
    if (!matched.has(student)) joined.push({ student, results: mine });
  }
  return joined;
}
