/**
 * The toolkit hidden suites are written with. A suite declares checks with `check(id, fn)`; each check
 * awaits the tasks it needs (`submission.task(...)`), which run once in the sandboxed child and are shared
 * between checks, and either returns (pass) or calls `fail(...)` with what was expected and found.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CheckOutcome, Curve, GradingContext, SuiteSidecar } from '../core/grading-context.ts';
import { decimalComma, localized, msg, type Localized } from '../core/i18n.ts';
import type { TrainingProgress } from '../../../runtime/progress.ts';
import type { PhaseResult } from '../core/result.ts';
import { IDLE_WINDOW_MS, Sandbox, type CallOutcome } from '../sandbox/sandbox.ts';
import { afterAll, beforeAll, registerCheck, suiteContext } from './suite-runtime.ts';

export { afterAll, beforeAll } from './suite-runtime.ts';

export type { Localized } from '../core/i18n.ts';
type Text = string | Localized;

/** The grading context of this run. */
export function gradingContext(): GradingContext {
  return suiteContext();
}

/** A tensor or layer shape as failures show it: `[null, 28, 28, 1]`. */
export function shapeText(shape: readonly (number | null)[]): string {
  return JSON.stringify(shape).replace(/,/g, ', ');
}

/**
 * Picks the run's language from a two-language text. In Norwegian, numbers get a decimal comma (0,5) outside
 * `code`, also in a bare string (`>= 0.97`) and in values a suite wrote with toFixed, so that a check never
 * mixes 0.5 and 0,5.
 */
export function t(text: Text): string {
  const language = gradingContext().language;
  const chosen = typeof text === 'string' ? text : text[language];
  return language === 'nb' ? decimalComma(chosen) : chosen;
}

/** A measured value as a suite records it: its name in both languages where it has words. */
export type MetricInput = Omit<NonNullable<CheckOutcome['metric']>, 'name'> & { name: Text };

/** The metric as the result carries it: in the run's language, and null where the value is not finite. */
function recordedMetric(m: MetricInput): NonNullable<CheckOutcome['metric']> {
  return { ...m, name: t(m.name), value: m.value !== null && Number.isFinite(m.value) ? m.value : null };
}

export interface FailureDetail {
  message: Text;
  /** What the check wanted, in both languages where it has words; a bare string is for numbers and code. */
  expected?: Text;
  found?: Text;
  /**
   * What to try. A list goes from general to specific: a student who keeps failing the check sees the next
   * one each time (recorded on their machine), never the solution.
   */
  hint?: Text | Text[];
  metric?: MetricInput;
  file?: string;
  line?: number;
}

/** A check that ran and found the submission wrong. */
export class CheckFailure extends Error {
  constructor(readonly detail: FailureDetail) {
    super(t(detail.message));
    this.name = 'CheckFailure';
  }
}

/** A task the check depends on did not produce a value (stub, crash, timeout...). */
export class TaskFailure extends Error {
  constructor(
    readonly outcome: Extract<CallOutcome, { ok: false }>,
    readonly phase: Phase,
  ) {
    super(outcome.message);
    this.name = 'TaskFailure';
  }
}

/** A failure's hint as the result carries it: the first one, and the whole list when there are several. */
function hintFields(hint: FailureDetail['hint']): Pick<CheckOutcome, 'hint' | 'hints'> {
  if (hint === undefined) return {};
  const hints = (Array.isArray(hint) ? hint : [hint]).map(t);
  return hints.length > 1 ? { hint: hints[0]!, hints } : { hint: hints[0]! };
}

/** Ends the current check as `fail`. */
export function fail(detail: FailureDetail): never {
  throw new CheckFailure(detail);
}

export interface CheckApi {
  /** Records a measured value against a threshold (shown in reports whether the check passes or not). */
  metric(metric: MetricInput): void;
  /** A message for a passing check. */
  note(text: Text): void;
}

