/**
 * The class report (`labgrade report <results...>`): result files of many students and exercises, read and
 * validated, as a CSV with one row per student and a column per exercise and check, and a summary in the
 * terminal: per exercise the spread of scores, and the checks most students miss first.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { csvField } from './csv.ts';
import { LabgradeError, UsageError } from '../../core/errors.ts';
import { localized } from '../../core/i18n.ts';
import { GradeResult } from '../../core/result.ts';

export interface StudentResult {
  /** The folder the result file is in: the student's folder in a `--submissions` regrade. */
  student: string;
  file: string;
  result: GradeResult;
}

/** Every `*.result.json` under the given files and folders, validated; a file that is not a result is an error naming it. */
export function collectResults(inputs: string[]): { results: StudentResult[]; warnings: string[] } {
  const files: string[] = [];
  const walk = (p: string) => {
    const stat = statSync(p, { throwIfNoEntry: false });
    if (!stat) throw new UsageError(localized('usage.result-path-missing', { path: p }));
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(p, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.result.json')) files.push(full);
      }
    } else files.push(p);
  };
  for (const input of inputs) walk(input);
  if (!files.length) throw new UsageError(localized('usage.no-result-files', { path: inputs.join(', ') }));

  const byKey = new Map<string, StudentResult>();
  const warnings: string[] = [];
  for (const file of files) {
    let parsed: ReturnType<typeof GradeResult.safeParse>;
    try {
      parsed = GradeResult.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    } catch (error) {
      throw new LabgradeError(
        'LABGRADE_RESULT_INVALID',
        `Expected ${file} to be a result file (JSON), but it could not be read: ${(error as Error).message}. Grade that submission again.`,
      );
    }
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new LabgradeError(
        'LABGRADE_RESULT_INVALID',
        `Expected ${file} to be a labgrade result, but at ${issue.path.join('.') || 'its top level'}: ${issue.message}. Grade that submission again with this version of labgrade.`,
      );
    }
    const student = path.basename(path.dirname(path.resolve(file)));
    const key = `${student}\0${parsed.data.exercise.id}`;
    const earlier = byKey.get(key);
    if (earlier) {
      const [keep, drop] =
        earlier.result.startedAt >= parsed.data.startedAt ? [earlier, { file, result: parsed.data }] : [{ student, file, result: parsed.data }, earlier];
      warnings.push(`${student} has two results for ${parsed.data.exercise.id}: kept ${keep.file} (graded ${keep.result.startedAt}), left out ${drop.file}.`);
      byKey.set(key, keep);
    } else byKey.set(key, { student, file, result: parsed.data });
  }
  return { results: [...byKey.values()], warnings };
}

/** Exercises (sorted) and, per exercise, its check ids in the order the results list them. */
function columnsOf(results: StudentResult[]): { exercise: string; checks: string[] }[] {
  const checks = new Map<string, string[]>();
  for (const { result } of results) {
    const ids = checks.get(result.exercise.id) ?? [];
    for (const check of result.checks) if (!ids.includes(check.id)) ids.push(check.id);
    checks.set(result.exercise.id, ids);
  }
  return [...checks.keys()].sort().map((exercise) => ({ exercise, checks: checks.get(exercise)! }));
}

/** The template files a student's repository changed, as "file (changed)", over all their results. */
export function templateChangesOf(mine: StudentResult[]): string[] {
  const changes = new Map<string, string>();
  for (const { result } of mine) for (const c of result.templateChanges ?? []) changes.set(c.file, c.change);
  return [...changes].sort(([a], [b]) => a.localeCompare(b)).map(([file, change]) => `${file} (${change})`);
}

/**
 * What a student's results flag for a person to look at (never a change to a grade): answers of the
 * submission's process changed on their way to the grader, and data written into the code (a public test
 * set's labels, weights trained elsewhere).
 */
export function flagsOf(mine: StudentResult[]): string[] {
  const flags = new Set<string>();
  for (const { result } of mine) {
    for (const t of result.tampering ?? []) flags.add(`${result.exercise.id}: the answer of ${t.task} was changed on its way to the grader`);
    for (const f of result.staticFindings)
      if (f.kind === 'embedded-data') flags.add(`${result.exercise.id}: data written into the code at ${f.file}:${f.line}`);
  }
  return [...flags].sort();
}

/**
 * One row per student: total and maximum over the exercises they have results for, the template files their
 * repository changed (when the results carry the check), what they flag (flagsOf), with `similar` the students
 * whose code for an exercise is similar to theirs (similarity.ts: a flag for a person, not a grade), then per
 * exercise its
 * score, maximum and status, and the points of each check. An exercise without a result is left empty.
 */
