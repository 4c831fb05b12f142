/**
 * Exercise 00: from Python notebooks to TypeScript. Five small functions, each beside the Python you know.
 *
 * - `meanAndStd` and `toFloat32`: TypeScript's types, functions, loops, arrays and typed arrays (by hand,
 *   no TensorFlow.js), like `np.mean`, `np.std` and `np.array(rows, dtype=np.float32).ravel()`.
 * - `affine`: `x @ w + b` with TensorFlow.js tensors, read back with `await`.
 * - `buildModel` and `trainModel`: a `tf.sequential` model built, compiled and fitted, like a small
 *   `nn.Sequential` trained in a loop.
 *
 * The grader calls your functions on inputs drawn for your submission, trains your model on 400 patients
 * and measures its accuracy on patients it keeps to itself. The README shows each step.
 */
import * as tf from '@tensorflow/tfjs';
import { NotImplementedError } from 'labgrade/runtime';

/** Mean and standard deviation of a list of numbers. */
export interface Stats {
  mean: number;
  std: number;
}

/** Training data as the grader hands it over: two blood values per patient, and 1 for "abnormal", else 0. */
export interface Patients {
  /** Shape [n, 2]: each patient's two standardised blood values. */
  xs: tf.Tensor2D;
  /** Shape [n, 1]: 1 when the patient is abnormal, 0 when normal. */
  ys: tf.Tensor2D;
}

/**
 * What training returns: what `await model.fit(...)` gives (a tf.History), or `{ history: await fit(...) }`
 * with `fit` from 'labgrade/runtime'. The grader reads the loss of each epoch from it.
 */
export type TrainingHistory = tf.History | { history: { loss: number[]; acc?: number[] } };

/**
 * The mean and the (population) standard deviation of `values`, like `np.mean(values)` and
 * `np.std(values)`: std = sqrt(mean of (value - mean)^2), dividing by n. Write it with loops: no
 * TensorFlow.js. `values` has at least one number.
 */
export function meanAndStd(values: number[]): Stats {
  // TODO: write this part (see the README).
  let sum = 0;
  for (const v of values) {
    // ...
  }
  throw new NotImplementedError('meanAndStd');
}

/**
 * The rows of a table as one Float32Array, row after row (row-major), like
 * `np.array(rows, dtype=np.float32).ravel()`: the value in row `i`, column `j` lands at `i * width + j`.
 * Throws an Error naming the row when the rows do not all have the same length. Write it with loops: no
 * TensorFlow.js.
 */
export function toFloat32(rows: number[][]): Float32Array {
  // TODO: write this part (see the README).
  const width = rows.length > 0 ? rows[0]!.length : 0;
  const out = new Float32Array(rows.length * width);
  throw new NotImplementedError('toFloat32');
}

/**
 * `x @ w + b` with TensorFlow.js, returned as plain nested arrays (like `(x @ w + b).tolist()` in NumPy):
 * `x` is [n, k], `w` is [k, m], `b` has m values added to every row. Free the tensors you make (`tf.tidy`,
 * `dispose`); `await tensor.array()` reads a tensor's values.
 */
export async function affine(x: number[][], w: number[][], b: number[]): Promise<number[][]> {
  // TODO: write this part (see the README).
  // const y = tf.tidy(() => tf.tensor2d(x) ... );  // x @ w + b as one tensor (see the README's table)
  // const rows = await y.array();  // its values as number[][]
  // y.dispose();
  // return rows;
  throw new NotImplementedError('affine');
}

/**
 * A classifier for two blood values: input shape [2], one or more hidden Dense layers, and one output unit
 * with a sigmoid (the probability that the patient is abnormal). Compile it here (optimizer, loss
 * 'binaryCrossentropy', metrics ['accuracy']).
 */
export function buildModel(): tf.Sequential {
  // TODO: write this part (see the README).
  const model = tf.sequential();
  // model.add(tf.layers.dense({ inputShape: [2], units: ..., activation: ... }));  // a hidden layer
  // model.add(tf.layers.dense({ units: 1, activation: ... }));  // one probability
  // model.compile({ optimizer: tf.train.adam(...), loss: ..., metrics: ['accuracy'] });
  // return model;
  throw new NotImplementedError('buildModel');
}

/** Trains the model on the patients with `model.fit` and returns its history. Choose epochs and batch size. */
export async function trainModel(model: tf.Sequential, data: Patients): Promise<TrainingHistory> {
  // TODO: write this part (see the README).
  // return await model.fit(data.xs, data.ys, { epochs: ..., batchSize: ... });
  throw new NotImplementedError('trainModel');
}
