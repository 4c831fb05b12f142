/**
 * Quantisation of features into at most 256 bins each, stored column by column, so that the histogram split
 * search handles uint8 pixels and float tabular data alike and reads one feature's column from cache.
 */
import { RandomForestError } from './errors.ts';

/** Largest number of bins per feature (bins are stored as uint8). */
export const MAX_BINS = 256;

/** Features quantised into bins, column-major: the bin of sample `i`, feature `f` is `columns[f * n + i]`. */
export interface BinnedFeatures {
  /** Number of samples. */
  n: number;
  /** Number of features. */
  d: number;
  /** Bin indices, feature by feature. */
  columns: Uint8Array;
  /** Smallest training value in each bin (`[f * 256 + bin]`), or `null` when bins are the uint8 values themselves. */
  lower: Float64Array | null;
  /** Largest training value in each bin (`[f * 256 + bin]`), or `null` when bins are the uint8 values themselves. */
  upper: Float64Array | null;
}

/** Bins uint8 features as themselves (the transpose of the row-major matrix) and float features by quantiles. */
export function binFeatures(x: Uint8Array | Float32Array, n: number, d: number): BinnedFeatures {
  return x instanceof Uint8Array ? { n, d, columns: transposeBytes(x, n, d), lower: null, upper: null } : binFloats(x, n, d);
}

function transposeBytes(x: Uint8Array, n: number, d: number): Uint8Array {
  const columns = new Uint8Array(n * d);
  const block = 64;
  // Blocked so that both the rows read and the columns written stay in cache.
  for (let i0 = 0; i0 < n; i0 += block) {
    const i1 = Math.min(n, i0 + block);
    for (let f = 0; f < d; f++) {
      const out = f * n;
      for (let i = i0; i < i1; i++) columns[out + i] = x[i * d + f]!;
    }
  }
  return columns;
}

function binFloats(x: Float32Array, n: number, d: number): BinnedFeatures {
  const columns = new Uint8Array(n * d);
  const lower = new Float64Array(d * MAX_BINS);
  const upper = new Float64Array(d * MAX_BINS);
  const column = new Float32Array(n);
  const sorted = new Float32Array(n);
  const edges = new Float64Array(MAX_BINS - 1);
  for (let f = 0; f < d; f++) {
    for (let i = 0; i < n; i++) {
      const v = x[i * d + f]!;
      if (Number.isNaN(v)) {
        throw new RandomForestError(
          'LABGRADE_RF_INVALID_DATA',
          `Expected every feature value to be a number, but found NaN at row ${i}, feature ${f}. Impute missing values first.`,
        );
      }
      column[i] = v;
    }
    sorted.set(column);
    sorted.sort();
    // Upper edges of bins 0..nEdges-1; the last bin takes every value above the last edge.
    let nEdges = 0;
    for (let q = 1; q <= MAX_BINS - 1; q++) {
      const v = sorted[Math.max(0, Math.floor((q * n) / MAX_BINS) - 1)]!;
      if ((nEdges === 0 || v > edges[nEdges - 1]!) && v < sorted[n - 1]!) edges[nEdges++] = v;
    }
    const distinctFew = countDistinctUpTo(sorted, MAX_BINS);
    if (distinctFew > 0) {
      // Few distinct values: one bin per value, so no split is lost to quantisation.
      nEdges = 0;
      for (let i = 0; i < n; i++) if (sorted[i]! < sorted[n - 1]! && (nEdges === 0 || sorted[i]! > edges[nEdges - 1]!)) edges[nEdges++] = sorted[i]!;
    }
    const lo = f * MAX_BINS;
    lower.fill(Infinity, lo, lo + MAX_BINS);
    upper.fill(-Infinity, lo, lo + MAX_BINS);
    for (let i = 0; i < n; i++) {
      const v = column[i]!;
      let a = 0;
      let b = nEdges;
      // First edge >= v, else the last bin.
      while (a < b) {
        const m = (a + b) >>> 1;
        if (edges[m]! < v) a = m + 1;
        else b = m;
      }
      columns[f * n + i] = a;
      if (v < lower[lo + a]!) lower[lo + a] = v;
      if (v > upper[lo + a]!) upper[lo + a] = v;
    }
  }
  return { n, d, columns, lower, upper };
}

/** The number of distinct values of a sorted array when at most `limit`, else 0. */
function countDistinctUpTo(sorted: Float32Array, limit: number): number {
  if (sorted.length === 0) return 0;
  let count = 1;
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] !== sorted[i - 1]) {
      count++;
      if (count > limit) return 0;
    }
  }
  return count;
}
