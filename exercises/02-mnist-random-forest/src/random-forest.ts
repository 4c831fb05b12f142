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
  // TODO: write this part (see the README).
  throw new NotImplementedError('giniImpurity');
}

/**
 * The best split of one feature: the threshold that gives the largest impurity decrease, that is the
 * smallest `(leftCount * gini(left) + rightCount * gini(right))`. Candidate thresholds lie halfway between
 * two neighbouring distinct values; when several are equally good, take the smallest threshold. Labels are
 * class indices `0 .. nClasses - 1`. Returns null when there is no split at all (every value the same).
 */
export function bestSplit(values: ArrayLike<number>, labels: ArrayLike<number>, nClasses: number): Split | null {
  // TODO: write this part (see the README).
  throw new NotImplementedError('bestSplit');
}

/**
 * Trains a random forest on MNIST training images (row-major, 784 uint8 pixels per image) and their digit
 * labels, with the seed the grader gives (pass it on: the same seed gives the same forest). Choose the
 * hyperparameters: number of trees, features tried per split, depth, leaf size. Training must finish within
 * the exercise's time limit; more trees cost time and gain less and less accuracy.
 */
export function trainForest(images: Uint8Array, labels: Uint8Array, seed: number): RandomForestClassifier {
  // TODO: write this part (see the README).
  throw new NotImplementedError('trainForest');
}
