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
  // BEGIN SOLUTION
  const byLabel = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const rows = byLabel.get(labels[i]!) ?? [];
    rows.push(i);
    byLabel.set(labels[i]!, rows);
  }
  const train: number[] = [];
  const test: number[] = [];
  for (const [label, rows] of [...byLabel].sort((a, b) => a[0] - b[0])) {
    const random = createRandom(deriveSeed(seed, `class-${label}`));
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    const nTest = Math.round(rows.length * testFraction);
    test.push(...rows.slice(0, nTest));
    train.push(...rows.slice(nTest));
  }
  return { train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };
  // END SOLUTION
}

/**
 * Standardises every column: (value - mean) / std, with the mean and the standard deviation (divide by n)
 * computed on the training rows only, then applied to every row of the table. A column that is constant on
 * the training rows gets std 1.
 */
export function standardize(table: Table, trainRows: number[]): Standardized {
  // BEGIN SOLUTION
  const { features, rows, columns } = table;
  const mean = new Array<number>(columns).fill(0);
  const std = new Array<number>(columns).fill(0);
  for (const r of trainRows) for (let c = 0; c < columns; c++) mean[c]! += features[r * columns + c]!;
  for (let c = 0; c < columns; c++) mean[c]! /= trainRows.length;
  for (const r of trainRows) {
    for (let c = 0; c < columns; c++) std[c]! += (features[r * columns + c]! - mean[c]!) ** 2;
  }
  for (let c = 0; c < columns; c++) std[c] = Math.sqrt(std[c]! / trainRows.length) || 1;
  const scaled = new Float32Array(rows * columns);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) scaled[r * columns + c] = (features[r * columns + c]! - mean[c]!) / std[c]!;
  }
  return { scaled, mean, std };
  // END SOLUTION
}

/**
 * Builds an MLP for `inputs` standardised features that ends in one unit with a sigmoid: the probability
 * that the tumour is malignant. Compile it here (optimizer, loss 'binaryCrossentropy').
 */
export function buildMlp(inputs: number): tf.Sequential {
  // BEGIN SOLUTION
  // STUB: const model = tf.sequential();
  // STUB: // model.add(tf.layers.dense({ inputShape: [inputs], units: ..., activation: ... }));  // a small hidden layer (or two)
  // STUB: // model.add(tf.layers.dense({ units: 1, activation: ... }));  // one probability
  // STUB: // model.compile({ optimizer: tf.train.adam(...), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  // STUB: // return model;
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [inputs], units: 32, activation: 'relu' }));
  model.add(tf.layers.dropout({ rate: 0.2 }));
  model.add(tf.layers.dense({ units: 16, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  return model;
  // END SOLUTION
}

/**
 * Trains the MLP on standardised training rows `xs` ([n, inputs]) and labels `ys` ([n, 1], 1 = malignant).
 * Returns the history (one loss per epoch).
 */
export async function trainMlp(model: tf.Sequential, xs: tf.Tensor2D, ys: tf.Tensor2D): Promise<TrainingHistory> {
  // BEGIN SOLUTION
  // STUB: // return await model.fit(xs, ys, { epochs: ..., batchSize: ... });
  const history = await fit(model, xs, ys, { epochs: 60, batchSize: 32, seed: 6 });
  return { history: { loss: history.loss } };
  // END SOLUTION
}

/**
 * An in-context classifier in the spirit of TabPFN, with no training: for each query row, attention over
 * the labelled context rows. Each context row gets a score from its similarity to the query, the scores go
 * through a softmax (weights that sum to 1), and the prediction is the weighted mean of the context labels.
 * `contextX` is `contextY.length` rows of `columns` values, `queryX` any number of rows; returns the
 * probability of label 1 for each query row.
 */
export function inContextPredict(contextX: Float32Array, contextY: ArrayLike<number>, queryX: Float32Array, columns: number): Float32Array {
  // BEGIN SOLUTION
  const n = contextY.length;
  const q = queryX.length / columns;
  // Similarity: minus the squared distance between standardised rows, divided by a temperature (like the
  // 1/sqrt(d) scaling of attention in a transformer).
  const temperature = Math.sqrt(columns);
  const out = new Float32Array(q);
  const scores = new Float64Array(n);
  for (let i = 0; i < q; i++) {
    let best = -Infinity;
    for (let j = 0; j < n; j++) {
      let d = 0;
      for (let c = 0; c < columns; c++) d += (queryX[i * columns + c]! - contextX[j * columns + c]!) ** 2;
      scores[j] = -d / temperature;
      if (scores[j]! > best) best = scores[j]!;
    }
    let total = 0;
    let positive = 0;
    for (let j = 0; j < n; j++) {
      const w = Math.exp(scores[j]! - best);
      total += w;
      positive += w * contextY[j]!;
    }
    out[i] = positive / total;
  }
  return out;
  // END SOLUTION
}

/**
 * ROC AUC: the probability that a randomly chosen positive row (label 1) gets a higher score than a randomly
 * chosen negative row (label 0); a tie counts as one half. Returns NaN when either class is missing.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  // BEGIN SOLUTION
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  // Mann-Whitney: the sum of the positives' ranks (ties get their average rank).
  let rankSum = 0;
  let positives = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]!] === scores[order[start]!]) end++;
    const averageRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (labels[order[k]!] === 1) {
        rankSum += averageRank;
        positives++;
      }
    }
    start = end + 1;
  }
  const negatives = scores.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
  // END SOLUTION
}

/**
 * Decides "positive" where probability >= threshold and compares with the labels: accuracy (share of right
 * decisions), sensitivity (share of positives found) and specificity (share of negatives called negative).
 * A rate whose denominator is 0 is NaN.
 */
export function thresholdMetrics(probabilities: ArrayLike<number>, labels: ArrayLike<number>, threshold = 0.5): ThresholdMetrics {
  // BEGIN SOLUTION
  let tp = 0;
  let tn = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < labels.length; i++) {
    const positive = probabilities[i]! >= threshold;
    if (labels[i] === 1) positive ? tp++ : fn++;
    else positive ? fp++ : tn++;
  }
  return { accuracy: (tp + tn) / labels.length, sensitivity: tp / (tp + fn), specificity: tn / (tn + fp) };
  // END SOLUTION
}

/** The Brier score: the mean of (probability - label)^2. 0 is perfect; always saying 0.5 gives 0.25. */
export function brierScore(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  // BEGIN SOLUTION
  let sum = 0;
  for (let i = 0; i < labels.length; i++) sum += (probabilities[i]! - labels[i]!) ** 2;
  return sum / labels.length;
  // END SOLUTION
}
