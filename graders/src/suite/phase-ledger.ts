/**
 * What a suite's submission used of each phase (build, train, predict) and how each ended, from the outcomes
 * of the tasks it ran: the time counted against the phase's limit, and the phases of the result.
 */
import type { PhaseResult } from '../core/result.ts';
import type { CallOutcome } from '../sandbox/sandbox.ts';
import { gradingContext } from './text.ts';

export type Phase = 'build' | 'train' | 'predict';

const PHASES = ['build', 'train', 'predict'] as const;

/** The phase's limit from the grading context, in milliseconds. */
export function limitMs(phase: Phase): number {
  const limits = gradingContext().limits;
  return 1000 * (phase === 'build' ? limits.buildSeconds : phase === 'train' ? limits.trainSeconds : limits.predictSeconds);
}

/** How a failed task ends its phase. */
function phaseStatus(outcome: Extract<CallOutcome, { ok: false }>): PhaseResult['status'] {
  switch (outcome.kind) {
    case 'not-implemented':
      return 'not-attempted';
    case 'timeout':
      return 'timeout';
    case 'crashed':
    case 'memory':
    case 'tampered':
      return 'crashed';
    case 'skipped':
      return 'skipped';
    default:
      return 'error';
  }
}

export class PhaseLedger {
  // Time counted against each phase's limit: CPU time where the sandbox can read it, else wall-clock time.
  readonly #used: Record<Phase, number> = { build: 0, train: 0, predict: 0 };
  readonly #wall: Record<Phase, number> = { build: 0, train: 0, predict: 0 };
  #countsCpu = true;
  readonly #status: Partial<Record<Phase, PhaseResult['status']>> = {};
  readonly #messages: Partial<Record<Phase, string>> = {};
  /** The functions the submission left as stubs. */
  readonly notAttempted = new Set<string>();

  /** Records the outcome of a task run in `phase`. */
  record(phase: Phase, outcome: CallOutcome): void {
    this.#wall[phase] += outcome.ms;
    this.#used[phase] += outcome.cpuMs ?? outcome.ms;
    if (outcome.cpuMs === undefined && (outcome.ok || outcome.kind !== 'skipped')) this.#countsCpu = false;
    if (outcome.ok) {
      this.#status[phase] ??= 'ok';
      return;
    }
    if (outcome.kind === 'not-implemented' && outcome.error?.functionName) this.notAttempted.add(outcome.error.functionName);
    if (this.#status[phase] === undefined || this.#status[phase] === 'ok') {
      this.#status[phase] = phaseStatus(outcome);
      this.#messages[phase] = outcome.message;
    }
  }

  /** What is left of the phase's limit, and never less than a second. */
  remainingMs(phase: Phase): number {
    return Math.max(1000, limitMs(phase) - this.#used[phase]);
  }

  /** The phases a task ran in, as the result records them. */
  phases(): PhaseResult[] {
    const countsCpu = this.#countsCpu;
    return PHASES.filter((phase) => this.#status[phase] !== undefined).map((phase) => ({
      name: phase,
      status: this.#status[phase]!,
      durationMs: Math.round(this.#wall[phase]),
      ...(countsCpu ? { cpuMs: Math.round(this.#used[phase]) } : {}),
      limitMs: limitMs(phase),
      limitCounts: countsCpu ? ('cpu' as const) : ('wall' as const),
      ...(this.#messages[phase] ? { message: this.#messages[phase] } : {}),
    }));
  }
}