function outcomeOfTaskFailure(error: TaskFailure): CheckOutcome {
  const { outcome, phase } = error;
  const language = gradingContext().language;
  const phaseName = msg(`phase.${phase}`, language);
  const frame = outcome.error?.frames[0];
  const where = frame ? { file: frame.file, line: frame.line } : {};
  switch (outcome.kind) {
    case 'not-implemented':
      return { status: 'fail', message: msg('check.not-implemented', language, { fn: outcome.error?.functionName ?? '?' }), ...where };
    case 'invalid':
      return { status: 'fail', message: language === 'nb' && outcome.error?.nb ? decimalComma(outcome.error.nb) : outcome.message, ...where };
    case 'exception':
      return {
        status: 'error',
        message: msg('check.exception', language, { name: outcome.error?.name ?? 'Error', message: outcome.message, where: frame ? `${frame.file}:${frame.line}` : '' }),
        ...where,
      };
    case 'timeout':
      return outcome.limit === 'idle' && outcome.cpuMs !== undefined
        ? {
            status: 'error',
            message: msg('check.timeout-idle', language, {
              phase: phaseName,
              idle: Math.round(IDLE_WINDOW_MS / 1000),
              wall: Math.round(outcome.ms / 1000),
              cpu: Math.round(outcome.cpuMs / 1000),
            }),
          }
        : { status: 'error', message: msg('check.timeout', language, { phase: phaseName, seconds: Math.round(limitMs(phase) / 1000) }) };
    case 'memory':
      return { status: 'error', message: msg('check.memory', language, { phase: phaseName, limit: gradingContext().limits.memoryMiB }) };
    case 'crashed':
      return { status: 'error', message: msg('check.crashed', language, { phase: phaseName, reason: outcome.message.replace(/^The submission crashed: /, '').replace(/\.$/, '') }) };
    case 'skipped':
      return { status: 'error', message: msg('check.skipped', language, { reason: outcome.message.replace(/^Not run, because an earlier step failed: /, '').replace(/\.$/, '') }) };
    case 'tampered':
      return { status: 'error', message: msg('check.tampered', language, { phase: phaseName }) };
  }
}

/** Declares a graded check. Its id must match one in the exercise manifest. */
export function check(id: string, fn: (api: CheckApi) => unknown | Promise<unknown>): void {
  registerCheck(id, async () => {
    let metric: CheckOutcome['metric'];
    let note: string | undefined;
    const api: CheckApi = {
      // NaN and infinite values are recorded as null: they are results too, and JSON cannot hold them.
      metric: (m) => void (metric = recordedMetric(m)),
      note: (text) => void (note = t(text)),
    };
    try {
      await fn(api);
      return { status: 'pass', message: note ?? msg('check.pass', gradingContext().language), ...(metric ? { metric } : {}) };
    } catch (error) {
      let outcome: CheckOutcome;
      if (error instanceof CheckFailure) {
        const d = error.detail;
        outcome = {
          status: 'fail',
          message: t(d.message),
          ...(d.expected !== undefined ? { expected: t(d.expected) } : {}),
          ...(d.found !== undefined ? { found: t(d.found) } : {}),
          ...hintFields(d.hint),
          ...(d.file ? { file: d.file } : {}),
          ...(d.line ? { line: d.line } : {}),
        };
        metric = d.metric ? recordedMetric(d.metric) : metric;
      } else if (error instanceof TaskFailure) {
        outcome = outcomeOfTaskFailure(error);
      } else if (error instanceof Error && error.name === 'AssertionError') {
        outcome = { status: 'fail', message: error.message };
      } else {
        outcome = { status: 'error', message: msg('check.grader-error', gradingContext().language, { message: error instanceof Error ? error.message : String(error) }) };
      }
      return { ...outcome, ...(metric ? { metric } : {}) };
    }
  });
}

export type Phase = 'build' | 'train' | 'predict';

function limitMs(phase: Phase): number {
  const limits = gradingContext().limits;
  return 1000 * (phase === 'build' ? limits.buildSeconds : phase === 'train' ? limits.trainSeconds : limits.predictSeconds);
}

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
    ...(context.progressFile ? { onTrainingProgress: (p: TrainingProgress) => appendFileSync(context.progressFile!, `${JSON.stringify(p)}\n`) } : {}),
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

/**
 * Starts the sandboxed child for this suite (before the first check) and stops it after the last one,
 * recording per-phase times for the result.
 */
