/**
 * Growing one decision tree: depth-first with an explicit stack, histogram split search over binned columns,
 * nodes in flat typed arrays, and every scratch buffer allocated once per forest rather than per node.
 */
import type { BinnedFeatures } from './binning.ts';
import { MAX_BINS } from './binning.ts';
import type { Criterion } from './best-split.ts';
import { midpoint } from './best-split.ts';

/** Hyperparameters of one tree, already validated and resolved to numbers. */
export interface TreeParams {
  /** Features to examine per node (constant ones count, but at least one non-constant is examined). */
  maxFeatures: number;
  /** Deepest level allowed (the root is depth 0); `Infinity` for none. */
  maxDepth: number;
  /** Fewest distinct samples a node needs to be split. */
  minSamplesSplit: number;
  /** Fewest distinct samples each child must keep. */
  minSamplesLeaf: number;
  /** Impurity measure. */
  criterion: Criterion;
}

/** One grown tree. Node `i` is a leaf when `feature[i] < 0`; then `child[i]` indexes its row of `leafValues`. */
export interface Tree {
  /** Feature tested at each node, or -1 at leaves. */
  feature: Int32Array;
  /** Threshold at each node: `value <= threshold` goes to `child[i]`, otherwise to `child[i] + 1`. */
  threshold: Float64Array;
  /** Left child of each internal node (the right child follows it), or the leaf's row in `leafValues`. */
  child: Int32Array;
  /** Class proportions of each leaf's training samples, `nClasses` per leaf. */
  leafValues: Float32Array;
  /** Impurity decrease per feature, weighted by node size, normalised to sum 1 (all 0 for a single leaf). */
  importances: Float64Array;
}

/** Grows trees on one binned data set; reuse it for every tree of a forest. */
export class TreeBuilder {
  private readonly n: number;
  private readonly d: number;
  private readonly k: number;
  private readonly columns: Uint8Array;
  private readonly lower: Float64Array | null;
  private readonly upper: Float64Array | null;
  private readonly labels: Int32Array;
  private readonly params: TreeParams;
  private readonly useMask: boolean;
  private readonly entropy: boolean;

  // Scratch, allocated once.
  private readonly samples: Uint32Array;
  private readonly hist: Int32Array;
  private readonly binCount: Int32Array;
  private readonly binMask: Int32Array;
  private readonly bitmap: Int32Array;
  private readonly nodeCounts: Float64Array;
  private readonly leftCounts: Float64Array;
  private readonly xlogx: Float64Array;
  private readonly perm: Int32Array;
  private readonly nodeFeature: Int32Array;
  private readonly nodeThreshold: Float64Array;
  private readonly nodeChild: Int32Array;
  private readonly leafValues: Float32Array;
  /** Node statistics: total weight, sum of squared class weights, sum of c*log2(c), largest class weight. */
  private readonly stats = new Float64Array(4);
  /** Best split so far in a node: score (higher is better), last bin sent left, first bin sent right. */
  private readonly best = new Float64Array(3);
  private stackNode = new Int32Array(64);
  private stackStart = new Int32Array(64);
  private stackEnd = new Int32Array(64);
  private stackDepth = new Int32Array(64);
  private stackParentFeature = new Int32Array(64);
  /** Per stack slot, a flag per feature: known to be constant in that node (so in all its descendants). */
  private knownConstant: Uint8Array;

  constructor(binned: BinnedFeatures, labels: Int32Array, nClasses: number, params: TreeParams) {
    const { n, d } = binned;
    this.n = n;
    this.d = d;
    this.k = nClasses;
    this.columns = binned.columns;
    this.lower = binned.lower;
    this.upper = binned.upper;
    this.labels = labels;
    this.params = params;
    this.useMask = nClasses <= 32;
    this.entropy = params.criterion === 'entropy';
    this.samples = new Uint32Array(n);
    this.hist = new Int32Array(MAX_BINS * nClasses);
    this.binCount = new Int32Array(MAX_BINS);
    this.binMask = new Int32Array(MAX_BINS);
    this.bitmap = new Int32Array(MAX_BINS / 32);
    this.nodeCounts = new Float64Array(nClasses);
    this.leftCounts = new Float64Array(nClasses);
    // Weights sum to at most n (bootstrap draws n samples), so c*log(c) is looked up, not computed.
    this.xlogx = new Float64Array(this.entropy ? n + 1 : 0);
    for (let c = 1; c < this.xlogx.length; c++) this.xlogx[c] = c * Math.log2(c);
    this.perm = new Int32Array(d);
    const maxNodes = Math.max(1, 2 * n - 1);
    this.nodeFeature = new Int32Array(maxNodes);
    this.nodeThreshold = new Float64Array(maxNodes);
    this.nodeChild = new Int32Array(maxNodes);
    this.leafValues = new Float32Array(Math.max(1, n) * nClasses);
    this.knownConstant = new Uint8Array(64 * d);
  }

