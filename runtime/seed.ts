/**
 * Seeding for reproducible grading: one seed drives TensorFlow.js weight initialisers, shuffling in
 * `model.fit`, dropout masks and `Math.random`, because TF.js draws every unseeded random number from
 * `Math.random`.
 */

/** A small, fast, well-mixed 32-bit PRNG (mulberry32). Returns floats in [0, 1). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return function random(): number {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Derives an independent seed for a named stream (`"train"`, `"split"`) from a base seed. */
export function deriveSeed(seed: number, stream: string): number {
  // FNV-1a over the stream name, mixed with the base seed.
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < stream.length; i++) {
    h ^= stream.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const nativeRandom = Math.random;

/**
 * Replaces `Math.random` with a seeded generator, so that TF.js initialisers, `model.fit` shuffling and
 * student code that calls `Math.random` all repeat exactly for the same seed.
 */
export function seedEverything(seed: number): void {
  Math.random = createRandom(seed);
}

/** Restores the platform's own `Math.random`. */
export function unseed(): void {
  Math.random = nativeRandom;
}

/** Fisher-Yates shuffle of `0..n-1` with a seeded generator. */
export function shuffledIndices(n: number, seed: number): Uint32Array {
  const random = createRandom(seed);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}
