/**
 * What an exercise's driver (`graders/suites/<slug>/driver.ts`) sees. The driver runs inside the child
 * process next to student code: it calls the student's functions and turns their results into plain data
 * (model topology, predictions, loss history) for the hidden suite, which scores them in the grader.
 */
import type * as tfType from '@tensorflow/tfjs';
import type { Localized } from '../../../runtime/language.ts';

export type { Localized };
/** @deprecated Use {@link Localized}. */
export type { Bilingual } from '../../../runtime/language.ts';

/**
 * Thrown by a driver when the submission returned something unusable; reported as the student's error, in
 * the grading's language.
 */
export class InvalidSubmissionError extends Error {
  readonly code = 'LABGRADE_INVALID_SUBMISSION';
  readonly nb: string;
  constructor(message: Localized) {
    super(message.en);
    this.nb = message.nb;
    this.name = 'InvalidSubmissionError';
  }
}

export interface DriverContext {
  tf: typeof tfType;
  /** An exported function of the submission, by name. Throws InvalidSubmissionError when it is missing. */
  fn<T extends (...args: never[]) => unknown>(name: string): T;
  /**
   * An exported value of the submission by name, whatever its type (a concept answer in src/answers.ts):
   * `found` is false when nothing of that name is exported.
   */
  exported(name: string): { found: boolean; value?: unknown };
  /** A data file the grader staged for this submission (training data, test inputs: never test labels). */
  readData(name: string): Uint8Array;
  /** State kept between tasks of one child, such as the model built in `build`. */
  state: Map<string, unknown>;
  /** The exercise seed for this grading. */
  seed: number;
  /** Seeds Math.random (and so TF.js initialisers and shuffling) for a named stream of the exercise seed. */
  reseed(stream: string): void;
}

export type DriverTask = (ctx: DriverContext, args: never) => unknown;
export type Driver = Record<string, DriverTask>;

/** Declares an exercise's driver. */
export function defineDriver<D extends Driver>(driver: D): D {
  return driver;
}

/** Whether an error is the stub's NotImplementedError (which must reach the grader as "not implemented"). */
export function isStubSentinel(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'LABGRADE_NOT_IMPLEMENTED';
}

/** What a student function returned or threw, made plain for the grader. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Runs one case of a student function and records what it returned or threw, so that one throwing case does
 * not hide the others; the stub's NotImplementedError is rethrown.
 */
export async function outcome<T>(run: () => T | Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (isStubSentinel(error)) throw error;
    return { ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}