  /** Grows one tree on the samples with positive `weights` (bootstrap counts), drawing features with `random`. */
  build(weights: Int32Array, random: () => number): Tree {
    const { d, k, n, columns, labels, samples, hist, binCount, binMask, bitmap, nodeCounts, leftCounts, xlogx, perm } = this;
    const { nodeFeature, nodeThreshold, nodeChild, leafValues, useMask, entropy, stats, best } = this;
    const { maxFeatures, maxDepth, minSamplesSplit, minSamplesLeaf } = this.params;
    const importances = new Float64Array(d);

    let nSamples = 0;
    for (let s = 0; s < n; s++) if (weights[s]! > 0) samples[nSamples++] = s;
    for (let f = 0; f < d; f++) perm[f] = f;

    let nNodes = 1;
    let nLeaves = 0;
    let stackSize = 1;
    this.push(0, 0, 0, nSamples, 0, -1);
    this.knownConstant.fill(0, 0, d);

    while (stackSize > 0) {
      const slot = --stackSize;
      const node = this.stackNode[slot]!;
      const start = this.stackStart[slot]!;
      const end = this.stackEnd[slot]!;
      const depth = this.stackDepth[slot]!;
      const parentFeature = this.stackParentFeature[slot]!;
      const known = this.knownConstant;
      const knownBase = slot * d;

      nodeStatistics(samples, start, end, labels, weights, k, nodeCounts, entropy, xlogx, stats);
      const total = stats[0]!;
      const sumSquares = stats[1]!;
      const sumXlogx = stats[2]!;
      const impurity = entropy ? (total > 0 ? Math.log2(total) - sumXlogx / total : 0) : total > 0 ? 1 - sumSquares / (total * total) : 0;
      if (parentFeature >= 0) importances[parentFeature]! -= total * impurity;

      const nNode = end - start;
      let bestFeature = -1;
      if (depth < maxDepth && nNode >= minSamplesSplit && nNode >= 2 * minSamplesLeaf && stats[3]! < total) {
        best[0] = -Infinity;
        let visited = 0;
        let constants = 0;
        // Features drawn without replacement; constant ones count as visited, as in scikit-learn, but the
        // search goes on until at least one non-constant feature has been examined.
        for (let i = 0; i < d && (visited < maxFeatures || visited <= constants); i++) {
          const j = i + Math.floor(random() * (d - i));
          const f = perm[j]!;
          perm[j] = perm[i]!;
          perm[i] = f;
          visited++;
          if (known[knownBase + f] === 1) {
            constants++;
            continue;
          }
          const distinct = fillHistogram(columns, f * n, samples, start, end, labels, weights, k, hist, binCount, binMask, bitmap, useMask);
          if (distinct === 1) {
            // Constant here, so constant in every descendant: never scan it again below this node.
            known[knownBase + f] = 1;
            constants++;
            clearSingleBin(hist, binCount, binMask, bitmap, k);
            continue;
          }
          const improved = scanHistogram(
            hist,
            binCount,
            binMask,
            bitmap,
            nodeCounts,
            leftCounts,
            k,
            useMask,
            entropy,
            xlogx,
            total,
            sumSquares,
            sumXlogx,
            nNode,
            minSamplesLeaf,
            best,
          );
          if (improved) bestFeature = f;
        }
      }

      if (bestFeature < 0) {
        nodeFeature[node] = -1;
        nodeThreshold[node] = 0;
        nodeChild[node] = nLeaves;
        const row = nLeaves * k;
        for (let c = 0; c < k; c++) leafValues[row + c] = total > 0 ? nodeCounts[c]! / total : 0;
        nLeaves++;
        continue;
      }

      const bestBin = best[1]!;
      const mid = partition(columns, bestFeature * n, samples, start, end, bestBin);
      const left = nNodes;
      nNodes += 2;
      nodeFeature[node] = bestFeature;
      nodeThreshold[node] = this.thresholdBetween(bestFeature, bestBin, best[2]!);
      nodeChild[node] = left;
      importances[bestFeature]! += total * impurity;

      // The right child reuses this slot (and its constant flags); the left child goes on top, processed next.
      if (slot + 2 > this.stackNode.length) this.growStack();
      this.knownConstant.copyWithin(knownBase + d, knownBase, knownBase + d);
      this.push(slot, left + 1, mid, end, depth + 1, bestFeature);
      this.push(slot + 1, left, start, mid, depth + 1, bestFeature);
      stackSize = slot + 2;
    }

    let sum = 0;
    for (let f = 0; f < d; f++) {
      // Clamp rounding noise: a split never increases weighted impurity.
      if (importances[f]! < 0) importances[f] = 0;
      sum += importances[f]!;
    }
    if (sum > 0) for (let f = 0; f < d; f++) importances[f] = importances[f]! / sum;
    return {
      feature: nodeFeature.slice(0, nNodes),
      threshold: nodeThreshold.slice(0, nNodes),
      child: nodeChild.slice(0, nNodes),
      leafValues: leafValues.slice(0, nLeaves * k),
      importances,
    };
  }

