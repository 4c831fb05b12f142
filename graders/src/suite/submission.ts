/**
 * The submission as a suite sees it (`useSubmission`): tasks of the exercise's driver, each run at most once
 * in the sandboxed child and shared by the checks that await it. The sandbox starts before the first check
 * and stops after the last; the submission's report (phases, backend, output) then goes to the engine.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TrainingProgress } from '../../../runtime/progress.ts';
import type { GradingContext } from '../core/grading-context.ts';
import { Sandbox, type CallOutcome } from '../sandbox/sandbox.ts';
import type { SubmissionReport } from './channel.ts';
import { TaskFailure } from './checks.ts';
import { PhaseLedger, type Phase } from './phase-ledger.ts';
import { recordedCurves } from './pictures-record.ts';
import { afterAll, beforeAll, postToEngine } from './suite-runtime.ts';
import { gradingContext } from './text.ts';

/** A task of the exercise's driver, run at most once in the child and shared by the checks that await it. */
export interface Task<T> {
  /** The task's value; throws TaskFailure when it could not produce one. */
  value(): Promise<T>;
}

export interface Submission {
  /** Declares a driver task that runs in `phase` (which sets its time limit) after the tasks it depends on. */
  task<T>(name: string, phase: Phase, args?: () => unknown | Promise<unknown>, after?: Task<unknown>[]): Task<T>;
  /** Writes a data file the child can read with `ctx.readData(name)`. Never stage test labels. */
  stageData(name: string, bytes: ArrayBufferView): Promise<void>;
  /** The backend the child runs TF.js on, once it has started (what `auto` resolved to). */
  backend(): Promise<string>;
}

interface StartingSandbox {
  sandbox: Sandbox;
  started: Promise<boolean>;
}

function startSandbox(context: GradingContext): StartingSandbox {
  const sandbox = new Sandbox({
    staged: { ...context.staged, remove: async () => {} },
    submissionDir: context.submissionDir,
    backend: context.backend,
    seed: context.seed,
    memoryMiB: context.limits.memoryMiB,
    ...(context.reportsProgress ? { onTrainingProgress: (progress: TrainingProgress) => postToEngine({ kind: 'progress', progress }) } : {}),
  });
  return { sandbox, started: sandbox.start() };
}

/** A sandbox started before the suite's files loaded, until the suite's `useSubmission` takes it over. */
let early: StartingSandbox | undefined;

/**
 * Starts the sandbox for the suite about to load (the suite runner calls this first), so that TensorFlow.js
 * loads in the child while the suite's own modules load. No student code runs until a check asks for it.
 */
export function startSandboxEarly(): void {
  early ??= startSandbox(gradingContext());
}

/** Stops an early sandbox that no suite took over (the suite failed to load, or never uses a submission). */
export async function discardEarlySandbox(): Promise<void> {
  const unused = early;
  early = undefined;
  await unused?.sandbox.close();
}

/** What the submission did, for the engine, once its sandbox (if it ever started) is closed. */
function submissionReport(sandbox: Sandbox | undefined, ledger: PhaseLedger): SubmissionReport {
  return {
    phases: ledger.phases(),
    ...(sandbox?.backend ? { backend: sandbox.backend } : {}),
    ...(sandbox?.startupError ? { startupError: sandbox.startupError } : {}),
    peakMemoryMiB: Math.round(sandbox?.peakMemoryMiB ?? 0),
    output: sandbox?.output ?? '',
    notAttempted: [...ledger.notAttempted].sort(),
    curves: recordedCurves(),
    ...(sandbox?.tampering.length ? { tampering: sandbox.tampering } : {}),
  };
}

/** A task that runs once, after the tasks it depends on, when a check first asks for its value. */
function onceTask<T>(
  run: (args: unknown) => Promise<CallOutcome>,
  phase: Phase,
  args: (() => unknown | Promise<unknown>) | undefined,
  after: Task<unknown>[],
): Task<T> {
  let promise: Promise<T> | undefined;
  return {
    value(): Promise<T> {
      promise ??= (async () => {
        for (const dependency of after) await dependency.value();
        const outcome = await run(args ? await args() : undefined);
        if (!outcome.ok) throw new TaskFailure(outcome, phase);
        return outcome.value as T;
      })();
      return promise;
    },
  };
}

/**
 * Starts the sandboxed child for this suite (before the first check) and stops it after the last one,
 * recording per-phase times for the result.
 */
export function useSubmission(): Submission {
  const context = gradingContext();
  let sandbox: Sandbox | undefined;
  let started: Promise<boolean> | undefined;
  let loaded: Promise<CallOutcome> | undefined;
  const ledger = new PhaseLedger();

  async function ensureStarted(): Promise<Sandbox> {
    if (!sandbox) throw new Error('useSubmission: the suite has not started');
    if (!(await started)) {
      const reason = sandbox.startupError?.message ?? 'the grading process did not start';
      throw new Error(reason);
    }
    return sandbox;
  }

  // The child answers one task at a time: a task asked for while another is in flight (a concept question
  // while training runs, say) waits its turn instead of being refused.
  let queue: Promise<unknown> = Promise.resolve();
  function run(name: string, phase: Phase, args: unknown): Promise<CallOutcome> {
    const next = queue.then(() => runNow(name, phase, args));
    queue = next.catch(() => undefined);
    return next;
  }

  async function runNow(name: string, phase: Phase, args: unknown): Promise<CallOutcome> {
    const box = await ensureStarted();
    loaded ??= box.call('$load', null, ledger.remainingMs('build')).then((outcome) => {
      ledger.record('build', outcome);
      return outcome;
    });
    const load = await loaded;
    if (!load.ok) return load;
    const outcome = await box.call(name, args, ledger.remainingMs(phase));
    ledger.record(phase, outcome);
    return outcome;
  }

  beforeAll(() => {
    ({ sandbox, started } = early ?? startSandbox(context));
    early = undefined;
  });

  afterAll(async () => {
    await sandbox?.close();
    postToEngine({ kind: 'report', report: submissionReport(sandbox, ledger) });
  });

  return {
    task: <T>(name: string, phase: Phase, args?: () => unknown | Promise<unknown>, after: Task<unknown>[] = []) =>
      onceTask<T>((a) => run(name, phase, a), phase, args, after),
    async stageData(name: string, bytes: ArrayBufferView): Promise<void> {
      await writeFile(path.join(context.staged.dataDir, path.basename(name)), new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    },
    async backend(): Promise<string> {
      const box = await ensureStarted();
      return box.backend?.name ?? 'cpu';
    },
  };
}

/**
 * A value the grader makes from a task's value (a decoded model, its predictions), computed once and shared
 * by the checks that await it. What `make` throws ends those checks as it would end one check.
 */
export function derived<T, U>(task: Task<T>, make: (value: T) => U | Promise<U>): Task<U> {
  let promise: Promise<U> | undefined;
  return {
    value(): Promise<U> {
      promise ??= task.value().then(make);
      return promise;
    },
  };
}

/** A task's value, or undefined when it failed (for pictures, which show what there is). */
export async function settled<T>(task: Task<T>): Promise<T | undefined> {
  try {
    return await task.value();
  } catch {
    return undefined;
  }
}
