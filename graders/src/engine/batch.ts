/**
 * `labgrade grade --submissions DIR`: grades many submissions (a folder of student repositories or src/
 * folders), each in its own sandbox, with one static checker per process so that TypeScript's view of
 * TensorFlow.js is built once. Resumable: a submission whose result is already written from the same inputs
 * (its files, the exercise and its suite, seed, backend, the grader: inputs.ts) is not graded again. `jobs` > 1
 * splits the submissions between that many grading processes (batch-shard.ts).
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BackendChoice } from '../../../runtime/backend-choice.ts';
import { gradeExercise } from './grade.ts';
import { readResult } from './output.ts';
import { errorMessageIn, UsageError } from '../core/errors.ts';
import { localized } from '../core/i18n.ts';
import type { Language } from '../core/manifest.ts';
import type { GradeResult } from '../core/result.ts';
import { checkReuse } from './reuse.ts';
import { StaticService } from './static-run.ts';

export interface BatchOptions {
  slugs: string[];
  submissionsDir: string;
  outDir: string;
  backend: BackendChoice;
  seed?: number;
  language?: Language;
  /** Grading processes at once. @default 1 */
  jobs?: number;
  /** Grade again even where a result for the same files exists. */
  force?: boolean;
  /** This process's share of the submissions (index of count), when a parent split them (batch-shard.ts). */
  shard?: { index: number; count: number };
  /** A line of progress for the terminal. */
  onLine?: (line: string) => void;
}

export interface BatchEntry {
  submission: string;
  slug: string;
  file: string;
  result?: GradeResult;
  /** The result was already there for the same files. */
  reused?: boolean;
  /** Why no result could be made. */
  error?: string;
}

/** Submission folders in `dir`, by name (hidden folders and node_modules left out). */
export function listSubmissions(dir: string): string[] {
  if (!existsSync(dir)) throw new UsageError(localized('usage.submissions-missing', { path: dir }));
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules')
    .map((e) => e.name)
    .sort();
  if (!names.length) throw new UsageError(localized('usage.submissions-empty', { path: dir }));
  return names;
}

/** Where a submission's result for an exercise is written. */
export function batchResultFile(outDir: string, submission: string, slug: string): string {
  return path.join(outDir, submission, `${slug}.result.json`);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(0)} s`;
}

/** Grades every exercise in `slugs` for every submission; never stops at one submission's failure. */
export async function gradeBatch(options: BatchOptions): Promise<BatchEntry[]> {
  const submissionsDir = path.resolve(options.submissionsDir);
  const names = listSubmissions(submissionsDir);
  const jobs = Math.max(1, Math.min(options.jobs ?? 1, names.length));
  if (jobs > 1 && !options.shard) return gradeInProcesses(options, names, jobs);

  const mine = options.shard ? names.filter((_, i) => i % options.shard!.count === options.shard!.index) : names;
  const tasks = mine.flatMap((submission) => options.slugs.map((slug) => ({ submission, slug })));
  const entries: BatchEntry[] = [];
  const service = new StaticService();
  const say = options.onLine ?? (() => {});
  const prefix = options.shard ? `[${options.shard.index + 1}/${options.shard.count}] ` : '';
  try {
    for (const [i, { submission, slug }] of tasks.entries()) {
      const dir = path.join(submissionsDir, submission);
      const outDir = path.join(path.resolve(options.outDir), submission);
      const file = batchResultFile(path.resolve(options.outDir), submission, slug);
      const count = `${prefix}${i + 1}/${tasks.length}`;
      // Kept when graded from exactly the inputs grading would use now (files, suite, seed, engine...: reuse.ts).
      const previous = options.force
        ? undefined
        : (await checkReuse(file, { slug, submission: { kind: 'custom', dir }, backend: options.backend, seed: options.seed, language: options.language }))
            .reusable;
      if (previous) {
        entries.push({ submission, slug, file, result: previous, reused: true });
        say(`${count} ${submission} · ${slug}: ${previous.score}/${previous.maxScore} (already graded)`);
        continue;
      }
      const started = performance.now();
      try {
        const result = await gradeExercise({
          slug,
          submission: { kind: 'custom', dir },
          backend: options.backend,
          seed: options.seed,
          language: options.language,
          outDir,
          staticService: service,
        });
        entries.push({ submission, slug, file, result });
        say(`${count} ${submission} · ${slug}: ${result.score}/${result.maxScore} ${result.status} (${seconds(performance.now() - started)})`);
      } catch (error) {
        const message = errorMessageIn(error, options.language ?? 'en');
        entries.push({ submission, slug, file, error: message });
        say(`${count} ${submission} · ${slug}: could not grade: ${message}`);
      }
    }
  } finally {
    service.close();
  }
  return entries;
}

/** Splits the submissions between `jobs` child processes, then reads back what each wrote. */
async function gradeInProcesses(options: BatchOptions, names: string[], jobs: number): Promise<BatchEntry[]> {
  const shardEntry = fileURLToPath(new URL('./batch-shard.ts', import.meta.url));
  // Node runs the shard's TypeScript through tsx's loader, as bin/labgrade.js does; resolved from here, so
  // that it is found whatever the working folder.
  const tsx = import.meta.resolve('tsx');
  const shardOf = (index: number): ShardOptions => ({
    slugs: options.slugs,
    submissionsDir: path.resolve(options.submissionsDir),
    outDir: path.resolve(options.outDir),
    backend: options.backend,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.language ? { language: options.language } : {}),
    ...(options.force ? { force: true } : {}),
    shard: { index, count: jobs },
  });
  // Loaded here, not at the top: importing execa takes seconds on a slow machine, and one process needs none.
  const { execa } = await import('execa');
  const exits = await Promise.all(
    Array.from({ length: jobs }, (_, index) =>
      execa(process.execPath, ['--import', tsx, shardEntry, JSON.stringify(shardOf(index))], { reject: false, stdout: 'ignore', stderr: 'inherit' }).then(
        (run) => run.exitCode,
      ),
    ),
  );
  const entries: BatchEntry[] = [];
  for (const [i, submission] of names.entries()) {
    for (const slug of options.slugs) {
      const file = batchResultFile(path.resolve(options.outDir), submission, slug);
      const result = existsSync(file) ? await readResult(file).catch(() => undefined) : undefined;
      entries.push(
        result
          ? { submission, slug, file, result }
          : { submission, slug, file, error: `no result was written (its grading process stopped with exit code ${exits[i % jobs]})` },
      );
    }
  }
  return entries;
}

/** What a grading process started for one share of the submissions is given (batch-shard.ts). */
export type ShardOptions = Omit<BatchOptions, 'onLine' | 'jobs'> & { shard: { index: number; count: number } };