  /** The threshold in feature units between two adjacent non-empty bins. */
  private thresholdBetween(f: number, bin: number, nextBin: number): number {
    if (this.lower === null || this.upper === null) return midpoint(bin, nextBin);
    return midpoint(this.upper[f * MAX_BINS + bin]!, this.lower[f * MAX_BINS + nextBin]!);
  }

  private push(slot: number, node: number, start: number, end: number, depth: number, parentFeature: number): void {
    this.stackNode[slot] = node;
    this.stackStart[slot] = start;
    this.stackEnd[slot] = end;
    this.stackDepth[slot] = depth;
    this.stackParentFeature[slot] = parentFeature;
  }

  private growStack(): void {
    const size = this.stackNode.length * 2;
    const grow = (a: Int32Array): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.stackNode = grow(this.stackNode);
    this.stackStart = grow(this.stackStart);
    this.stackEnd = grow(this.stackEnd);
    this.stackDepth = grow(this.stackDepth);
    this.stackParentFeature = grow(this.stackParentFeature);
    const known = new Uint8Array(size * this.d);
    known.set(this.knownConstant);
    this.knownConstant = known;
  }
}

/** Class weights of a node into `counts`, and its statistics into `stats` (see `TreeBuilder.stats`). */
function nodeStatistics(
  samples: Uint32Array,
  start: number,
  end: number,
  labels: Int32Array,
  weights: Int32Array,
  k: number,
  counts: Float64Array,
  entropy: boolean,
  xlogx: Float64Array,
  stats: Float64Array,
): void {
  counts.fill(0);
  for (let i = start; i < end; i++) {
    const s = samples[i]!;
    counts[labels[s]!]! += weights[s]!;
  }
  let total = 0;
  let sumSquares = 0;
  let sumXlogx = 0;
  let maxCount = 0;
  for (let c = 0; c < k; c++) {
    const a = counts[c]!;
    total += a;
    sumSquares += a * a;
    if (entropy) sumXlogx += xlogx[a]!;
    if (a > maxCount) maxCount = a;
  }
  stats[0] = total;
  stats[1] = sumSquares;
  stats[2] = sumXlogx;
  stats[3] = maxCount;
}

/**
 * Adds a node's samples to the (bin, class) weight histogram of one feature, marks the bins touched in
 * `bitmap` and the classes present per bin in `binMask`; returns the number of distinct bins.
 */
function fillHistogram(
  columns: Uint8Array,
  base: number,
  samples: Uint32Array,
  start: number,
  end: number,
  labels: Int32Array,
  weights: Int32Array,
  k: number,
  hist: Int32Array,
  binCount: Int32Array,
  binMask: Int32Array,
  bitmap: Int32Array,
  useMask: boolean,
): number {
  let distinct = 0;
  for (let i = start; i < end; i++) {
    const s = samples[i]!;
    const b = columns[base + s]!;
    const y = labels[s]!;
    hist[b * k + y]! += weights[s]!;
    if (binCount[b]++ === 0) {
      distinct++;
      bitmap[b >>> 5]! |= 1 << (b & 31);
    }
    if (useMask) binMask[b]! |= 1 << y;
  }
  return distinct;
}