export function renderCsv(results: StudentResult[], similar?: Map<string, string[]>): string {
  const columns = columnsOf(results);
  const header = ['student', 'total', 'max', 'template changes', 'flags', ...(similar ? ['similar code'] : [])];
  for (const { exercise, checks } of columns) header.push(exercise, `${exercise} max`, `${exercise} status`, ...checks.map((id) => `${exercise} ${id}`));
  const students = [...new Set(results.map((r) => r.student))].sort();
  const rows = students.map((student) => {
    const mine = results.filter((r) => r.student === student);
    const row: (string | number)[] = [
      student,
      mine.reduce((s, r) => s + r.result.score, 0),
      mine.reduce((s, r) => s + r.result.maxScore, 0),
      templateChangesOf(mine).join('; '),
      flagsOf(mine).join('; '),
    ];
    if (similar) row.push((similar.get(student) ?? []).join('; '));
    for (const { exercise, checks } of columns) {
      const result = mine.find((r) => r.result.exercise.id === exercise)?.result;
      if (!result) row.push('', '', '', ...checks.map(() => ''));
      else row.push(result.score, result.maxScore, result.status, ...checks.map((id) => result.checks.find((c) => c.id === id)?.points ?? ''));
    }
    return row;
  });
  return `${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\n')}\n`;
}

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface ExerciseSummary {
  id: string;
  title: string;
  maxScore: number;
  results: number;
  mean: number;
  median: number;
  min: number;
  max: number;
  errors: number;
  /** How many results scored each whole number of points, 0..maxScore (a fractional score counts at its floor). */
  histogram: number[];
  /** Each check's pass rate, lowest first. */
  checks: { id: string; title: string; passed: number; of: number; rate: number }[];
  /** One per metric the exercise's checks measure, best first. */
  leaderboards: { check: string; metric: string; better: 'higher' | 'lower'; entries: { student: string; value: number }[] }[];
}

/** Per exercise: score spread, each check's pass rate (lowest first) and a leaderboard per measured metric. */
export function summarise(results: StudentResult[]): ExerciseSummary[] {
  const ids = [...new Set(results.map((r) => r.result.exercise.id))].sort();
  return ids.map((id) => {
    const mine = results.filter((r) => r.result.exercise.id === id);
    const scores = mine.map((r) => r.result.score);
    const maxScore = Math.max(...mine.map((r) => r.result.maxScore));
    const histogram = Array.from({ length: Math.floor(maxScore) + 1 }, () => 0);
    for (const s of scores) histogram[Math.min(histogram.length - 1, Math.max(0, Math.floor(s)))]!++;
    const checkIds: string[] = [];
    for (const { result } of mine) for (const c of result.checks) if (!checkIds.includes(c.id)) checkIds.push(c.id);
    const checks = checkIds.map((checkId) => {
      const graded = mine.map((r) => r.result.checks.find((c) => c.id === checkId)).filter((c) => c !== undefined);
      const passed = graded.filter((c) => c.status === 'pass').length;
      return { id: checkId, title: graded[0]?.title ?? checkId, passed, of: graded.length, rate: graded.length ? passed / graded.length : 0 };
    });
    checks.sort((a, b) => a.rate - b.rate || a.id.localeCompare(b.id));
    const leaderboards = checkIds.flatMap((checkId) => {
      const measured = mine.flatMap((r) => {
        const check = r.result.checks.find((c) => c.id === checkId);
        return check?.metric && check.metric.value !== null ? [{ student: r.student, value: check.metric.value, metric: check.metric }] : [];
      });
      if (!measured.length) return [];
      const better = measured[0]!.metric.comparator === '<=' ? 'lower' : 'higher';
      const entries = measured
        .map(({ student, value }) => ({ student, value }))
        .sort((a, b) => (better === 'higher' ? b.value - a.value : a.value - b.value) || a.student.localeCompare(b.student));
      return [{ check: checkId, metric: measured[0]!.metric.name, better: better as 'higher' | 'lower', entries }];
    });
    return {
      id,
      title: mine[0]!.result.exercise.title,
      maxScore,
      results: mine.length,
      mean: round(scores.reduce((s, v) => s + v, 0) / scores.length),
      median: median(scores),
      min: Math.min(...scores),
      max: Math.max(...scores),
      errors: mine.filter((r) => r.result.status === 'error').length,
      histogram,
      checks,
      leaderboards,
    };
  });
}

/** Per exercise: how many results, mean, median and range of scores, and its checks by pass rate, lowest first. */
export function renderSummary(results: StudentResult[]): string {
  const lines: string[] = [];
  const students = new Set(results.map((r) => r.student));
  lines.push(`${results.length} results of ${students.size} students.`);
  const flagged = [...students]
    .sort()
    .map((student) => ({ student, changes: templateChangesOf(results.filter((r) => r.student === student)) }))
    .filter((s) => s.changes.length);
  if (flagged.length) {
    lines.push('', `Changed files of the template in ${flagged.length} repositories (grades there may not be what the grader computed):`);
    for (const { student, changes } of flagged) lines.push(`  ${student}: ${changes.join(', ')}`);
  }
  const looks = [...students]
    .sort()
    .map((student) => ({ student, flags: flagsOf(results.filter((r) => r.student === student)) }))
    .filter((s) => s.flags.length);
  if (looks.length) {
    lines.push('', `Flagged for a look in ${looks.length} repositories (the grades stand; a person should read the code):`);
    for (const { student, flags } of looks) lines.push(`  ${student}: ${flags.join('; ')}`);
  }
  for (const e of summarise(results)) {
    lines.push(
      '',
      `${e.id}: ${e.results} results, mean ${e.mean.toFixed(1)}/${e.maxScore}, median ${e.median}, range ${e.min}-${e.max}; errors in ${e.errors}`,
    );
    const width = Math.max(...e.checks.map((c) => c.id.length));
    for (const c of e.checks) lines.push(`  ${c.id.padEnd(width)}  passed by ${String(c.passed).padStart(3)}/${c.of} (${Math.round(100 * c.rate)}%)`);
  }
  return `${lines.join('\n')}\n`;
}
