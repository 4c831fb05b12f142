/**
 * What every `--format` of `labgrade grade` implements, in the manner of vitest's reporters: hooks called as
 * the run goes, each optional. A per-exercise format (text, markdown) answers `onResult`; a whole-run format
 * (Gradescope, Classroom) answers `onEnd`; one format may do both. The CLI looks the format up in the map in
 * index.ts and calls the hooks, whatever the format.
 */
import type { GradeResult } from '../core/result.ts';
import type { BatchEntry } from '../engine/batch.ts';

/** What a grading run tells its reporter besides the results. */
export interface RunContext {
  /** How many exercises the run grades. */
  count: number;
  /** The exercises whose earlier result was reused rather than graded now, by id. */
  reused: ReadonlySet<string>;
  /** Print GitHub Classroom's two notices (`--no-notices` leaves them out). @default true */
  notices: boolean;
  /** Where a whole-run report is written. @default process.stdout */
  write: (text: string) => void;
}

export interface Reporter {
  /** The name `--format` gives. */
  readonly name: string;
  /** Options of `labgrade grade` that only this format reads, without their dashes (`no-notices`). */
  readonly options?: readonly string[];
  /** One exercise's report, printed as soon as that exercise is done, in the order named; nothing if undefined. */
  onResult?(result: GradeResult, context: RunContext): string | undefined;
  /** Called once every exercise is graded: a report over all of them, written with `context.write`. */
  onEnd?(results: GradeResult[], context: RunContext): void | Promise<void>;
  /** With `--submissions`: the class as a whole. A format without it describes one submission only. */
  onBatch?(entries: BatchEntry[], slugs: string[]): string;
  /** When the run could not grade at all: what the format prints anyway (Gradescope's 0, with the reason). */
  onError?(reason: string): string | undefined;
}
