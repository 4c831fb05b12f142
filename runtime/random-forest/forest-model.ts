/**
 * A trained forest as flat typed arrays, its prediction, and its JSON-safe serialized form: the grader may
 * receive a forest from the sandboxed child, so decoding checks sizes and every index before trusting them.
 */
import { Buffer } from 'node:buffer';
import { RandomForestError, describeValue } from './errors.ts';
import type { RandomForestOptions, ResolvedRandomForestOptions } from './options.ts';
import { resolveOptions } from './options.ts';
import type { Tree } from './tree-builder.ts';

/** All trees of a forest, concatenated. Tree `t` owns nodes `nodeOffsets[t]..nodeOffsets[t+1]-1`. */
export interface ForestModel {
  /** Number of features each row has. */
  nFeatures: number;
  /** The class label of each class index (sorted ascending). */
  classes: Int32Array;
  /** Start of each tree's nodes, plus the total at the end (length nTrees + 1). */
  nodeOffsets: Int32Array;
  /** Start of each tree's leaves, plus the total at the end (length nTrees + 1). */
  leafOffsets: Int32Array;
  /** Feature tested at each node, -1 at leaves. */
  feature: Int32Array;
  /** `value <= threshold` goes left. */
  threshold: Float64Array;
  /** Tree-local index of the left child (the right child follows it), or the tree-local leaf index at leaves. */
  child: Int32Array;
  /** Class proportions per leaf, `classes.length` per leaf. */
  leafValues: Float32Array;
  /** Mean decrease in impurity per feature, summing to 1 (all 0 when no tree split). */
  importances: Float64Array;
}

/** Concatenates grown trees into one model; importances are averaged over trees and normalised. */
export function assembleModel(trees: Tree[], nFeatures: number, classes: Int32Array): ForestModel {
  const nodeOffsets = new Int32Array(trees.length + 1);
  const leafOffsets = new Int32Array(trees.length + 1);
  const k = classes.length;
  trees.forEach((tree, t) => {
    nodeOffsets[t + 1] = nodeOffsets[t]! + tree.feature.length;
    leafOffsets[t + 1] = leafOffsets[t]! + tree.leafValues.length / k;
  });
  const feature = new Int32Array(nodeOffsets[trees.length]!);
  const threshold = new Float64Array(feature.length);
  const child = new Int32Array(feature.length);
  const leafValues = new Float32Array(leafOffsets[trees.length]! * k);
  const importances = new Float64Array(nFeatures);
  trees.forEach((tree, t) => {
    feature.set(tree.feature, nodeOffsets[t]!);
    threshold.set(tree.threshold, nodeOffsets[t]!);
    child.set(tree.child, nodeOffsets[t]!);
    leafValues.set(tree.leafValues, leafOffsets[t]! * k);
    for (let f = 0; f < nFeatures; f++) importances[f]! += tree.importances[f]!;
  });
  normalise(importances);
  return { nFeatures, classes, nodeOffsets, leafOffsets, feature, threshold, child, leafValues, importances };
}

function normalise(values: Float64Array): void {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  if (sum > 0) for (let i = 0; i < values.length; i++) values[i] = values[i]! / sum;
}

/** Class probabilities (`rows x nClasses`, row-major): each tree's leaf proportions, averaged over trees. */
export function predictModelProba(model: ForestModel, x: Uint8Array | Float32Array, rows: number): Float64Array {
  const { nFeatures: d, nodeOffsets, leafOffsets, feature, threshold, child, leafValues } = model;
  const k = model.classes.length;
  const nTrees = nodeOffsets.length - 1;
  const out = new Float64Array(rows * k);
  for (let t = 0; t < nTrees; t++) {
    // Trees outermost, so that one tree's nodes stay in cache while every row walks it.
    const nodeBase = nodeOffsets[t]!;
    const leafBase = leafOffsets[t]!;
    for (let r = 0; r < rows; r++) {
      const rowBase = r * d;
      let node = nodeBase;
      let f = feature[node]!;
      while (f >= 0) {
        const left = nodeBase + child[node]!;
        node = x[rowBase + f]! <= threshold[node]! ? left : left + 1;
        f = feature[node]!;
      }
      const leaf = (leafBase + child[node]!) * k;
      const o = r * k;
      for (let c = 0; c < k; c++) out[o + c]! += leafValues[leaf + c]!;
    }
  }
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / nTrees;
  return out;
}

