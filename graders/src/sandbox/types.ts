/** The sandbox's interface in types (the grader's side): how it is started, and what a task sent to the child comes to. */
import type { BackendChoice } from '../../../runtime/backend-choice.ts';
import type { TrainingProgress } from '../../../runtime/progress.ts';
import type { ErrorInfo } from '../child/protocol.ts';
import type { StagedSubmission } from './stage.ts';
import type { LimitKind } from './task-clock.ts';

/** How a task failed: the kinds a check's status and message are made from. */
export type FailureKind = 'not-implemented' | 'exception' | 'invalid' | 'timeout' | 'memory' | 'crashed' | 'skipped' | 'tampered';

/** A reply that was changed on its way from the child (its seal did not match), and the task it answered. */
export interface Tampering {
  task: string;
  reason: string;
}

/** `ms` is wall-clock time; `cpuMs` the child's CPU time during the task, where it can be read. */
export type CallOutcome =
  | { ok: true; value: unknown; ms: number; cpuMs?: number }
  | { ok: false; kind: FailureKind; message: string; error?: ErrorInfo; ms: number; cpuMs?: number; limit?: LimitKind };

export interface SandboxOptions {
  staged: StagedSubmission;
  submissionDir: string;
  backend: BackendChoice;
  seed: number;
  memoryMiB: number;
  /** Limit for the child to start and load TF.js. @default 60000 */
  startupTimeoutMs?: number;
  /** Training progress the child reports (from the runtime's fit or model.fit). */
  onTrainingProgress?: (progress: TrainingProgress) => void;
}
