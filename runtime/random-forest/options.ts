/** The forest's hyperparameters, named and defaulted as in scikit-learn's RandomForestClassifier. */
import type { Criterion } from './best-split.ts';
import { RandomForestError, describeValue } from './errors.ts';

/** Options of a random forest classifier. Only `seed` is required. */
export interface RandomForestOptions {
  /** Seed of every random draw (bootstrap samples, features per node): same seed, same forest. */
  seed: number;
  /** Number of trees. @default 100 */
  nTrees?: number;
  /**
   * Features examined per node: `'sqrt'` (floor of the square root of the feature count), `'log2'`, `'all'`,
   * an integer count, or a fraction in (0, 1) of the features. @default 'sqrt'
   */
  maxFeatures?: 'sqrt' | 'log2' | 'all' | number;
  /** Deepest level a tree may reach (the root is depth 0). @default Infinity (grow until leaves are pure) */
  maxDepth?: number;
  /** Fewest samples a node needs to be split. @default 2 */
  minSamplesSplit?: number;
  /** Fewest samples each leaf keeps. @default 1 */
  minSamplesLeaf?: number;
  /** Train each tree on a bootstrap sample (n draws with replacement) rather than on all samples. @default true */
  bootstrap?: boolean;
  /** Impurity measure for choosing splits. @default 'gini' */
  criterion?: Criterion;
}

/** Options with every default filled in. */
export type ResolvedRandomForestOptions = Required<RandomForestOptions>;

function invalid(message: string): RandomForestError {
  return new RandomForestError('LABGRADE_RF_INVALID_OPTION', message);
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

/** Checks every option and fills in the defaults; throws a {@link RandomForestError} naming the bad option. */
export function resolveOptions(options: RandomForestOptions): ResolvedRandomForestOptions {
  if (typeof options !== 'object' || options === null) {
    throw invalid(`Expected options to be an object with at least a seed, but got ${describeValue(options)}.`);
  }
  const known = new Set(['seed', 'nTrees', 'maxFeatures', 'maxDepth', 'minSamplesSplit', 'minSamplesLeaf', 'bootstrap', 'criterion']);
  for (const key of Object.keys(options)) {
    if (!known.has(key)) throw invalid(`Unknown option "${key}". Known options: ${[...known].join(', ')}.`);
  }
  const {
    seed,
    nTrees = 100,
    maxFeatures = 'sqrt',
    maxDepth = Infinity,
    minSamplesSplit = 2,
    minSamplesLeaf = 1,
    bootstrap = true,
    criterion = 'gini',
  } = options;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw invalid(`Expected seed to be an integer from 0 to 4294967295, but got ${describeValue(seed)}. Pass the exercise's seed.`);
  }
  if (!isPositiveInteger(nTrees)) throw invalid(`Expected nTrees to be a positive integer, but got ${describeValue(nTrees)}.`);
  if (typeof maxFeatures === 'number') {
    const fraction = maxFeatures > 0 && maxFeatures < 1;
    if (!fraction && !isPositiveInteger(maxFeatures)) {
      throw invalid(`Expected maxFeatures to be 'sqrt', 'log2', 'all', a positive integer or a fraction in (0, 1), but got ${describeValue(maxFeatures)}.`);
    }
  } else if (maxFeatures !== 'sqrt' && maxFeatures !== 'log2' && maxFeatures !== 'all') {
    throw invalid(`Expected maxFeatures to be 'sqrt', 'log2', 'all', a positive integer or a fraction in (0, 1), but got ${describeValue(maxFeatures)}.`);
  }
  if (maxDepth !== Infinity && !isPositiveInteger(maxDepth)) {
    throw invalid(`Expected maxDepth to be a positive integer or Infinity, but got ${describeValue(maxDepth)}.`);
  }
  if (!isPositiveInteger(minSamplesSplit) || minSamplesSplit < 2) {
    throw invalid(`Expected minSamplesSplit to be an integer of at least 2, but got ${describeValue(minSamplesSplit)}.`);
  }
  if (!isPositiveInteger(minSamplesLeaf)) {
    throw invalid(`Expected minSamplesLeaf to be a positive integer, but got ${describeValue(minSamplesLeaf)}.`);
  }
  if (typeof bootstrap !== 'boolean') throw invalid(`Expected bootstrap to be true or false, but got ${describeValue(bootstrap)}.`);
  if (criterion !== 'gini' && criterion !== 'entropy') {
    throw invalid(`Expected criterion to be "gini" or "entropy", but got ${describeValue(criterion)}.`);
  }
  return { seed, nTrees, maxFeatures, maxDepth, minSamplesSplit, minSamplesLeaf, bootstrap, criterion };
}

/** The number of features examined per node for `nFeatures` features. */
export function resolveMaxFeatures(maxFeatures: ResolvedRandomForestOptions['maxFeatures'], nFeatures: number): number {
  let count: number;
  if (maxFeatures === 'sqrt') count = Math.floor(Math.sqrt(nFeatures));
  else if (maxFeatures === 'log2') count = Math.floor(Math.log2(nFeatures));
  else if (maxFeatures === 'all') count = nFeatures;
  else if (maxFeatures < 1) count = Math.floor(maxFeatures * nFeatures);
  else {
    if (maxFeatures > nFeatures) {
      throw invalid(`Expected maxFeatures to be at most the number of features (${nFeatures}), but got ${maxFeatures}.`);
    }
    count = maxFeatures;
  }
  return Math.max(1, count);
}
