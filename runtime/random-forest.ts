/**
 * The project's random forest classifier, with scikit-learn's hyperparameters and defaults. Features are a
 * dense row-major matrix: uint8 (MNIST pixels) or float32 (tabular data, quantised into at most 256 bins per
 * feature by quantiles). Training is single-threaded and deterministic: the same seed gives the same forest
 * and the same predictions, bit for bit.
 */
import { createRandom, deriveSeed } from './seed.ts';
import { binFeatures } from './random-forest/binning.ts';
import { RandomForestError, describeValue } from './random-forest/errors.ts';
import type { DecodeOptions, ForestModel, SerializedRandomForest } from './random-forest/forest-model.ts';
import { assembleModel, decodeModel, encodeModel, predictModelProba } from './random-forest/forest-model.ts';
import type { RandomForestOptions, ResolvedRandomForestOptions } from './random-forest/options.ts';
import { resolveMaxFeatures, resolveOptions } from './random-forest/options.ts';
import type { Tree } from './random-forest/tree-builder.ts';
import { TreeBuilder } from './random-forest/tree-builder.ts';

export { bestSplit } from './random-forest/best-split.ts';
export type { BestSplitOptions, Criterion, Split } from './random-forest/best-split.ts';
export { RandomForestError } from './random-forest/errors.ts';
export type { RandomForestErrorCode } from './random-forest/errors.ts';
export { entropyImpurity, giniImpurity } from './random-forest/impurity.ts';
export type { RandomForestOptions, ResolvedRandomForestOptions } from './random-forest/options.ts';
export type { DecodeOptions, SerializedRandomForest } from './random-forest/forest-model.ts';

/** A dense row-major feature matrix: uint8 values, or float32 values that are quantised for training. */
export type FeatureMatrix = Uint8Array | Float32Array;

function invalidData(message: string): RandomForestError {
  return new RandomForestError('LABGRADE_RF_INVALID_DATA', message);
}

function checkMatrix(x: unknown, name: string): asserts x is FeatureMatrix {
  if (!(x instanceof Uint8Array) && !(x instanceof Float32Array)) {
    throw invalidData(
      `Expected ${name} to be a Uint8Array or Float32Array (row-major, rows x features), but got ${describeValue(x)}` +
        `${typeof x === 'object' && x !== null ? ` (${x.constructor.name})` : ''}.`,
    );
  }
}

/** A random forest classifier: `new RandomForestClassifier({ seed: 42 }).fit(x, y).predict(xTest)`. */
export class RandomForestClassifier {
  /** The validated options with defaults filled in. */
  readonly options: ResolvedRandomForestOptions;
  private model: ForestModel | null = null;

  /** Validates the options at once, so that a bad value fails before any training time is spent. */
  constructor(options: RandomForestOptions) {
    this.options = resolveOptions(options);
  }

  /** Trains on `x` (row-major, `labels.length` rows) and integer class labels; returns this forest. */
  fit(x: FeatureMatrix, labels: ArrayLike<number>): this {
    checkMatrix(x, 'x');
    const n = labels?.length;
    if (typeof n !== 'number' || n < 1) throw invalidData(`Expected at least one label, but got ${describeValue(labels)}.`);
    const d = x.length / n;
    if (!Number.isInteger(d) || d < 1) {
      throw invalidData(`Expected x to hold labels.length (${n}) rows of equal length, but it has ${x.length} values. Pass one label per row.`);
    }
    const { classes, codes } = encodeLabels(labels);
    const { nTrees, seed, bootstrap, maxFeatures, maxDepth, minSamplesSplit, minSamplesLeaf, criterion } = this.options;
    const params = { maxFeatures: resolveMaxFeatures(maxFeatures, d), maxDepth, minSamplesSplit, minSamplesLeaf, criterion };
    const builder = new TreeBuilder(binFeatures(x, n, d), codes, classes.length, params);
    const weights = new Int32Array(n);
    const trees: Tree[] = [];
    // One stream for all trees, drawn in tree order (one generator also keeps the hot loop monomorphic).
    const random = createRandom(deriveSeed(seed, 'random-forest'));
    for (let t = 0; t < nTrees; t++) {
      if (bootstrap) {
        weights.fill(0);
        for (let i = 0; i < n; i++) weights[Math.floor(random() * n)]! += 1;
      } else {
        weights.fill(1);
      }
      trees.push(builder.build(weights, random));
    }
    this.model = assembleModel(trees, d, classes);
    return this;
  }

