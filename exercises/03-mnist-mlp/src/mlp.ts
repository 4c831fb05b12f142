/**
 * Exercise 03: a multilayer perceptron (MLP) that reads handwritten digits.
 *
 * Implement `buildModel` and `trainModel`. The grader builds your model, trains it on the 60,000 MNIST
 * training images, and measures its accuracy on 10,000 test images it keeps to itself.
 * Graded: input [null, 784] and output [null, 10] with softmax, at most 300,000 parameters, a training
 * loss that goes down and never becomes NaN, training within the time limit, and test accuracy >= 0.97.
 */
import * as tf from '@tensorflow/tfjs';
import { fit, NotImplementedError } from 'labgrade/runtime';

/** Training data as the grader hands it over. */
export interface MnistTensors {
  /** Images, each flattened to 784 pixel values scaled to [0, 1]: shape [n, 784]. */
  xs: tf.Tensor2D;
  /** The digit of each image, one-hot encoded: shape [n, 10]. */
  ys: tf.Tensor2D;
}

/**
 * What training returns: what `await model.fit(...)` gives (a tf.History), or `{ history: await fit(...) }`
 * with `fit` from 'labgrade/runtime'. The grader reads the loss of each epoch from it.
 */
export type TrainingHistory = tf.History | { history: { loss: number[]; acc?: number[] } };

/**
 * Builds an MLP for 28x28 images flattened to 784 values, ending in 10 class probabilities (softmax).
 * Compile it here too (optimizer, loss, metrics), so that `trainModel` can call `model.fit` directly.
 */
export function buildModel(): tf.Sequential {
  // TODO: write this part (see the README).
  const model = tf.sequential();
  // model.add(tf.layers.dense({ inputShape: [784], units: ..., activation: ... }));  // a hidden layer (or more)
  // model.add(tf.layers.dense({ units: 10, activation: ... }));  // one probability per digit
  // model.compile({ optimizer: tf.train.adam(...), loss: ..., metrics: ['accuracy'] });
  // return model;
  throw new NotImplementedError('buildModel');
}

/**
 * Trains the model on the training data and returns its history. Choose epochs and batch size.
 * `model.fit(train.xs, train.ys, { epochs, batchSize })` works; `fit` from 'labgrade/runtime' takes the same
 * arguments and is several times faster on the WebAssembly backend.
 */
export async function trainModel(model: tf.Sequential, train: MnistTensors): Promise<TrainingHistory> {
  // TODO: write this part (see the README).
  // return await model.fit(train.xs, train.ys, { epochs: ..., batchSize: ... });
  // or, faster on WebAssembly: return { history: await fit(model, train.xs, train.ys, { epochs: ..., batchSize: ... }) };
  throw new NotImplementedError('trainModel');
}
