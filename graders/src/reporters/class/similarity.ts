/**
 * Copied work across a class: after a regrade, the students' src/ files are compared exercise by exercise
 * with Dolos (`@dodona/dolos-lib`: winnowing over the tokens of TypeScript's syntax tree, so renamed
 * variables and moved whitespace do not hide shared code). Each exercise's starter code (this repository's
 * exercises/<slug>/src, every line the template gives) is Dolos's ignored file: fingerprints it contains
 * count for no pair. Pairs whose similarity reaches the threshold are reported with their shared fragments,
 * for a person to look at; similarity never changes a grade.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadExercise } from '../../engine/catalogue.ts';
import { LabgradeError } from '../../core/errors.ts';
import { exercisesDir, repoRoot } from '../../core/paths.ts';
import type { StudentResult } from './report.ts';

/** Where a student's files sit, by line. */
export interface CodeSpan {
  /** The file, relative to the exercise's src/ folder. */
  file: string;
  /** First and last line, from 1. */
  startLine: number;
  endLine: number;
  lines: string[];
}

export interface SimilarPair {
  exercise: string;
  left: string;
  right: string;
  /** Dolos's similarity: the share of both files' fingerprints that they share (0..1). */
  similarity: number;
  /** Fingerprints in the longest shared fragment. */
  longest: number;
  /** The shared fragments, longest first. */
  fragments: { left: CodeSpan; right: CodeSpan }[];
}

export interface SimilarityOptions {
  results: StudentResult[];
  /** A folder of submissions (one folder per student, as for `grade --submissions`); by default each result's recorded path. */
  submissionsDir?: string;
  /** Pairs at or above this similarity are reported. @default 0.5 */
  threshold?: number;
  /** Shared fragments shown per pair, longest first. @default 5 */
  maxFragments?: number;
}

/** The default threshold: a pair sharing half its code, beyond the starter code, is worth a look. */
export const DEFAULT_SIMILARITY_THRESHOLD = 0.5;

/** A student's files for an exercise, joined into one text, with where each file starts. */
interface Joined {
  text: string;
  files: { file: string; startRow: number; lines: string[] }[];
}

function joinFiles(dir: string, files: string[]): Joined {
  const parts: Joined['files'] = [];
  let row = 0;
  for (const file of files) {
    const full = path.join(dir, file);
    const lines = existsSync(full) ? readFileSync(full, 'utf8').split('\n') : [];
    parts.push({ file, startRow: row, lines });
    row += lines.length;
  }
  return { text: parts.flatMap((p) => p.lines).join('\n'), files: parts };
}

/** The lines of rows `start..end` (from 0) of a joined text, within the file the first row is in. */
function span(joined: Joined, startRow: number, endRow: number): CodeSpan {
  const part = [...joined.files].reverse().find((p) => p.startRow <= startRow) ?? joined.files[0]!;
  const first = startRow - part.startRow;
  const last = Math.min(endRow - part.startRow, part.lines.length - 1);
  return { file: part.file, startLine: first + 1, endLine: last + 1, lines: part.lines.slice(first, last + 1) };
}

/** Where a student's src/ folder for an exercise is. */
function sourceDir(student: StudentResult, slug: string, submissionsDir: string | undefined): string | undefined {
  const candidates = submissionsDir
    ? [
        path.join(submissionsDir, student.student, 'exercises', slug, 'src'),
        path.join(submissionsDir, student.student, 'src'),
        path.join(submissionsDir, student.student),
      ]
    : [path.resolve(repoRoot, student.result.submission.path)];
  return candidates.find((dir) => existsSync(dir));
}

async function loadDolos(): Promise<typeof import('@dodona/dolos-lib')> {
  try {
    return await import('@dodona/dolos-lib');
  } catch (error) {
    throw new LabgradeError(
      'LABGRADE_DOLOS_MISSING',
      `Expected the similarity checker @dodona/dolos-lib to be installed (a devDependency; its parsers are built by node-gyp, which needs python3, make and a C++ compiler), but it could not be loaded: ${(error as Error).message.split('\n')[0]}. Run \`npm ci\` in this repository, or leave out --similarity.`,
    );
  }
}

/** Every pair of students whose files for an exercise reach the threshold, most similar first. */
export async function findSimilarPairs(options: SimilarityOptions): Promise<{ pairs: SimilarPair[]; warnings: string[] }> {
  const { Dolos, File } = await loadDolos();
  const threshold = options.threshold ?? DEFAULT_SIMILARITY_THRESHOLD;
  const warnings: string[] = [];
  const pairs: SimilarPair[] = [];
  for (const slug of [...new Set(options.results.map((r) => r.result.exercise.id))].sort()) {
    const manifest = await loadExercise(slug);
    const files = manifest.files.map((f) => f.replace(/^src\//, ''));
    const starter = joinFiles(path.join(exercisesDir, slug, 'src'), files);
    const students = options.results.filter((r) => r.result.exercise.id === slug).sort((a, b) => a.student.localeCompare(b.student));
    const joined = new Map<string, Joined>();
    for (const student of students) {
      const dir = sourceDir(student, slug, options.submissionsDir);
      if (!dir) {
        warnings.push(
          `${student.student} · ${slug}: no files to compare (looked in ${options.submissionsDir ? path.join(options.submissionsDir, student.student) : student.result.submission.path}); give the folder of submissions with --submissions DIR.`,
        );
        continue;
      }
      joined.set(student.student, joinFiles(dir, files));
    }
    if (joined.size < 2) continue;
    const dolos = new Dolos({ language: 'typescript' });
    const report = await dolos.analyze(
      [...joined].map(([student, j]) => new File(student, j.text)),
      slug,
      new File(`${slug} (starter code)`, starter.text),
    );
    for (const pair of report.allPairs()) {
      if (!(pair.similarity >= threshold)) continue;
      const [left, right] = [pair.leftFile.path, pair.rightFile.path];
      const fragments = pair
        .buildFragments()
        .map((f) => ({ f, size: f.pairs.length }))
        .sort((a, b) => b.size - a.size)
        .slice(0, options.maxFragments ?? 5)
        .map(({ f }) => ({
          left: span(joined.get(left)!, f.leftSelection.startRow, f.leftSelection.endRow),
          right: span(joined.get(right)!, f.rightSelection.startRow, f.rightSelection.endRow),
        }));
      pairs.push({ exercise: slug, left, right, similarity: Math.round(pair.similarity * 1000) / 1000, longest: pair.longest, fragments });
    }
  }
  pairs.sort((a, b) => b.similarity - a.similarity || a.exercise.localeCompare(b.exercise) || a.left.localeCompare(b.left));
  return { pairs, warnings };
}

/** Per student, the others they share code with: "bob (02-mnist-random-forest 72%)", most similar first. */
export function similarTo(pairs: SimilarPair[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of pairs) {
    for (const [me, other] of [
      [p.left, p.right],
      [p.right, p.left],
    ] as const) {
      out.set(me, [...(out.get(me) ?? []), `${other} (${p.exercise} ${Math.round(p.similarity * 100)}%)`]);
    }
  }
  return out;
}