export function useSubmission(): Submission {
  const context = gradingContext();
  let sandbox: Sandbox | undefined;
  let started: Promise<boolean> | undefined;
  let loaded: Promise<CallOutcome> | undefined;
  // Time counted against each phase's limit: CPU time where the sandbox can read it, else wall-clock time.
  const used: Record<Phase, number> = { build: 0, train: 0, predict: 0 };
  const wall: Record<Phase, number> = { build: 0, train: 0, predict: 0 };
  let countsCpu = true;
  const status: Partial<Record<Phase, PhaseResult['status']>> = {};
  const messages: Partial<Record<Phase, string>> = {};
  const notAttempted = new Set<string>();

  function record(phase: Phase, outcome: CallOutcome): void {
    wall[phase] += outcome.ms;
    used[phase] += outcome.cpuMs ?? outcome.ms;
    if (outcome.cpuMs === undefined && (outcome.ok || outcome.kind !== 'skipped')) countsCpu = false;
    if (outcome.ok) {
      status[phase] ??= 'ok';
      return;
    }
    if (outcome.kind === 'not-implemented' && outcome.error?.functionName) notAttempted.add(outcome.error.functionName);
    const mapped: PhaseResult['status'] =
      outcome.kind === 'not-implemented' ? 'not-attempted' : outcome.kind === 'timeout' ? 'timeout' : outcome.kind === 'crashed' || outcome.kind === 'memory' || outcome.kind === 'tampered' ? 'crashed' : outcome.kind === 'skipped' ? 'skipped' : 'error';
    if (status[phase] === undefined || status[phase] === 'ok') {
      status[phase] = mapped;
      messages[phase] = outcome.message;
    }
  }

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
    loaded ??= box.call('$load', null, Math.max(1000, limitMs('build') - used.build)).then((outcome) => {
      record('build', outcome);
      return outcome;
    });
    const load = await loaded;
    if (!load.ok) return load;
    const remaining = Math.max(1000, limitMs(phase) - used[phase]);
    const outcome = await box.call(name, args, remaining);
    record(phase, outcome);
    return outcome;
  }

  beforeAll(() => {
    ({ sandbox, started } = early ?? startSandbox(context));
    early = undefined;
  });

  afterAll(async () => {
    await sandbox?.close();
    const phases: PhaseResult[] = (['build', 'train', 'predict'] as const)
      .filter((phase) => status[phase] !== undefined)
      .map((phase) => ({
        name: phase,
        status: status[phase]!,
        durationMs: Math.round(wall[phase]),
        ...(countsCpu ? { cpuMs: Math.round(used[phase]) } : {}),
        limitMs: limitMs(phase),
        limitCounts: countsCpu ? ('cpu' as const) : ('wall' as const),
        ...(messages[phase] ? { message: messages[phase] } : {}),
      }));
    const sidecar: SuiteSidecar = {
      phases,
      ...(sandbox?.backend ? { backend: sandbox.backend } : {}),
      ...(sandbox?.startupError ? { startupError: sandbox.startupError } : {}),
      peakMemoryMiB: Math.round(sandbox?.peakMemoryMiB ?? 0),
      output: sandbox?.output ?? '',
      notAttempted: [...notAttempted].sort(),
      curves: [...curves.values()],
      ...(sandbox?.tampering.length ? { tampering: sandbox.tampering } : {}),
    };
    writeFileSync(context.sidecarFile, JSON.stringify(sidecar));
  });

  return {
    task<T>(name: string, phase: Phase, args?: () => unknown | Promise<unknown>, after: Task<unknown>[] = []): Task<T> {
      let promise: Promise<T> | undefined;
      return {
        value(): Promise<T> {
          promise ??= (async () => {
            for (const dependency of after) await dependency.value();
            const outcome = await run(name, phase, args ? await args() : undefined);
            if (!outcome.ok) throw new TaskFailure(outcome, phase);
            return outcome.value as T;
          })();
          return promise;
        },
      };
    },
    async stageData(name: string, bytes: ArrayBufferView): Promise<void> {
      await writeFile(path.join(context.staged.dataDir, path.basename(name)), new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    },
    async backend(): Promise<string> {
      const box = await ensureStarted();
      return box.backend?.name ?? 'cpu';
    },
  };
}

const curves = new Map<string, Curve>();

/**
 * Records a series the suite measured (the training loss per epoch, say) for the result and the reports:
 * the job summary draws it as a chart. Non-finite values are kept as null.
 */
export function recordCurve(id: string, title: Text, values: ArrayLike<number>): void {
  curves.set(id, { id, title: t(title), values: Array.from(values, (v) => (Number.isFinite(v) ? v : null)) });
}

/** Saves one picture: `draw` is called only when pictures were asked for, and a failure is only reported. */
export type SavePicture = (name: string, draw: () => Buffer | Promise<Buffer>) => Promise<void>;

/**
 * Pictures for the student (`grade --pictures DIR`): `draw` runs after the checks, from data the grader
 * holds and the tasks' settled values, and saves PNG files into DIR/<slug>/. It never changes a grade: a
 * task that failed or a picture that cannot be drawn is left out, and nothing runs when pictures were not
 * asked for.
 */
export function pictures(draw: (save: SavePicture) => Promise<void>): void {
  afterAll(async () => {
    const dir = gradingContext().picturesDir;
    if (!dir) return;
    await mkdir(dir, { recursive: true });
    const save: SavePicture = async (name, render) => {
      try {
        await writeFile(path.join(dir, `${name}.png`), await render());
      } catch (error) {
        console.warn(`The picture ${name} could not be drawn: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    await draw(save).catch((error: unknown) => console.warn(`Pictures could not be drawn: ${error instanceof Error ? error.message : String(error)}`));
  }, 120_000);
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

export { localized };