  /** Class probabilities, row-major `rows x nClasses` in the order of {@link classes}: leaf proportions averaged over trees. */
  predictProba(x: FeatureMatrix): Float64Array {
    const model = this.fitted('predictProba');
    return predictModelProba(model, x, this.rowsOf(x, model));
  }

  /** The most probable class label of each row (the smallest label on ties). */
  predict(x: FeatureMatrix): Int32Array {
    const model = this.fitted('predict');
    const rows = this.rowsOf(x, model);
    const proba = predictModelProba(model, x, rows);
    const k = model.classes.length;
    const out = new Int32Array(rows);
    for (let r = 0; r < rows; r++) {
      let best = 0;
      for (let c = 1; c < k; c++) if (proba[r * k + c]! > proba[r * k + best]!) best = c;
      out[r] = model.classes[best]!;
    }
    return out;
  }

  /** Class labels seen in training, ascending; column `c` of {@link predictProba} belongs to `classes[c]`. */
  get classes(): Int32Array {
    return this.fitted('classes').classes.slice();
  }

  /** Number of features per row that the forest was trained on. */
  get nFeatures(): number {
    return this.fitted('nFeatures').nFeatures;
  }

  /** Number of nodes over all trees (a measure of size). */
  get nodeCount(): number {
    return this.fitted('nodeCount').feature.length;
  }

  /** Mean decrease in impurity per feature, averaged over trees and normalised to sum 1. */
  featureImportances(): Float64Array {
    return this.fitted('featureImportances').importances.slice();
  }

  /** The trained forest as JSON-safe data (base64 typed arrays), for {@link RandomForestClassifier.deserialize}. */
  serialize(): SerializedRandomForest {
    return encodeModel(this.fitted('serialize'), this.options);
  }

  /** A trained forest from {@link serialize}'s data, after checking its size and every index in it. */
  static deserialize(data: unknown, options: DecodeOptions = {}): RandomForestClassifier {
    const decoded = decodeModel(data, options);
    const forest = new RandomForestClassifier(decoded.options);
    forest.model = decoded.model;
    return forest;
  }

  private fitted(method: string): ForestModel {
    if (this.model === null) {
      throw new RandomForestError('LABGRADE_RF_NOT_FITTED', `Cannot call ${method} before fit. Call forest.fit(x, labels) first.`);
    }
    return this.model;
  }

  private rowsOf(x: FeatureMatrix, model: ForestModel): number {
    checkMatrix(x, 'x');
    const rows = x.length / model.nFeatures;
    if (!Number.isInteger(rows)) {
      throw invalidData(
        `Expected x to hold rows of ${model.nFeatures} features (as in training), but its ${x.length} values are not a multiple of ${model.nFeatures}.`,
      );
    }
    return rows;
  }
}

/** Maps integer labels to class indices `0..k-1` in ascending label order. */
function encodeLabels(labels: ArrayLike<number>): { classes: Int32Array; codes: Int32Array } {
  const seen = new Set<number>();
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!;
    if (!Number.isInteger(y) || y < -(2 ** 31) || y >= 2 ** 31) {
      throw invalidData(`Expected labels[${i}] to be an integer class label, but got ${describeValue(y)}.`);
    }
    seen.add(y);
  }
  const classes = Int32Array.from([...seen].sort((a, b) => a - b));
  const index = new Map<number, number>();
  classes.forEach((label, c) => index.set(label, c));
  const codes = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) codes[i] = index.get(labels[i]!)!;
  return { classes, codes };
}
