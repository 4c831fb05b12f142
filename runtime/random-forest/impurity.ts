/** Impurity measures of a node's class counts, as scikit-learn defines them. */

/** Gini impurity `1 - sum(p_k^2)` of class counts (or weights); 0 for an empty node. */
export function giniImpurity(counts: ArrayLike<number>): number {
  let total = 0;
  for (let k = 0; k < counts.length; k++) total += counts[k]!;
  if (total <= 0) return 0;
  let sumSquares = 0;
  for (let k = 0; k < counts.length; k++) sumSquares += counts[k]! * counts[k]!;
  return 1 - sumSquares / (total * total);
}

/** Shannon entropy `-sum(p_k log2 p_k)` of class counts (or weights), in bits; 0 for an empty node. */
export function entropyImpurity(counts: ArrayLike<number>): number {
  let total = 0;
  for (let k = 0; k < counts.length; k++) total += counts[k]!;
  if (total <= 0) return 0;
  let h = 0;
  for (let k = 0; k < counts.length; k++) {
    const c = counts[k]!;
    if (c > 0) h -= (c / total) * Math.log2(c / total);
  }
  return h;
}
