/**
 * The grader's own overhead: each exercise's reference solution graded as `labgrade grade <slug> --solution`,
 * one process per run, as a student runs it. Overhead is everything but the student's build, train and
 * predict phases (the result's `timing.graderMs`); the command's wall time adds the process start (npx not
 * included).
 */
import { execa } from 'execa';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GradeResult } from '../graders/src/core/result.ts';
import { markdownTable, median } from './table.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Exercises that train for minutes: graded only with `--grading all`. */
export const LONG_EXERCISES = ['04-mnist-cnn', '05-brain-tumor-segmentation'];

/** The target of a single grading's overhead, in seconds. */
export const OVERHEAD_TARGET_SECONDS = 2;

export interface GradingSample {
  graderMs: number;
  studentMs: number;
  wallMs: number;
  score: number;
  maxScore: number;
}

/** Grades `slug`'s solution once in a process of its own and reads its result back. */
export async function gradeOnce(slug: string): Promise<GradingSample> {
  const out = mkdtempSync(path.join(os.tmpdir(), 'labgrade-bench-'));
  try {
    const started = performance.now();
    const run = await execa(process.execPath, [path.join(repoRoot, 'bin', 'labgrade.js'), 'grade', slug, '--solution', '--format', 'json', '--out', out], {
      cwd: repoRoot,
      reject: false,
      env: { CI: '1' },
    });
    const wallMs = performance.now() - started;
    if (run.exitCode !== 0) throw new Error(`Grading ${slug} failed (exit code ${run.exitCode}): ${run.stderr.slice(-2000)}`);
    const result = GradeResult.parse(JSON.parse(readFileSync(path.join(out, `${slug}.result.json`), 'utf8')));
    return { graderMs: result.timing.graderMs, studentMs: result.timing.studentMs, wallMs, score: result.score, maxScore: result.maxScore };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The table of medians, one row per exercise. */
export function formatGradingTable(rows: { slug: string; samples: GradingSample[] }[], reps: number): string {
  const header = ['exercise', 'overhead s (median)', 'student s', 'command s', 'score', `overhead <= ${OVERHEAD_TARGET_SECONDS} s`];
  const lines = rows.map(({ slug, samples }) => {
    const overhead = median(samples.map((s) => s.graderMs)) / 1000;
    const last = samples[samples.length - 1]!;
    return [
      slug,
      overhead.toFixed(2),
      (median(samples.map((s) => s.studentMs)) / 1000).toFixed(2),
      (median(samples.map((s) => s.wallMs)) / 1000).toFixed(2),
      `${last.score}/${last.maxScore}`,
      overhead <= OVERHEAD_TARGET_SECONDS ? 'yes' : 'NO',
    ];
  });
  return [
    ...markdownTable(header, lines),
    '',
    `Medians of ${reps} gradings each, one process per grading (\`labgrade grade <slug> --solution\`). Overhead is the`,
    "result's timing.graderMs: all but the student's build, train and predict phases; the command's time adds the",
    'start of the process itself.',
  ].join('\n');
}
