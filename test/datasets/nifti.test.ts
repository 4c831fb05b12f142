import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetError } from '../../datasets/errors.ts';
import { generatePhantoms, type PhantomBatch } from '../../datasets/mri-phantoms.ts';
import { niftiSlicesToTensorData, readNifti, writeNifti } from '../../datasets/nifti.ts';

const SIZE = 24;
const DEPTH = 3;
let dir: string;
let phantoms: PhantomBatch;

/** Stacks the phantom slices into one volume per contrast (x fastest, then y, then z = slice). */
function contrastVolume(channel: number): Float32Array {
  const volume = new Float32Array(SIZE * SIZE * DEPTH);
  for (let i = 0; i < volume.length; i++) volume[i] = phantoms.images[i * 4 + channel]!;
  return volume;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'labgrade-nifti-'));
  phantoms = generatePhantoms({ count: DEPTH, size: SIZE, seed: 11 });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('readNifti and writeNifti', () => {
  it.each(['.nii', '.nii.gz'])('round-trip a float32 phantom volume through %s exactly', async (extension) => {
    const path = join(dir, `t1${extension}`);
    const data = contrastVolume(0);
    await writeNifti(path, { dims: [SIZE, SIZE, DEPTH], data, pixDims: [1, 1, 3] });
    const volume = await readNifti(path);
    expect(volume.dims).toEqual([SIZE, SIZE, DEPTH]);
    expect(volume.pixDims).toEqual([1, 1, 3]);
    expect(volume.datatype).toBe(16);
    expect(volume.data).toEqual(data);
  });

  it.each(['.nii', '.nii.gz'])('round-trip a uint8 label volume through %s', async (extension) => {
    const path = join(dir, `seg${extension}`);
    await writeNifti(path, { dims: [SIZE, SIZE, DEPTH], data: phantoms.labels });
    const volume = await readNifti(path);
    expect(volume.datatype).toBe(2);
    expect(Array.from(volume.data)).toEqual(Array.from(phantoms.labels));
  });

  it('rejects a file that is not NIfTI', async () => {
    const path = join(dir, 'not.nii');
    await writeFile(path, 'hello');
    await expect(readNifti(path)).rejects.toThrow(DatasetError);
    await expect(readNifti(path)).rejects.toMatchObject({ code: 'LABGRADE_DATASET_INVALID', file: path });
  });

  it('reports a missing file', async () => {
    await expect(readNifti(join(dir, 'absent.nii'))).rejects.toMatchObject({ code: 'LABGRADE_DATASET_MISSING' });
  });
});

describe('niftiSlicesToTensorData', () => {
  it('turns axial slices back into the phantoms layout (NHWC images, labels)', async () => {
    const paths = [0, 1, 2, 3].map((c) => join(dir, `c${c}.nii.gz`));
    await Promise.all(paths.map((p, c) => writeNifti(p, { dims: [SIZE, SIZE, DEPTH], data: contrastVolume(c) })));
    await writeNifti(join(dir, 'labels.nii.gz'), { dims: [SIZE, SIZE, DEPTH], data: phantoms.labels });
    const volumes = await Promise.all(paths.map((p) => readNifti(p)));
    const labels = await readNifti(join(dir, 'labels.nii.gz'));
    const slices = niftiSlicesToTensorData(volumes, labels, { axis: 2, size: SIZE, normalise: false });
    expect(slices).toMatchObject({ count: DEPTH, size: SIZE, channels: 4, sliceIndices: [0, 1, 2] });
    expect(slices.images).toEqual(phantoms.images);
    expect(slices.labels).toEqual(phantoms.labels);
  });

  it('centre-pads a slice to a larger size and centre-crops to a smaller one', () => {
    const volume = { dims: [2, 2, 1], pixDims: [1, 1, 1], datatype: 16, data: Float32Array.of(1, 2, 3, 4) };
    const padded = niftiSlicesToTensorData([volume], undefined, { size: 4, normalise: false });
    expect(Array.from(padded.images)).toEqual([0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0]);
    const cropped = niftiSlicesToTensorData([padded.images.length ? { ...volume, dims: [4, 4, 1], data: padded.images } : volume], undefined, {
      size: 2,
      normalise: false,
    });
    expect(Array.from(cropped.images)).toEqual([1, 2, 3, 4]);
  });

  it('slices along another axis and skips empty slices', () => {
    // dims [2, 2, 2]: x fastest; slicing along x gives rows z, columns y.
    const volume = { dims: [2, 2, 2], pixDims: [1, 1, 1], datatype: 16, data: Float32Array.of(0, 1, 0, 2, 0, 3, 0, 4) };
    const slices = niftiSlicesToTensorData([volume], undefined, { axis: 0, size: 2, normalise: false, skipEmpty: true });
    expect(slices.sliceIndices).toEqual([1]);
    expect(Array.from(slices.images)).toEqual([1, 2, 3, 4]);
  });

  it('rejects volumes whose dims differ', () => {
    const a = { dims: [2, 2, 1], pixDims: [1, 1, 1], datatype: 16, data: new Float32Array(4) };
    const b = { dims: [2, 1, 2], pixDims: [1, 1, 1], datatype: 16, data: new Float32Array(4) };
    expect(() => niftiSlicesToTensorData([a, b])).toThrow(/dims \[2, 2, 1\]/);
  });
});
