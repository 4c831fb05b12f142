/**
 * Runs a hidden suite (`graders/suites/<slug>/*.suite.ts`) in a worker thread of its own (suite/worker.ts)
 * and collects what it posts back (suite/channel.ts): training progress as it happens, the submission's
 * report, and each check's outcome. The suite's code runs in that worker; student code runs in the sandbox
 * the suite starts. A fresh worker per grading means a suite's module state (data, tensors, the sandbox)
 * never leaks into the next grading, and its memory is returned when the worker ends.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TrainingProgress } from '../../../runtime/progress.ts';
import type { CheckOutcome, GradingContext } from '../core/grading-context.ts';
import { suitesDir } from '../core/paths.ts';
import type { SubmissionReport, SuiteMessage } from '../suite/channel.ts';

export interface SuiteRun {
  outcomes: Map<string, CheckOutcome & { durationMs: number }>;
  /** The submission's report, when the suite got as far as posting it (even if the worker died after). */
  report?: SubmissionReport;
  /** Errors that stopped the suite as a whole (a failing hook, an import error in the suite). */
  suiteErrors: string[];
}

type Outcomes = Extract<SuiteMessage, { kind: 'outcomes' }>;

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

/**
 * Runs `graders/suites/<slug>` (or the suite `files` given) with the given context; `timeoutMs` bounds each
 * check and hook. `onProgress` gets the training progress the submission reports while it trains.
 */
export async function runSuite(
  context: GradingContext,
  timeoutMs: number,
  files = suiteFiles(context.slug),
  onProgress?: (progress: TrainingProgress) => void,
): Promise<SuiteRun> {
  const worker = new Worker(new URL('../core/worker-boot.mjs', import.meta.url), {
    workerData: { entry: new URL('../suite/worker.ts', import.meta.url).href, context, files, timeoutMs },
    stdout: true,
    stderr: true,
  });
  let tail = '';
  const keep = (chunk: Buffer) => void (tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS));
  worker.stdout.on('data', keep);
  worker.stderr.on('data', keep);
  let report: SubmissionReport | undefined;
  const done = new Promise<Outcomes>((resolve) => {
    worker.on('message', (message: SuiteMessage) => {
      if (message.kind === 'progress') showProgress(onProgress, message.progress);
      else if (message.kind === 'report') report = message.report;
      else resolve(message);
    });
    worker.once('error', (error) => resolve({ kind: 'outcomes', outcomes: [], errors: [`The hidden suite's worker failed: ${error.message}`] }));
    worker.once('exit', (code) =>
      resolve({
        kind: 'outcomes',
        outcomes: [],
        errors: [`The hidden suite's worker stopped (exit code ${code}) before it reported.${tail.trim() ? ` Its last output: ${tail.trim()}` : ''}`],
      }),
    );
  });
  const { outcomes, errors } = await done;
  // Whatever the suite left running (a check past its limit) ends with the worker; every message it posted
  // before it ended (a report posted before it died) has arrived once it has.
  await worker.terminate();
  return { outcomes: new Map(outcomes.map(({ id, outcome, durationMs }) => [id, { ...outcome, durationMs }] as const)), report, suiteErrors: errors };
}

function showProgress(onProgress: ((progress: TrainingProgress) => void) | undefined, progress: TrainingProgress): void {
  try {
    onProgress?.(progress);
  } catch {
    // Progress is for display only.
  }
}