/** Empties a histogram that has exactly one bin touched. */
function clearSingleBin(hist: Int32Array, binCount: Int32Array, binMask: Int32Array, bitmap: Int32Array, k: number): void {
  for (let word = 0; word < bitmap.length; word++) {
    const bits = bitmap[word]!;
    if (bits === 0) continue;
    const b = (word << 5) + 31 - Math.clz32(bits);
    hist.fill(0, b * k, b * k + k);
    binCount[b] = 0;
    binMask[b] = 0;
    bitmap[word] = 0;
  }
}

/**
 * Scans the touched bins in ascending order, moving each bin's weights from the right side to the left, and
 * records in `best` every split that beats it. Leaves the histogram empty. Returns whether `best` changed.
 * Gini score: sum over sides of (sum of squared class weights) / (side weight), which is the side-weighted
 * Gini impurity up to a constant; entropy score: minus the side-weighted entropy, up to a constant.
 */
function scanHistogram(
  hist: Int32Array,
  binCount: Int32Array,
  binMask: Int32Array,
  bitmap: Int32Array,
  nodeCounts: Float64Array,
  leftCounts: Float64Array,
  k: number,
  useMask: boolean,
  entropy: boolean,
  xlogx: Float64Array,
  total: number,
  sumSquares: number,
  sumXlogx: number,
  nNode: number,
  minSamplesLeaf: number,
  best: Float64Array,
): boolean {
  leftCounts.fill(0);
  let improved = false;
  let bestScore = best[0]!;
  let leftWeight = 0;
  let leftN = 0;
  let leftSq = 0;
  let rightSq = sumSquares;
  let leftXlogx = 0;
  let rightXlogx = sumXlogx;
  let prevBin = -1;
  for (let word = 0; word < bitmap.length; word++) {
    let bits = bitmap[word]!;
    bitmap[word] = 0;
    while (bits !== 0) {
      const low = bits & -bits;
      const b = (word << 5) + 31 - Math.clz32(low);
      bits ^= low;
      if (prevBin >= 0 && leftN >= minSamplesLeaf && nNode - leftN >= minSamplesLeaf) {
        const rightWeight = total - leftWeight;
        const score = entropy ? leftXlogx + rightXlogx - xlogx[leftWeight]! - xlogx[rightWeight]! : leftSq / leftWeight + rightSq / rightWeight;
        if (score > bestScore) {
          bestScore = score;
          best[0] = score;
          best[1] = prevBin;
          best[2] = b;
          improved = true;
        }
      }
      leftN += binCount[b]!;
      binCount[b] = 0;
      const row = b * k;
      if (useMask) {
        // Only the classes present in this bin.
        let mask = binMask[b]!;
        binMask[b] = 0;
        while (mask !== 0) {
          const lowc = mask & -mask;
          mask ^= lowc;
          const c = 31 - Math.clz32(lowc);
          const a = hist[row + c]!;
          hist[row + c] = 0;
          const l = leftCounts[c]!;
          const r = nodeCounts[c]! - l;
          leftCounts[c] = l + a;
          leftWeight += a;
          leftSq += a * (2 * l + a);
          rightSq += a * (a - 2 * r);
          if (entropy) {
            leftXlogx += xlogx[l + a]! - xlogx[l]!;
            rightXlogx += xlogx[r - a]! - xlogx[r]!;
          }
        }
      } else {
        for (let c = 0; c < k; c++) {
          const a = hist[row + c]!;
          if (a === 0) continue;
          hist[row + c] = 0;
          const l = leftCounts[c]!;
          const r = nodeCounts[c]! - l;
          leftCounts[c] = l + a;
          leftWeight += a;
          leftSq += a * (2 * l + a);
          rightSq += a * (a - 2 * r);
          if (entropy) {
            leftXlogx += xlogx[l + a]! - xlogx[l]!;
            rightXlogx += xlogx[r - a]! - xlogx[r]!;
          }
        }
      }
      prevBin = b;
    }
  }
  return improved;
}

/** Reorders `samples[start..end)` so that those with bin <= `bin` come first; returns where the rest start. */
function partition(columns: Uint8Array, base: number, samples: Uint32Array, start: number, end: number, bin: number): number {
  let lo = start;
  let hi = end - 1;
  while (lo <= hi) {
    const s = samples[lo]!;
    if (columns[base + s]! <= bin) lo++;
    else {
      samples[lo] = samples[hi]!;
      samples[hi] = s;
      hi--;
    }
  }
  return lo;
}
