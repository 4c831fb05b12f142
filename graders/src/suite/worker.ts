/**
 * Worker-thread entry that runs one hidden suite (see run-suite.ts): it imports the suite's files, which
 * register their checks and hooks, runs the `beforeAll` hooks, then each check in order with the suite's
 * time limit, then the `afterAll` hooks (the last registered first), and posts every check's outcome
 * (suite/channel.ts).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { workerData } from 'node:worker_threads';
import type { GradingContext } from '../core/grading-context.ts';
import { discardEarlySandbox, startSandboxEarly } from './submission.ts';
import { msg } from '../core/i18n.ts';
import type { CheckRecord } from './channel.ts';
import { postToEngine, registry, type Hook } from './suite-runtime.ts';

const { context, files, timeoutMs } = workerData as { context: GradingContext; files: string[]; timeoutMs: number };
const errors: string[] = [];

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// Grader code that fails outside any check (a promise nobody awaited) is an error of the grading, kept
// with the result rather than ending the worker.
process.on('unhandledRejection', (reason) => void errors.push(`Unhandled rejection in the hidden suite: ${describe(reason)}`));
process.on('uncaughtException', (error) => void errors.push(`Uncaught exception in the hidden suite: ${describe(error)}`));

/** `promise`, or a rejection once `ms` have passed (what was still running is left behind). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${Math.round(ms / 1000)} s.`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

async function runHook(hook: Hook, what: string): Promise<void> {
  await within(Promise.resolve().then(hook.fn), hook.timeoutMs ?? timeoutMs, what);
}

async function runSuite(): Promise<CheckRecord[]> {
  const outcomes: CheckRecord[] = [];
  let ready = true;
  try {
    startSandboxEarly();
  } catch {
    // Not an error of the grading: the suite's own `useSubmission` starts one, and reports what goes wrong.
  }
  for (const file of files) {
    try {
      await import(pathToFileURL(file).href);
    } catch (error) {
      errors.push(`The hidden suite ${path.basename(file)} could not be loaded: ${describe(error)}`);
      ready = false;
    }
  }
  if (ready) {
    for (const hook of registry.beforeAll) {
      try {
        await runHook(hook, 'A beforeAll hook of the hidden suite');
      } catch (error) {
        // As in a test runner: the checks do not run; the engine reports each as not run, with this reason.
        errors.push(`A beforeAll hook of the hidden suite failed: ${describe(error)}`);
        ready = false;
        break;
      }
    }
  }
  if (ready) {
    for (const check of registry.checks) {
      const started = performance.now();
      const outcome = await within(check.body(), timeoutMs, `The check ${check.id}`).catch((error: unknown) => ({
        status: 'error' as const,
        message: msg('check.grader-error', context.language, { message: describe(error) }),
      }));
      outcomes.push({ id: check.id, outcome, durationMs: Math.round(performance.now() - started) });
    }
  }
  for (const hook of [...registry.afterAll].reverse()) {
    try {
      await runHook(hook, 'An afterAll hook of the hidden suite');
    } catch (error) {
      errors.push(`An afterAll hook of the hidden suite failed: ${describe(error)}`);
    }
  }
  return outcomes;
}

const outcomes = await runSuite();
// A rejection nobody handled is reported after the task it happened in: let those events come in first.
await new Promise((resolve) => setImmediate(resolve));
await discardEarlySandbox().catch((error: unknown) => void errors.push(`The unused sandbox could not be stopped: ${describe(error)}`));
postToEngine({ kind: 'outcomes', outcomes, errors });
