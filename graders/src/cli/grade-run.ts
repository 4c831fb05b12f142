/**
 * `labgrade grade` for one submission: grades the exercises named (up to `jobs` at once, their lines printed
 * whole and in order), reuses a result graded from the same inputs unless forced, hands each result and then
 * all of them to the format's reporter, and ends with a line per exercise when there are several.
 */
import path from 'node:path';
import type { BackendChoice } from '../../../runtime/backend-choice.ts';
import { ProgressBar } from '../../../runtime/progress.ts';
import { msg } from '../core/i18n.ts';
import type { Language } from '../core/manifest.ts';
import type { GradeResult } from '../core/result.ts';
import { gradeExercise, type SubmissionChoice } from '../engine/grade.ts';
import { loadExercise } from '../engine/catalogue.ts';
import type { HintHistory } from '../engine/hint-history.ts';
import { checkReuse } from '../engine/reuse.ts';
import { classroomPoints } from '../reporters/classroom.ts';
import type { Reporter, RunContext } from '../reporters/index.ts';
import { picturesLine } from './pictures.ts';
import { runInOrder, type TaskOutput } from './run-in-order.ts';

export interface GradeRunOptions {
  slugs: string[];
  submission: SubmissionChoice;
  backend: BackendChoice;
  seed?: number;
  /** `--lang`; each exercise's own language when not given. */
  language?: Language;
  outDir: string;
  /** Exercises graded at once. @default 1 */
  jobs: number;
  /** Grade again even where a result from the same inputs is in `outDir`. */
  force: boolean;
  /** Where to draw each exercise's pictures, if anywhere. */
  picturesDir?: string;
  hintHistory?: HintHistory;
  reporter: Reporter;
  /** Print GitHub Classroom's notices (`--no-notices` turns them off). */
  notices: boolean;
}

/** Grades one exercise, or reuses its earlier result; writes its lines to `out`. */
async function gradeOne(slug: string, options: GradeRunOptions, context: RunContext & { reused: Set<string> }, out: TaskOutput): Promise<GradeResult> {
  const { submission, backend, seed, outDir, picturesDir, hintHistory, reporter } = options;
  // Each exercise speaks --lang, or its manifest's language.
  const language = options.language ?? (await loadExercise(slug)).language;
  const report = (result: GradeResult) => {
    const text = reporter.onResult?.(result, context);
    if (text !== undefined) out.stdout(text);
  };
  const common = { slug, submission, backend, seed, language: options.language, ...(picturesDir ? { picturesDir } : {}) };
  const reuse = options.force ? undefined : await checkReuse(path.join(outDir, `${slug}.result.json`), common);
  if (reuse?.reusable) {
    context.reused.add(slug);
    out.stderr(`${msg('cli.reused', language, { slug, when: reuse.reusable.startedAt })}\n`);
    report(reuse.reusable);
    return reuse.reusable;
  }
  if (reuse?.changed.length) out.stderr(`${msg('cli.regrading', language, { slug, changed: reuse.changed.join(', ') })}\n`);
  out.stderr(`${msg('cli.grading', language, { slug, kind: submission.kind, backend })}\n`);
  // Training progress on stderr: a bar redrawn in place in a terminal, a line per epoch in a log or CI, or
  // with --jobs N: bars of exercises graded at once would overwrite each other.
  const live = options.jobs === 1 && Boolean(process.stderr.isTTY) && !process.env.CI;
  const bar = new ProgressBar((text) => out.stderr(text), live, `  ${msg('cli.train-label', language)}`, undefined, language);
  const result = await gradeExercise({ ...common, outDir, ...(hintHistory ? { hintHistory } : {}), onTrainingProgress: (p) => bar.update(p) });
  bar.finish();
  const warning = await hintHistory?.save();
  if (warning) out.stderr(`${warning}\n`);
  report(result);
  out.stderr(`${msg('cli.result-written', language, { path: path.relative(process.cwd(), path.join(outDir, `${slug}.result.json`)) })}\n`);
  if (picturesDir) out.stderr(`${picturesLine(picturesDir, slug, language)}\n`);
  return result;
}

/** Per exercise: score, status and wall time (the whole grading, static checks included), or that it was reused; then the total. */
function summaryLines(results: GradeResult[], reused: ReadonlySet<string>): string[] {
  const width = Math.max(...results.map((r) => r.exercise.id.length));
  const lines = results.map((r) => {
    const time = reused.has(r.exercise.id) ? 'reused' : `${(r.timing.totalMs / 1000).toFixed(1)} s`;
    return `  ${r.exercise.id.padEnd(width)}  ${`${r.score}/${r.maxScore}`.padStart(7)}  ${r.status.padEnd(5)}  ${time.padStart(9)}`;
  });
  const { total, max } = classroomPoints(results);
  const seconds = (results.filter((r) => !reused.has(r.exercise.id)).reduce((s, r) => s + r.timing.totalMs, 0) / 1000).toFixed(1);
  const language = results[0]!.language;
  lines.push(msg('cli.total', language, { total, max, count: results.length, seconds }));
  if (reused.size) lines.push(msg('cli.reused-total', language, { graded: results.length - reused.size, count: results.length, reused: reused.size, seconds }));
  return lines;
}

/** Grades `options.slugs` for one submission and reports them with `options.reporter`. */
export async function gradeExercises(options: GradeRunOptions): Promise<GradeResult[]> {
  const stdout = (text: string) => void process.stdout.write(text);
  // Exercises whose result from an earlier grading of the same inputs was reused (see reuse.ts).
  const context = { count: options.slugs.length, reused: new Set<string>(), notices: options.notices, write: stdout };
  // With --jobs N, up to N exercises are graded at once; each one's lines are held until the exercises before
  // it are done, so that the output reads as one after the other. The manifest has no estimate of grading
  // time (estimatedMinutes is the student's), so they start in the order named.
  const results = await runInOrder(options.slugs.length, options.jobs, (index, out) => gradeOne(options.slugs[index]!, options, context, out), {
    stdout,
    stderr: (text) => void process.stderr.write(text),
  });
  await options.reporter.onEnd?.(results, context);
  if (results.length > 1) for (const line of summaryLines(results, context.reused)) process.stderr.write(`${line}\n`);
  return results;
}
