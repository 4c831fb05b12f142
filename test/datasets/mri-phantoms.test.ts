import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { generatePhantoms, PHANTOM_TISSUES, type PhantomBatch } from '../../datasets/mri-phantoms.ts';

const sha256 = (array: Float32Array | Uint8Array): string =>
  createHash('sha256')
    .update(new Uint8Array(array.buffer, array.byteOffset, array.byteLength))
    .digest('hex');

/** Mean intensity of each tissue in each channel over a batch, as means[tissue name][channel index]. */
function tissueMeans(batch: PhantomBatch): Record<string, number[]> {
  const sums = PHANTOM_TISSUES.map(() => [0, 0, 0, 0, 0]);
  for (let i = 0; i < batch.tissues.length; i++) {
    const s = sums[batch.tissues[i]!]!;
    for (let c = 0; c < 4; c++) s[c]! += batch.images[i * 4 + c]!;
    s[4]!++;
  }
  return Object.fromEntries(PHANTOM_TISSUES.map((name, t) => [name, sums[t]!.slice(0, 4).map((v) => v / sums[t]![4]!)]));
}

const [T1, T1C, T2, FLAIR] = [0, 1, 2, 3];

describe('generatePhantoms', () => {
  let batch: PhantomBatch;
  let means: Record<string, number[]>;
  beforeAll(() => {
    batch = generatePhantoms({ count: 40, size: 64, seed: 7 });
    means = tissueMeans(batch);
  });

  it('returns NHWC images of count x 64 x 64 x 4 and labels of count x 64 x 64', () => {
    expect(batch.images).toBeInstanceOf(Float32Array);
    expect(batch.images.length).toBe(40 * 64 * 64 * 4);
    expect(batch.labels).toBeInstanceOf(Uint8Array);
    expect(batch.labels.length).toBe(40 * 64 * 64);
    expect(batch.tissues.length).toBe(40 * 64 * 64);
    expect(batch.channels).toEqual(['T1', 'T1c', 'T2', 'FLAIR']);
    expect(batch.classes).toEqual(['background', 'oedema', 'enhancing tumour', 'necrotic core']);
    expect(batch).toMatchObject({ count: 40, size: 64 });
  });

  it('honours another size', () => {
    const small = generatePhantoms({ count: 2, size: 32, seed: 1 });
    expect(small.images.length).toBe(2 * 32 * 32 * 4);
    expect(small.labels.length).toBe(2 * 32 * 32);
  });

  it('gives the same bytes for the same seed', () => {
    const again = generatePhantoms({ count: 40, size: 64, seed: 7 });
    expect(sha256(again.images)).toBe(sha256(batch.images));
    expect(sha256(again.labels)).toBe(sha256(batch.labels));
  });

  it('gives different images for a different seed', () => {
    const other = generatePhantoms({ count: 40, size: 64, seed: 8 });
    expect(sha256(other.images)).not.toBe(sha256(batch.images));
    expect(sha256(other.labels)).not.toBe(sha256(batch.labels));
  });

  it('makes image i depend only on the seed and i, not on the count', () => {
    const fewer = generatePhantoms({ count: 3, size: 64, seed: 7 });
    expect(sha256(fewer.images)).toBe(sha256(batch.images.subarray(0, 3 * 64 * 64 * 4)));
  });

  it('has every label class present across a batch', () => {
    const counts = [0, 0, 0, 0];
    for (const l of batch.labels) counts[l]!++;
    for (const count of counts) expect(count).toBeGreaterThan(0);
    // Background dominates, as in real scans.
    expect(counts[0]! / batch.labels.length).toBeGreaterThan(0.8);
  });

  it('leaves a small fraction of images without a tumour, with no tumour labels', () => {
    const free = batch.hasTumour.filter((t) => t === 0).length;
    expect(free).toBeGreaterThan(0);
    expect(free).toBeLessThan(12);
    const n = 64 * 64;
    for (let k = 0; k < batch.count; k++) {
      const tumourPixels = batch.labels.subarray(k * n, (k + 1) * n).filter((l) => l > 0).length;
      if (batch.hasTumour[k]) expect(tumourPixels).toBeGreaterThan(0);
      else expect(tumourPixels).toBe(0);
    }
    const none = generatePhantoms({ count: 5, seed: 3, tumourFreeFraction: 1 });
    expect(none.labels.every((l) => l === 0)).toBe(true);
  });

  it('labels only pixels inside the brain, matching the tumour tissues', () => {
    const tumourTissue = { 1: 'oedema', 2: 'enhancing tumour', 3: 'necrotic core' } as Record<number, string>;
    const mismatches: string[] = [];
    for (let i = 0; i < batch.labels.length; i++) {
      const l = batch.labels[i]!;
      const tissue = PHANTOM_TISSUES[batch.tissues[i]!];
      if (l > 0 && tissue !== tumourTissue[l]) mismatches.push(`pixel ${i}: label ${l}, tissue ${tissue}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('has finite, non-negative intensities normalised per image to about [0, 1]', () => {
    let max = 0;
    let bad = 0;
    for (const v of batch.images) {
      if (!(Number.isFinite(v) && v >= 0)) bad++;
      max = Math.max(max, v);
    }
    expect(bad).toBe(0);
    expect(max).toBeLessThan(2);
    expect(max).toBeGreaterThanOrEqual(1);
  });

  it('shows oedema brighter than white and grey matter on FLAIR and T2', () => {
    expect(means['oedema']![FLAIR]!).toBeGreaterThan(means['white matter']![FLAIR]! + 0.2);
    expect(means['oedema']![FLAIR]!).toBeGreaterThan(means['grey matter']![FLAIR]! + 0.2);
    expect(means['oedema']![T2]!).toBeGreaterThan(means['white matter']![T2]! + 0.2);
  });

  it('shows the enhancing rim as the brightest tissue on T1c, and brighter there than on T1', () => {
    for (const tissue of PHANTOM_TISSUES.filter((t) => t !== 'enhancing tumour' && t !== 'air')) {
      expect(means['enhancing tumour']![T1C]!, tissue).toBeGreaterThan(means[tissue]![T1C]!);
    }
    expect(means['enhancing tumour']![T1C]!).toBeGreaterThan(means['enhancing tumour']![T1]! + 0.2);
  });

  it('shows the necrotic core darker than the enhancing rim and white matter on T1c', () => {
    expect(means['necrotic core']![T1C]!).toBeLessThan(means['enhancing tumour']![T1C]! - 0.2);
    expect(means['necrotic core']![T1C]!).toBeLessThan(means['white matter']![T1C]!);
  });

  it('shows white matter brighter than grey matter on T1 and darker on T2', () => {
    expect(means['white matter']![T1]!).toBeGreaterThan(means['grey matter']![T1]!);
    expect(means['white matter']![T2]!).toBeLessThan(means['grey matter']![T2]!);
  });

  it('shows ventricular fluid bright on T2 and suppressed on FLAIR', () => {
    expect(means['ventricle']![T2]!).toBeGreaterThan(means['white matter']![T2]! + 0.2);
    expect(means['ventricle']![FLAIR]!).toBeLessThan(means['white matter']![FLAIR]!);
  });

  it('rejects a count or size that is not a valid integer', () => {
    expect(() => generatePhantoms({ count: -1, seed: 1 })).toThrow(/count/);
    expect(() => generatePhantoms({ count: 1, size: 4, seed: 1 })).toThrow(/size/);
  });
});
