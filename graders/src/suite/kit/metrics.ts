/** Metrics the grader computes from raw predictions and labels that never entered the child. */

/** Index of the largest value in each row of a [n, k] matrix. */
export function argmaxRows(values: Float32Array, k: number): Uint8Array {
  const n = values.length / k;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (values[i * k + j]! > values[i * k + best]!) best = j;
    out[i] = best;
  }
  return out;
}

/** Fraction of rows whose argmax equals the label. */
export function accuracy(probabilities: Float32Array, labels: Uint8Array, k: number): number {
  const predicted = argmaxRows(probabilities, k);
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) correct++;
  return correct / labels.length;
}

/** Mean categorical cross-entropy of probability rows against integer labels (clipped like Keras, 1e-7). */
export function crossEntropy(probabilities: Float32Array, labels: Uint8Array, k: number): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - 1e-7, Math.max(1e-7, probabilities[i * k + labels[i]!]!));
    sum -= Math.log(p);
  }
  return sum / labels.length;
}

/** Confusion matrix counts[true][predicted]. */
export function confusionMatrix(probabilities: Float32Array, labels: Uint8Array, k: number): number[][] {
  const predicted = argmaxRows(probabilities, k);
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < labels.length; i++) m[labels[i]!]![predicted[i]!]!++;
  return m;
}

/** Counts of values that are NaN or infinite. */
export function countNonFinite(values: ArrayLike<number>): number {
  let bad = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) bad++;
  return bad;
}

