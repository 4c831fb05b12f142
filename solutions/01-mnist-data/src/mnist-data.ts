/**
 * Exercise 01: collecting and organising data, on MNIST's original files.
 *
 * Implement the functions below on plain typed arrays. The grader calls them on the real MNIST files and on
 * small files it crafts (some of them broken on purpose), and checks the exact values.
 */
import { createRandom, NotImplementedError } from 'labgrade/runtime';

/** A parsed IDX file: its dimensions (for images: count, rows, columns) and its values, one byte each. */
export interface IdxFile {
  dims: number[];
  data: Uint8Array;
}

/** A train/validation split: indices into the labels, each sorted in increasing order. */
export interface Split {
  train: number[];
  validation: number[];
}

/**
 * Parses an IDX file of unsigned bytes, the format MNIST ships in:
 * - bytes 0-1: zero; byte 2: the element type, 0x08 for unsigned bytes; byte 3: the number of dimensions d;
 * - then d sizes, each a 32-bit big-endian unsigned integer;
 * - then the values, one byte each, as many as the product of the sizes.
 * Throws an Error that says what is wrong when the bytes are not such a file: a bad magic number, an element
 * type other than 0x08, a header or data shorter than it should be, or extra bytes after the data.
 */
export function parseIdx(bytes: Uint8Array): IdxFile {
  // BEGIN SOLUTION
  if (bytes.length < 4) throw new Error(`An IDX file starts with a 4-byte magic number, but only ${bytes.length} bytes were given.`);
  if (bytes[0] !== 0 || bytes[1] !== 0) throw new Error(`Bad magic number: the first two bytes must be 0, found ${bytes[0]} and ${bytes[1]}.`);
  if (bytes[2] !== 0x08) throw new Error(`Unsupported element type 0x${bytes[2]!.toString(16)}: only unsigned bytes (0x08) are supported.`);
  const d = bytes[3]!;
  if (d === 0) throw new Error('The file declares 0 dimensions.');
  const headerSize = 4 + 4 * d;
  if (bytes.length < headerSize) throw new Error(`The header declares ${d} dimensions (${headerSize} bytes), but the file has only ${bytes.length} bytes.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let i = 0; i < d; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const count = dims.reduce((a, b) => a * b, 1);
  if (bytes.length - headerSize !== count) {
    throw new Error(`The sizes [${dims.join(', ')}] need ${count} values, but ${bytes.length - headerSize} bytes follow the header.`);
  }
  return { dims, data: bytes.slice(headerSize) };
  // END SOLUTION
}

/** Pixel values 0-255 scaled to [0, 1] (divided by 255). */
export function scalePixels(pixels: Uint8Array): Float32Array {
  // BEGIN SOLUTION
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = pixels[i]! / 255;
  return out;
  // END SOLUTION
}

/**
 * The mean and the (population) standard deviation of all values: for MNIST's scaled training pixels
 * about 0.1307 and 0.3081, the numbers every MNIST tutorial normalises with. Sum in ordinary numbers
 * (64-bit), not in a Float32Array: 47 million float32 additions lose digits.
 */
export function meanAndStd(values: Float32Array): { mean: number; std: number } {
  // BEGIN SOLUTION
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i]! - mean) ** 2;
  return { mean, std: Math.sqrt(squares / values.length) };
  // END SOLUTION
}

/** How many labels there are of each class 0..numClasses-1. */
export function classCounts(labels: Uint8Array, numClasses: number): number[] {
  // BEGIN SOLUTION
  const counts = new Array<number>(numClasses).fill(0);
  for (const label of labels) counts[label]!++;
  return counts;
  // END SOLUTION
}

/**
 * A stratified split: for each class, `Math.round(validationFraction * n)` of its `n` samples, chosen at
 * random, go to validation and the rest to training, so both parts keep the class balance. The same seed
 * gives the same split; use `createRandom(seed)` from 'labgrade/runtime' for random numbers.
 */
export function stratifiedSplit(labels: Uint8Array, validationFraction: number, seed: number): Split {
  // BEGIN SOLUTION
  const random = createRandom(seed);
  const byClass = new Map<number, number[]>();
  labels.forEach((label, i) => {
    if (!byClass.has(label)) byClass.set(label, []);
    byClass.get(label)!.push(i);
  });
  const train: number[] = [];
  const validation: number[] = [];
  for (const indices of byClass.values()) {
    // Fisher-Yates shuffle, then the first part goes to validation.
    for (let i = indices.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [indices[i], indices[j]] = [indices[j]!, indices[i]!];
    }
    const k = Math.round(validationFraction * indices.length);
    validation.push(...indices.slice(0, k));
    train.push(...indices.slice(k));
  }
  return { train: train.sort((a, b) => a - b), validation: validation.sort((a, b) => a - b) };
  // END SOLUTION
}

/**
 * A 28x28 digit as 28 lines of 28 characters, joined with '\n', for a terminal: a pixel below 85 is ' ',
 * from 85 to 169 is '+', and 170 or more is '#'.
 */
export function renderDigit(pixels: Uint8Array): string {
  // BEGIN SOLUTION
  const lines: string[] = [];
  for (let y = 0; y < 28; y++) {
    let line = '';
    for (let x = 0; x < 28; x++) {
      const v = pixels[y * 28 + x]!;
      line += v < 85 ? ' ' : v < 170 ? '+' : '#';
    }
    lines.push(line);
  }
  return lines.join('\n');
  // END SOLUTION
}
