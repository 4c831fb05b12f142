/**
 * The grader's own versions of what the table exercises (06, 07) ask students to write: stratified folds
 * drawn with the exercise seed, standardisation fitted on given rows, ROC AUC, threshold rates and the Brier
 * score. They live with the hidden suites (not in graders/src, which the student template carries).
 */
import { createRandom, deriveSeed } from '../../../runtime/seed.ts';

/** Assigns each row to one of `k` folds, stratified: each label's rows, shuffled with the seed, are dealt out in turn. */
export function stratifiedFolds(labels: ArrayLike<number>, k: number, seed: number): Int32Array {
  const fold = new Int32Array(labels.length);
  const values = [...new Set(Array.from(labels))].sort((a, b) => a - b);
  for (const value of values) {
    const rows: number[] = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] === value) rows.push(i);
    const random = createRandom(deriveSeed(seed, `folds-${value}`));
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    rows.forEach((row, position) => (fold[row] = position % k));
  }
  return fold;
}

/** Column means and population standard deviations over `rows` (a constant column gets std 1). */
export function columnStats(features: ArrayLike<number>, columns: number, rows: ArrayLike<number>): { mean: Float64Array; std: Float64Array } {
  const mean = new Float64Array(columns);
  const std = new Float64Array(columns);
  for (let k = 0; k < rows.length; k++) for (let c = 0; c < columns; c++) mean[c]! += features[rows[k]! * columns + c]!;
  for (let c = 0; c < columns; c++) mean[c]! /= rows.length;
  for (let k = 0; k < rows.length; k++) for (let c = 0; c < columns; c++) std[c]! += (features[rows[k]! * columns + c]! - mean[c]!) ** 2;
  for (let c = 0; c < columns; c++) std[c] = Math.sqrt(std[c]! / rows.length) || 1;
  return { mean, std };
}

/** Every row of the table standardised with the statistics of `fitRows`. */
export function standardizeWith(features: ArrayLike<number>, columns: number, fitRows: ArrayLike<number>): Float32Array {
  const { mean, std } = columnStats(features, columns, fitRows);
  const out = new Float32Array(features.length);
  for (let i = 0; i < features.length; i++) out[i] = (features[i]! - mean[i % columns]!) / std[i % columns]!;
  return out;
}

/** The given rows of a row-major table, in that order. */
export function pickRows(features: ArrayLike<number>, columns: number, rows: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rows.length * columns);
  for (let k = 0; k < rows.length; k++) for (let c = 0; c < columns; c++) out[k * columns + c] = features[rows[k]! * columns + c]!;
  return out;
}

/**
 * ROC AUC of scores against 0/1 labels, counted pair by pair: the share of (positive, negative) pairs where
 * the positive scores higher, ties counting one half. NaN when a class is missing.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const positives: number[] = [];
  const negatives: number[] = [];
  for (let i = 0; i < labels.length; i++) (labels[i] === 1 ? positives : negatives).push(scores[i]!);
  if (positives.length === 0 || negatives.length === 0) return Number.NaN;
  let wins = 0;
  for (const p of positives) for (const n of negatives) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (positives.length * negatives.length);
}

/** Accuracy, sensitivity and specificity of "positive when probability >= threshold"; a rate over 0 rows is NaN. */
export function thresholdRates(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  threshold = 0.5,
): { accuracy: number; sensitivity: number; specificity: number } {
  const counts = { tp: 0, fn: 0, tn: 0, fp: 0 };
  for (let i = 0; i < labels.length; i++) {
    const called = probabilities[i]! >= threshold;
    if (labels[i] === 1) counts[called ? 'tp' : 'fn']++;
    else counts[called ? 'fp' : 'tn']++;
  }
  return {
    accuracy: (counts.tp + counts.tn) / labels.length,
    sensitivity: counts.tp / (counts.tp + counts.fn),
    specificity: counts.tn / (counts.tn + counts.fp),
  };
}

/** Mean squared difference between probabilities and 0/1 labels. */
export function brierScore(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) sum += (probabilities[i]! - labels[i]!) ** 2;
  return sum / labels.length;
}
