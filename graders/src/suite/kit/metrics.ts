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

/** The ROC curve's points (false positive rate, true positive rate), one per distinct score, from (0, 0) to (1, 1). */
export function rocPoints(scores: ArrayLike<number>, labels: ArrayLike<number>): { fpr: number; tpr: number }[] {
  const order = Array.from({ length: labels.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i] === 1 ? 1 : 0;
  const negatives = labels.length - positives;
  const points = [{ fpr: 0, tpr: 0 }];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    if (labels[order[k]!] === 1) tp++;
    else fp++;
    // Rows with the same score are called positive together: one point after the last of them.
    if (k + 1 === order.length || scores[order[k + 1]!] !== scores[order[k]!]) points.push({ fpr: fp / (negatives || 1), tpr: tp / (positives || 1) });
  }
  return points;
}
