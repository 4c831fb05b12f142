/**
 * The best threshold split of one feature, written plainly (sort, then scan) as the reference that the
 * forest's histogram search agrees with, and as the building block a student exercise asks for.
 */
import { RandomForestError, describeValue } from './errors.ts';
import { entropyImpurity, giniImpurity } from './impurity.ts';

/** How node impurity is measured: Gini impurity or entropy (in bits). */
export type Criterion = 'gini' | 'entropy';

/** Options of {@link bestSplit}. */
export interface BestSplitOptions {
  /** Impurity measure. @default 'gini' */
  criterion?: Criterion;
  /** Fewest samples allowed on each side of the split. @default 1 */
  minSamplesLeaf?: number;
  /** Number of classes; labels are `0..nClasses-1`. @default the largest label + 1 */
  nClasses?: number;
}

/** A split of one feature: samples with `value <= threshold` go left, all others go right. */
export interface Split {
  /** Midpoint between the largest value sent left and the smallest value sent right. */
  threshold: number;
  /** Number of samples with `value <= threshold`. */
  leftCount: number;
  /** Number of samples with `value > threshold`. */
  rightCount: number;
  /** Impurity of all samples before the split. */
  impurity: number;
  /** Impurity of the left samples. */
  leftImpurity: number;
  /** Impurity of the right samples. */
  rightImpurity: number;
  /** `impurity - (leftCount / n) * leftImpurity - (rightCount / n) * rightImpurity`. */
  impurityDecrease: number;
}

/** Checks that labels are non-negative integers below `nClasses` and returns `nClasses`. */
export function countClasses(labels: ArrayLike<number>, nClasses: number | undefined, name = 'labels'): number {
  let max = -1;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!;
    if (!Number.isInteger(y) || y < 0) {
      throw new RandomForestError('LABGRADE_RF_INVALID_DATA', `Expected ${name}[${i}] to be a non-negative integer class index, but got ${describeValue(y)}.`);
    }
    if (y > max) max = y;
  }
  if (nClasses === undefined) return max + 1;
  if (!Number.isInteger(nClasses) || nClasses < 1 || max >= nClasses) {
    throw new RandomForestError(
      'LABGRADE_RF_INVALID_DATA',
      `Expected nClasses to be a positive integer above every label (largest label ${max}), but got ${describeValue(nClasses)}.`,
    );
  }
  return nClasses;
}

/**
 * Finds the threshold of one feature that minimises the size-weighted impurity of the two sides.
 * Semantics: left = `value <= threshold`, right = `value > threshold`; the threshold is the midpoint between
 * adjacent distinct values (as in scikit-learn); ties go to the smallest threshold. Returns `null` when no
 * split leaves at least `minSamplesLeaf` samples on both sides (for example, a constant feature).
 */
export function bestSplit(values: ArrayLike<number>, labels: ArrayLike<number>, options: BestSplitOptions = {}): Split | null {
  const n = values.length;
  if (labels.length !== n) {
    throw new RandomForestError('LABGRADE_RF_INVALID_DATA', `Expected as many labels as values (${n}), but got ${labels.length}. Pass one label per sample.`);
  }
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(values[i]!)) {
      throw new RandomForestError('LABGRADE_RF_INVALID_DATA', `Expected values[${i}] to be a number, but got NaN.`);
    }
  }
  const criterion = options.criterion ?? 'gini';
  if (criterion !== 'gini' && criterion !== 'entropy') {
    throw new RandomForestError('LABGRADE_RF_INVALID_OPTION', `Expected criterion to be "gini" or "entropy", but got ${describeValue(criterion)}.`);
  }
  const minSamplesLeaf = options.minSamplesLeaf ?? 1;
  if (!Number.isInteger(minSamplesLeaf) || minSamplesLeaf < 1) {
    throw new RandomForestError('LABGRADE_RF_INVALID_OPTION', `Expected minSamplesLeaf to be a positive integer, but got ${describeValue(minSamplesLeaf)}.`);
  }
  const k = countClasses(labels, options.nClasses);
  const impurityOf = criterion === 'gini' ? giniImpurity : entropyImpurity;

  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
  const parent = new Float64Array(k);
  for (let i = 0; i < n; i++) parent[labels[i]!]! += 1;
  const left = new Float64Array(k);
  const right = Float64Array.from(parent);

  let bestScore = Infinity;
  let bestPos = -1;
  for (let pos = 1; pos < n; pos++) {
    const y = labels[order[pos - 1]!]!;
    left[y]! += 1;
    right[y]! -= 1;
    const lo = values[order[pos - 1]!]!;
    const hi = values[order[pos]!]!;
    if (lo === hi || pos < minSamplesLeaf || n - pos < minSamplesLeaf) continue;
    // The same size-weighted child impurity that the forest's histogram search minimises.
    const score = pos * impurityOf(left) + (n - pos) * impurityOf(right);
    if (score < bestScore) {
      bestScore = score;
      bestPos = pos;
    }
  }
  if (bestPos < 0) return null;

  left.fill(0);
  for (let pos = 0; pos < bestPos; pos++) left[labels[order[pos]!]!]! += 1;
  for (let c = 0; c < k; c++) right[c] = parent[c]! - left[c]!;
  const impurity = impurityOf(parent);
  const leftImpurity = impurityOf(left);
  const rightImpurity = impurityOf(right);
  return {
    threshold: midpoint(values[order[bestPos - 1]!]!, values[order[bestPos]!]!),
    leftCount: bestPos,
    rightCount: n - bestPos,
    impurity,
    leftImpurity,
    rightImpurity,
    impurityDecrease: impurity - (bestPos / n) * leftImpurity - ((n - bestPos) / n) * rightImpurity,
  };
}

/** Midpoint of `lo < hi`, kept strictly below `hi` so that `hi` still goes right after rounding. */
export function midpoint(lo: number, hi: number): number {
  const mid = lo / 2 + hi / 2;
  return mid >= hi ? lo : mid;
}
