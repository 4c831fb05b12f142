/**
 * Exercise 07: tables in neuroscience. Predict dementia (CDR > 0) from a cohort table with the columns of
 * OASIS-1 (sex, handedness, age, education, socioeconomic status, MMSE, intracranial volume, normalised
 * whole-brain volume, atlas scaling factor), where some SES and MMSE values are missing.
 *
 * Implement the functions below. The grader generates a synthetic training cohort and a held-out cohort
 * whose diagnoses it keeps to itself, runs your preparation and your model, and computes ROC AUC and the
 * sensitivity at 90 % specificity itself. Graded threshold: ROC AUC >= 0.85.
 */
import * as tf from '@tensorflow/tfjs';
import { createRandom, fit, NotImplementedError } from 'labgrade/runtime';

/** One participant, as in the OASIS cross-sectional table; null where a value is missing. */
export interface CohortRow {
  id: string;
  sex: 'M' | 'F';
  hand: 'R' | 'L';
  age: number;
  /** Education, 1 (less than high school) to 5 (beyond college). */
  educ: number | null;
  /** Socioeconomic status (Hollingshead), 1 (highest) to 5 (lowest). */
  ses: number | null;
  /** Mini-Mental State Examination, 0 to 30. */
  mmse: number | null;
  /** Clinical Dementia Rating (0 none, 0.5 very mild, 1 mild, 2 moderate); null for held-out rows. */
  cdr: number | null;
  /** Estimated total intracranial volume (cm^3). */
  etiv: number;
  /** Normalised whole-brain volume (brain / eTIV). */
  nwbv: number;
  /** Atlas scaling factor (about 1755 / eTIV). */
  asf: number;
}

/** A numeric feature table: one row per participant, `columns.length` values per row (row-major). */
export interface Prepared {
  features: Float32Array;
  columns: string[];
}

/**
 * What training returns: what `await model.fit(...)` gives (a tf.History), or `{ history: await fit(...) }`
 * with `fit` from 'labgrade/runtime'. The grader reads the loss of each epoch from it.
 */
export type TrainingHistory = tf.History | { history: { loss: number[]; acc?: number[] } };

/** The threshold that reaches a target specificity, and the sensitivity there. */
export interface OperatingPoint {
  threshold: number;
  sensitivity: number;
  specificity: number;
}

// ---------- Table helpers (given): what pandas did in a notebook, for arrays of row objects ----------

/** The values of one column, in row order, like `df[name].tolist()`: null where a value is missing. */
function columnOf<K extends keyof CohortRow>(rows: readonly CohortRow[], name: K): CohortRow[K][] {
  return rows.map((row) => row[name]);
}

/** The rows at the given positions, like `df.iloc[positions]`. */
function pick<T>(rows: readonly T[], positions: readonly number[]): T[] {
  return positions.map((p) => rows[p]!);
}

/** The median of the values that are not null, like `series.median()`; NaN when there are none. */
function median(values: readonly (number | string | null)[]): number {
  const sorted = values.filter((v): v is number => typeof v === 'number').sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Mean and standard deviation (dividing by n, like `series.std(ddof=0)`) of a list of numbers. */
function meanAndStd(values: readonly number[]): { mean: number; std: number } {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  return { mean, std: Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length) };
}

/** 1 when `value` is `yes`, else 0: a yes/no column as a number, like `(df.sex == 'F').astype(int)`. */
function indicator<T>(value: T, yes: T): number {
  return value === yes ? 1 : 0;
}

/**
 * Turns every row into numbers a model can use, with no missing values: encode sex and handedness, fill in
 * missing values, and standardise. Every statistic it needs (medians to fill in, means and standard
 * deviations to scale) comes from the rows listed in `trainRows` only; the other rows are transformed with
 * those same statistics.
 */
export function prepare(rows: CohortRow[], trainRows: number[]): Prepared {
  // TODO: write this part (see the README).
  // 1. Statistics from the training rows only, e.g. median(columnOf(pick(rows, trainRows), 'mmse')).
  // 2. One list of numbers per participant: indicator(row.sex, 'F'), ..., row.mmse ?? that median, ...
  // 3. Standardise each column with meanAndStd of its training values; write every row into one
  //    Float32Array (row r, column c at r * columns.length + c).
  throw new NotImplementedError('prepare');
}

/** Builds a classifier for `inputs` features ending in one sigmoid unit (the probability of dementia), compiled. */
export function buildModel(inputs: number): tf.Sequential {
  // TODO: write this part (see the README).
  const model = tf.sequential();
  // model.add(tf.layers.dense({ inputShape: [inputs], units: ..., activation: ... }));  // a small hidden layer
  // model.add(tf.layers.dense({ units: 1, activation: ... }));  // one probability
  // model.compile({ optimizer: tf.train.adam(...), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  // return model;
  throw new NotImplementedError('buildModel');
}

/** Trains the classifier on prepared training rows `xs` ([n, inputs]) and labels `ys` ([n, 1], 1 = dementia). */
export async function trainModel(model: tf.Sequential, xs: tf.Tensor2D, ys: tf.Tensor2D): Promise<TrainingHistory> {
  // TODO: write this part (see the README).
  // return await model.fit(xs, ys, { epochs: ..., batchSize: ... });
  throw new NotImplementedError('trainModel');
}

/**
 * The operating point for a screening test that must keep a given specificity: among the thresholds
 * "positive when score >= threshold", with threshold one of the scores, take those whose specificity is at
 * least `targetSpecificity`, and of those the one with the highest sensitivity (the lowest such threshold).
 * If no threshold reaches the target, return threshold Infinity (nobody positive: sensitivity 0,
 * specificity 1).
 */
export function sensitivityAtSpecificity(scores: ArrayLike<number>, labels: ArrayLike<number>, targetSpecificity: number): OperatingPoint {
  // TODO: write this part (see the README).
  throw new NotImplementedError('sensitivityAtSpecificity');
}

/**
 * Permutation importance of one feature column: how much the ROC AUC of `predict` falls when that column's
 * values are shuffled between rows (with `seed`), breaking its link to the outcome while keeping its
 * distribution. Returns AUC before minus AUC after. Must not change `features`.
 */
export async function permutationImportance(
  predict: (features: Float32Array) => Float32Array | Promise<Float32Array>,
  features: Float32Array,
  labels: ArrayLike<number>,
  columns: number,
  column: number,
  seed: number,
): Promise<number> {
  // TODO: write this part (see the README).
  throw new NotImplementedError('permutationImportance');
}

/**
 * ROC AUC: the share of (positive, negative) pairs whose positive has the higher score, ties counting 1/2
 * (NaN when there is no such pair). `permutationImportance` needs it: write it, or copy the one you wrote in
 * exercise 06.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  // TODO: write this part (see the README).
  throw new NotImplementedError('rocAuc');
}
