/**
 * Exercise 02: the classical baseline. A random forest on MNIST pixels, before any neural network.
 *
 * First write the two building blocks every decision tree is made of: the Gini impurity of a node, and the
 * best threshold split of one feature. The grader checks them on exact values. Then train the project's
 * random forest (RandomForestClassifier from labgrade/runtime, which is built from the same blocks) with
 * hyperparameters you choose; the grader measures its accuracy on the 10,000 test images.
 */
import { NotImplementedError, RandomForestClassifier } from 'labgrade/runtime';

/** A split of one feature: samples with `value <= threshold` go left, all others go right. */
export interface Split {
  /** Midpoint between the largest value sent left and the smallest value sent right. */
  threshold: number;
  /** Number of samples with `value <= threshold`. */
  leftCount: number;
  /** Number of samples with `value > threshold`. */
  rightCount: number;
  /** Gini impurity of all samples minus the size-weighted Gini impurity of the two sides. */
  impurityDecrease: number;
}

/**
 * Gini impurity of a node from its class counts: `1 - sum over classes of p_k^2`, with `p_k` the fraction of
 * the node's samples in class k. 0 for a pure node, and 0 for an empty node (all counts 0).
 */
export function giniImpurity(counts: ArrayLike<number>): number {
  // BEGIN SOLUTION
  let total = 0;
  for (let k = 0; k < counts.length; k++) total += counts[k]!;
  if (total <= 0) return 0;
  let sumSquares = 0;
  for (let k = 0; k < counts.length; k++) sumSquares += (counts[k]! / total) ** 2;
  return 1 - sumSquares;
  // END SOLUTION
}

/**
 * The best split of one feature: the threshold that gives the largest impurity decrease, that is the
 * smallest `(leftCount * gini(left) + rightCount * gini(right))`. Candidate thresholds lie halfway between
 * two neighbouring distinct values; when several are equally good, take the smallest threshold. Labels are
 * class indices `0 .. nClasses - 1`. Returns null when there is no split at all (every value the same).
 */
export function bestSplit(values: ArrayLike<number>, labels: ArrayLike<number>, nClasses: number): Split | null {
  // BEGIN SOLUTION
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const all = new Float64Array(nClasses);
  for (let i = 0; i < n; i++) all[labels[i]!]! += 1;
  const left = new Float64Array(nClasses);
  const right = Float64Array.from(all);
  let best: { score: number; pos: number } | null = null;
  for (let pos = 1; pos < n; pos++) {
    const y = labels[order[pos - 1]!]!;
    left[y]! += 1;
    right[y]! -= 1;
    if (values[order[pos - 1]!] === values[order[pos]!]) continue;
    const score = pos * giniImpurity(left) + (n - pos) * giniImpurity(right);
    if (best === null || score < best.score) best = { score, pos };
  }
  if (best === null) return null;
  const lo = values[order[best.pos - 1]!]!;
  const hi = values[order[best.pos]!]!;
  return {
    threshold: (lo + hi) / 2,
    leftCount: best.pos,
    rightCount: n - best.pos,
    impurityDecrease: giniImpurity(all) - best.score / n,
  };
  // END SOLUTION
}

/**
 * Trains a random forest on MNIST training images (row-major, 784 uint8 pixels per image) and their digit
 * labels, with the seed the grader gives (pass it on: the same seed gives the same forest). Choose the
 * hyperparameters: number of trees, features tried per split, depth, leaf size. Training must finish within
 * the exercise's time limit; more trees cost time and gain less and less accuracy.
 */
export function trainForest(images: Uint8Array, labels: Uint8Array, seed: number): RandomForestClassifier {
  // BEGIN SOLUTION
  return new RandomForestClassifier({ seed, nTrees: 100, maxFeatures: 'sqrt' }).fit(images, labels);
  // END SOLUTION
}
