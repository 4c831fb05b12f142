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
  // TODO: write this part (see the README).
  throw new NotImplementedError('parseIdx');
}

/** Pixel values 0-255 scaled to [0, 1] (divided by 255). */
export function scalePixels(pixels: Uint8Array): Float32Array {
  // TODO: write this part (see the README).
  throw new NotImplementedError('scalePixels');
}

/**
 * The mean and the (population) standard deviation of all values: for MNIST's scaled training pixels
 * about 0.1307 and 0.3081, the numbers every MNIST tutorial normalises with. Sum in ordinary numbers
 * (64-bit), not in a Float32Array: 47 million float32 additions lose digits.
 */
export function meanAndStd(values: Float32Array): { mean: number; std: number } {
  // TODO: write this part (see the README).
  throw new NotImplementedError('meanAndStd');
}

/** How many labels there are of each class 0..numClasses-1. */
export function classCounts(labels: Uint8Array, numClasses: number): number[] {
  // TODO: write this part (see the README).
  throw new NotImplementedError('classCounts');
}

/**
 * A stratified split: for each class, `Math.round(validationFraction * n)` of its `n` samples, chosen at
 * random, go to validation and the rest to training, so both parts keep the class balance. The same seed
 * gives the same split; use `createRandom(seed)` from 'labgrade/runtime' for random numbers.
 */
export function stratifiedSplit(labels: Uint8Array, validationFraction: number, seed: number): Split {
  // TODO: write this part (see the README).
  throw new NotImplementedError('stratifiedSplit');
}

/**
 * A 28x28 digit as 28 lines of 28 characters, joined with '\n', for a terminal: a pixel below 85 is ' ',
 * from 85 to 169 is '+', and 170 or more is '#'.
 */
export function renderDigit(pixels: Uint8Array): string {
  // TODO: write this part (see the README).
  throw new NotImplementedError('renderDigit');
}
