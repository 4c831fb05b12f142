/**
 * Checks as a suite declares them (`check(id, fn)`), and how whatever happens in one becomes its outcome:
 * a return passes, `fail(...)` fails with what was expected and found, a task that could not produce its
 * value ends the check as its failure says.
 */
import type { CheckOutcome } from '../core/grading-context.ts';
import { decimalComma, msg } from '../core/i18n.ts';
import { IDLE_WINDOW_MS, type CallOutcome } from '../sandbox/sandbox.ts';
import { limitMs, type Phase } from './phase-ledger.ts';
import { registerCheck } from './suite-runtime.ts';
import { gradingContext, t, type Text } from './text.ts';

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
        message: msg('check.exception', language, {
          name: outcome.error?.name ?? 'Error',
          message: outcome.message,
          where: frame ? `${frame.file}:${frame.line}` : '',
        }),
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
      return {
        status: 'error',
        message: msg('check.crashed', language, { phase: phaseName, reason: outcome.message.replace(/^The submission crashed: /, '').replace(/\.$/, '') }),
      };
    case 'skipped':
      return {
        status: 'error',
        message: msg('check.skipped', language, { reason: outcome.message.replace(/^Not run, because an earlier step failed: /, '').replace(/\.$/, '') }),
      };
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
        outcome = {
          status: 'error',
          message: msg('check.grader-error', gradingContext().language, { message: error instanceof Error ? error.message : String(error) }),
        };
      }
      return { ...outcome, ...(metric ? { metric } : {}) };
    }
  });
}
