/**
 * What a benchmark workload is: one job timed on the project's side and, when it has one, on a peer's side
 * (PyTorch, scikit-learn) on the same machine. Each workload lives in its own file under `workloads/` and is
 * registered in `workloads/index.ts`.
 */
import type { BackendName } from '../runtime/backend.ts';

/** One timed run. */
export interface Sample {
  /** Seconds of the timed part only (training, fitting, grading), not of loading data or starting up. */
  seconds: number;
  /**
   * CPU seconds of the same part, every thread of the process counted: on a machine shared with other work, a
   * steadier measure than wall-clock time, which the other work stretches.
   */
  cpuSeconds?: number;
  /** Accuracy reached, when the workload has one. */
  accuracy?: number;
}

/** A peer's run of the same workload, or why it could not run. */
export type PeerResult = { ok: true; name: string; sample: Sample } | { ok: false; name: string; note: string };

/** A benchmark entry. */
export interface Workload {
  /** Short stable name shown in the table (`mnist-mlp`). */
  name: string;
  /** One line saying what is timed. */
  description: string;
  /** TF.js backends the project side runs on; empty for workloads that do not use TF.js. @default ['wasm'] */
  backends?: BackendName[];
  /** Runs the project's side once (on the backend already selected). */
  runProject(): Promise<Sample>;
  /** Runs the peer once; absent when the workload has no peer. */
  runPeer?(): Promise<PeerResult>;
}

/** Starts timing the part of a run that a sample measures; `stop` gives its wall-clock and CPU seconds. */
export function startTiming(): { stop(): { seconds: number; cpuSeconds: number } } {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return {
    stop() {
      const used = process.cpuUsage(cpu);
      return { seconds: (performance.now() - wall) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
    },
  };
}