/**
 * A forest as JSON-safe data: numbers and base64 strings of little-endian typed arrays (dtype in the field's
 * doc). `JSON.stringify` and Node's IPC carry it as is.
 */
export interface SerializedRandomForest {
  /** Always `'labgrade-random-forest'`. */
  format: 'labgrade-random-forest';
  /** Format version, 1. */
  version: 1;
  /** The options it was trained with; `maxDepth` is `null` for unlimited (JSON has no Infinity). */
  options: Omit<ResolvedRandomForestOptions, 'maxDepth'> & { maxDepth: number | null };
  /** Number of features each row has. */
  nFeatures: number;
  /** Class labels in class-index order. */
  classes: number[];
  /** Int32, length nTrees + 1. */
  nodeOffsets: string;
  /** Int32, length nTrees + 1. */
  leafOffsets: string;
  /** Int32, one per node. */
  feature: string;
  /** Float64, one per node. */
  threshold: string;
  /** Int32, one per node. */
  child: string;
  /** Float32, nClasses per leaf. */
  leafValues: string;
  /** Float64, one per feature. */
  importances: string;
}

/** Limits on what {@link decodeModel} accepts. */
export interface DecodeOptions {
  /** Largest decoded size in bytes of all arrays together. @default 268435456 (256 MiB) */
  maxBytes?: number;
  /** Most trees. @default Infinity */
  maxTrees?: number;
  /**
   * Most nodes in one tree. A tree grown on n samples has at most 2n - 1 nodes, so the training set's size
   * bounds it: a larger tree was not grown on that data. @default Infinity
   */
  maxNodesPerTree?: number;
}

