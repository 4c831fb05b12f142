/**
 * Runs a hidden suite (`graders/suites/<slug>/*.suite.ts`) in a worker thread of its own (suite/worker.ts)
 * and collects each check's outcome. The suite's code runs in that worker; student code runs in the
 * sandbox the suite starts. A fresh worker per grading means a suite's module state (data, tensors, the
 * sandbox) never leaks into the next grading, and its memory is returned when the worker ends.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CheckOutcome, GradingContext, SuiteSidecar } from '../core/grading-context.ts';
import { suitesDir } from '../core/paths.ts';

export interface SuiteRun {
  outcomes: Map<string, CheckOutcome & { durationMs: number }>;
  sidecar?: SuiteSidecar;
  /** Errors that stopped the suite as a whole (a failing hook, an import error in the suite). */
  suiteErrors: string[];
}

/** What the suite's worker posts back when it is done. */
export interface SuiteReport {
  outcomes: { id: string; outcome: CheckOutcome; durationMs: number }[];
  errors: string[];
}

/** Output of the suite's own code kept for an error report: the worker's console is not shown otherwise. */
const OUTPUT_TAIL_CHARS = 4000;

/** The suite's test files, in a stable order. */
export function suiteFiles(slug: string): string[] {
  const dir = path.join(suitesDir, slug);
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => f.endsWith('.suite.ts'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Runs `graders/suites/<slug>` (or the suite `files` given) with the given context; `timeoutMs` bounds each check and hook. */
export async function runSuite(context: GradingContext, timeoutMs: number, files = suiteFiles(context.slug)): Promise<SuiteRun> {
  const worker = new Worker(new URL('../core/worker-boot.mjs', import.meta.url), {
    workerData: { entry: new URL('../suite/worker.ts', import.meta.url).href, context, files, timeoutMs },
    stdout: true,
    stderr: true,
  });
  let tail = '';
  const keep = (chunk: Buffer) => void (tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS));
  worker.stdout.on('data', keep);
  worker.stderr.on('data', keep);
  const report = await new Promise<SuiteReport>((resolve) => {
    worker.once('message', (message: SuiteReport) => resolve(message));
    worker.once('error', (error) => resolve({ outcomes: [], errors: [`The hidden suite's worker failed: ${error.message}`] }));
    worker.once('exit', (code) =>
      resolve({ outcomes: [], errors: [`The hidden suite's worker stopped (exit code ${code}) before it reported.${tail.trim() ? ` Its last output: ${tail.trim()}` : ''}`] }),
    );
  });
  // Whatever the suite left running (a check past its limit) ends with the worker.
  await worker.terminate();

  const outcomes = new Map(report.outcomes.map(({ id, outcome, durationMs }) => [id, { ...outcome, durationMs }] as const));
  const sidecar = existsSync(context.sidecarFile) ? (JSON.parse(readFileSync(context.sidecarFile, 'utf8')) as SuiteSidecar) : undefined;
  return { outcomes, sidecar, suiteErrors: report.errors };
}
