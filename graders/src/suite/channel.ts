/**
 * The one channel from a hidden suite's worker back to the engine: the messages the worker posts on its
 * `parentPort`, in the order it posts them. Types only, shared by both sides (suite/ posts, engine/run-suite.ts
 * receives), so that neither side imports the other's code.
 */
import type { TrainingProgress } from '../../../runtime/progress.ts';
import type { CheckOutcome, Curve } from '../core/grading-context.ts';
import type { PhaseResult } from '../core/result.ts';

/** What the suite's submission did, posted when the suite is done with it (its sandbox closed). */
export interface SubmissionReport {
  phases: PhaseResult[];
  backend?: { name: string; tfBackend: string; tfjsVersion: string; backendPackageVersion?: string };
  startupError?: { message: string; code?: string };
  peakMemoryMiB: number;
  output: string;
  notAttempted: string[];
  /** Series the suite measured, such as the training loss per epoch. */
  curves?: Curve[];
  /** Replies of the child found changed on their way to the grader. */
  tampering?: { task: string; reason: string }[];
}

/** One check's outcome and how long it took. */
export interface CheckRecord {
  id: string;
  outcome: CheckOutcome;
  durationMs: number;
}

export type SuiteMessage =
  /** Training progress the child reported, passed on as it happens (for a progress bar). */
  | { kind: 'progress'; progress: TrainingProgress }
  /** The submission's record; a suite that uses its submission posts it once, before its outcomes. */
  | { kind: 'report'; report: SubmissionReport }
  /** Every check's outcome and the errors that stopped the suite as a whole: the last message. */
  | { kind: 'outcomes'; outcomes: CheckRecord[]; errors: string[] };
