/**
 * Exercise 06: deep learning on a table, the Wisconsin breast-cancer data (569 patients, 30 measurements of
 * cell nuclei from a fine-needle aspirate, malignant or benign).
 *
 * Implement the functions below. The grader checks the split and the scaling on the real table, the metrics
 * on cases with known answers, then trains your MLP and runs your in-context classifier on its own held-out
 * patients and computes ROC AUC itself. Graded thresholds: MLP ROC AUC >= 0.98, in-context ROC AUC >= 0.97.
 */
import * as tf from '@tensorflow/tfjs';
import { createRandom, deriveSeed, fit, NotImplementedError } from 'labgrade/runtime';

/** A table of numbers: `rows` x `columns` values, row after row (row-major). */
export interface Table {
  features: Float32Array;
  rows: number;
  columns: number;
}

/** Row numbers (0-based) of the training and the test part. */
export interface Split {
  train: number[];
  test: number[];
}

/** The scaled table (every row) and the statistics the scaling used, one per column. */
export interface Standardized {
  scaled: Float32Array;
  mean: number[];
  std: number[];
}

/**
 * What training returns: what `await model.fit(...)` gives (a tf.History), or `{ history: await fit(...) }`
 * with `fit` from 'labgrade/runtime'. The grader reads the loss of each epoch from it.
 */
export type TrainingHistory = tf.History | { history: { loss: number[]; acc?: number[] } };

/** Accuracy, sensitivity and specificity of the decisions "positive when probability >= threshold". */
export interface ThresholdMetrics {
  accuracy: number;
  sensitivity: number;
  specificity: number;
}

/**
 * Splits rows into training and test rows, stratified by label: for each label value with `n` rows, exactly
 * `Math.round(n * testFraction)` of them go to the test part, chosen at random with `seed`. The same seed
 * gives the same split. Every row is in exactly one part.
 */
export function stratifiedSplit(labels: ArrayLike<number>, testFraction: number, seed: number): Split {
  // TODO: write this part (see the README).
  throw new NotImplementedError('stratifiedSplit');
}

/**
 * Standardises every column: (value - mean) / std, with the mean and the standard deviation (divide by n)
 * computed on the training rows only, then applied to every row of the table. A column that is constant on
 * the training rows gets std 1.
 */
export function standardize(table: Table, trainRows: number[]): Standardized {
  // TODO: write this part (see the README).
  throw new NotImplementedError('standardize');
}

/**
 * Builds an MLP for `inputs` standardised features that ends in one unit with a sigmoid: the probability
 * that the tumour is malignant. Compile it here (optimizer, loss 'binaryCrossentropy').
 */
export function buildMlp(inputs: number): tf.Sequential {
  // TODO: write this part (see the README).
  const model = tf.sequential();
  // model.add(tf.layers.dense({ inputShape: [inputs], units: ..., activation: ... }));  // a small hidden layer (or two)
  // model.add(tf.layers.dense({ units: 1, activation: ... }));  // one probability
  // model.compile({ optimizer: tf.train.adam(...), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  // return model;
  throw new NotImplementedError('buildMlp');
}

/**
 * Trains the MLP on standardised training rows `xs` ([n, inputs]) and labels `ys` ([n, 1], 1 = malignant).
 * Returns the history (one loss per epoch).
 */
export async function trainMlp(model: tf.Sequential, xs: tf.Tensor2D, ys: tf.Tensor2D): Promise<TrainingHistory> {
  // TODO: write this part (see the README).
  // return await model.fit(xs, ys, { epochs: ..., batchSize: ... });
  throw new NotImplementedError('trainMlp');
}

/**
 * An in-context classifier in the spirit of TabPFN, with no training: for each query row, attention over
 * the labelled context rows. Each context row gets a score from its similarity to the query, the scores go
 * through a softmax (weights that sum to 1), and the prediction is the weighted mean of the context labels.
 * `contextX` is `contextY.length` rows of `columns` values, `queryX` any number of rows; returns the
 * probability of label 1 for each query row.
 */
export function inContextPredict(contextX: Float32Array, contextY: ArrayLike<number>, queryX: Float32Array, columns: number): Float32Array {
  // TODO: write this part (see the README).
  throw new NotImplementedError('inContextPredict');
}

/**
 * ROC AUC: the probability that a randomly chosen positive row (label 1) gets a higher score than a randomly
 * chosen negative row (label 0); a tie counts as one half. Returns NaN when either class is missing.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  // TODO: write this part (see the README).
  throw new NotImplementedError('rocAuc');
}

/**
 * Decides "positive" where probability >= threshold and compares with the labels: accuracy (share of right
 * decisions), sensitivity (share of positives found) and specificity (share of negatives called negative).
 * A rate whose denominator is 0 is NaN.
 */
export function thresholdMetrics(probabilities: ArrayLike<number>, labels: ArrayLike<number>, threshold = 0.5): ThresholdMetrics {
  // TODO: write this part (see the README).
  throw new NotImplementedError('thresholdMetrics');
}

/** The Brier score: the mean of (probability - label)^2. 0 is perfect; always saying 0.5 gives 0.25. */
export function brierScore(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  // TODO: write this part (see the README).
  throw new NotImplementedError('brierScore');
}