function encode(array: Int32Array | Float32Array | Float64Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

/** Encodes a model as JSON-safe data. */
export function encodeModel(model: ForestModel, options: ResolvedRandomForestOptions): SerializedRandomForest {
  return {
    format: 'labgrade-random-forest',
    version: 1,
    options: { ...options, maxDepth: options.maxDepth === Infinity ? null : options.maxDepth },
    nFeatures: model.nFeatures,
    classes: Array.from(model.classes),
    nodeOffsets: encode(model.nodeOffsets),
    leafOffsets: encode(model.leafOffsets),
    feature: encode(model.feature),
    threshold: encode(model.threshold),
    child: encode(model.child),
    leafValues: encode(model.leafValues),
    importances: encode(model.importances),
  };
}

function corrupt(message: string): RandomForestError {
  return new RandomForestError('LABGRADE_RF_INVALID_SERIALIZED', `Invalid serialized random forest: ${message}.`);
}

const FIELDS = ['nodeOffsets', 'leafOffsets', 'feature', 'threshold', 'child', 'leafValues', 'importances'] as const;

/** Decodes and validates a serialized forest, so that prediction with it cannot read out of bounds or loop. */
export function decodeModel(data: unknown, options: DecodeOptions = {}): { model: ForestModel; options: ResolvedRandomForestOptions } {
  const maxBytes = options.maxBytes ?? 256 * 2 ** 20;
  if (typeof data !== 'object' || data === null) throw corrupt(`expected an object, but got ${describeValue(data)}`);
  const s = data as Record<string, unknown>;
  if (s.format !== 'labgrade-random-forest' || s.version !== 1) {
    throw corrupt(`expected format "labgrade-random-forest" version 1, but got ${describeValue(s.format)} version ${describeValue(s.version)}`);
  }
  if (typeof s.options !== 'object' || s.options === null) throw corrupt(`expected options, but got ${describeValue(s.options)}`);
  const stored = s.options as Record<string, unknown>;
  const trainedWith = resolveOptions({ ...stored, maxDepth: stored.maxDepth ?? Infinity } as RandomForestOptions);
  const d = s.nFeatures;
  if (typeof d !== 'number' || !Number.isInteger(d) || d < 1) throw corrupt(`expected nFeatures to be a positive integer, but got ${describeValue(d)}`);
  const classesIn = s.classes;
  if (!Array.isArray(classesIn) || classesIn.length < 1 || classesIn.length > 65536) {
    throw corrupt(`expected classes to be an array of 1 to 65536 labels, but got ${describeValue(classesIn)}`);
  }
  let encodedLength = 0;
  for (const field of FIELDS) {
    const value = s[field];
    if (typeof value !== 'string') throw corrupt(`expected ${field} to be a base64 string, but got ${describeValue(value)}`);
    encodedLength += value.length;
  }
  if ((encodedLength * 3) / 4 > maxBytes) {
    throw corrupt(`its arrays take about ${Math.round((encodedLength * 3) / 4)} bytes, more than the limit of ${maxBytes}`);
  }
  const classes = new Int32Array(classesIn.length);
  classesIn.forEach((label, i) => {
    if (!Number.isInteger(label) || (label as number) < -(2 ** 31) || (label as number) >= 2 ** 31) {
      throw corrupt(`expected classes[${i}] to be a 32-bit integer, but got ${describeValue(label)}`);
    }
    if (i > 0 && (label as number) <= classes[i - 1]!) throw corrupt('expected classes in ascending order without repeats');
    classes[i] = label as number;
  });
  const k = classes.length;
  const bytes = (field: (typeof FIELDS)[number], size: number): ArrayBuffer => {
    const buffer = Buffer.from(s[field] as string, 'base64');
    if (buffer.length % size !== 0) throw corrupt(`${field} has ${buffer.length} bytes, not a multiple of ${size}`);
    // Copy into a fresh, aligned buffer.
    return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.length);
  };
  const nodeOffsets = new Int32Array(bytes('nodeOffsets', 4));
  const leafOffsets = new Int32Array(bytes('leafOffsets', 4));
  const feature = new Int32Array(bytes('feature', 4));
  const threshold = new Float64Array(bytes('threshold', 8));
  const child = new Int32Array(bytes('child', 4));
  const leafValues = new Float32Array(bytes('leafValues', 4));
  const importances = new Float64Array(bytes('importances', 8));

  const nTrees = nodeOffsets.length - 1;
  if (nTrees < 1 || leafOffsets.length !== nTrees + 1) throw corrupt('expected nodeOffsets and leafOffsets of length nTrees + 1 >= 2');
  if (nTrees > (options.maxTrees ?? Infinity)) throw corrupt(`it has ${nTrees} trees, more than the limit of ${options.maxTrees}`);
  if (nodeOffsets[0] !== 0 || leafOffsets[0] !== 0) throw corrupt('expected offsets to start at 0');
  if (nodeOffsets[nTrees] !== feature.length || threshold.length !== feature.length || child.length !== feature.length) {
    throw corrupt('expected feature, threshold and child to have one entry per node');
  }
  if (leafOffsets[nTrees]! * k !== leafValues.length) throw corrupt('expected leafValues to have nClasses entries per leaf');
  if (importances.length !== d) throw corrupt('expected one importance per feature');
  for (let t = 0; t < nTrees; t++) {
    const nodeStart = nodeOffsets[t]!;
    const nodeEnd = nodeOffsets[t + 1]!;
    const nLeaves = leafOffsets[t + 1]! - leafOffsets[t]!;
    if (nodeEnd <= nodeStart || nLeaves < 1) throw corrupt(`tree ${t} has no nodes or no leaves`);
    const nNodes = nodeEnd - nodeStart;
    if (nNodes > (options.maxNodesPerTree ?? Infinity)) {
      throw corrupt(`tree ${t} has ${nNodes} nodes, more than a tree grown on the training data can have (${options.maxNodesPerTree})`);
    }
    for (let i = 0; i < nNodes; i++) {
      const f = feature[nodeStart + i]!;
      const c = child[nodeStart + i]!;
      if (f === -1) {
        if (c < 0 || c >= nLeaves) throw corrupt(`tree ${t}, node ${i} points to leaf ${c} of ${nLeaves}`);
      } else if (f < 0 || f >= d) {
        throw corrupt(`tree ${t}, node ${i} tests feature ${f} of ${d}`);
      } else if (c <= i || c + 1 >= nNodes || Number.isNaN(threshold[nodeStart + i]!)) {
        // Children strictly after their parent: every walk from the root ends at a leaf.
        throw corrupt(`tree ${t}, node ${i} has children ${c} and ${c + 1} of ${nNodes}, or no threshold`);
      }
    }
  }
  for (let i = 0; i < leafValues.length; i++) {
    if (!Number.isFinite(leafValues[i]!)) throw corrupt('expected finite leaf values');
  }
  return {
    model: { nFeatures: d, classes, nodeOffsets, leafOffsets, feature, threshold, child, leafValues, importances },
    options: trainedWith,
  };
}
