/**
 * Exercise 04: a convolutional neural network (CNN) that reads handwritten digits.
 *
 * Implement `buildModel` and `trainModel`. The grader builds your model, trains it on the 60,000 MNIST
 * training images (28x28 pixels, one channel), and measures its accuracy on 10,000 test images it keeps
 * to itself. Graded: input [null, 28, 28, 1] and output [null, 10] with softmax, convolution and pooling
 * layers, at most 150,000 parameters, a training loss that goes down and never becomes NaN, training within
 * the time limit, and test accuracy >= 0.985.
 */
import * as tf from '@tensorflow/tfjs';
import { fit, NotImplementedError } from 'labgrade/runtime';

/** Training data as the grader hands it over. */
export interface MnistImages {
  /** Images with pixel values scaled to [0, 1]: shape [n, 28, 28, 1] (height, width, one grey channel). */
  xs: tf.Tensor4D;
  /** The digit of each image, one-hot encoded: shape [n, 10]. */
  ys: tf.Tensor2D;
}

/**
 * What training returns: what `await model.fit(...)` gives (a tf.History), or `{ history: await fit(...) }`
 * with `fit` from 'labgrade/runtime'. The grader reads the loss of each epoch from it.
 */
export type TrainingHistory = tf.History | { history: { loss: number[]; acc?: number[] } };

/**
 * Builds a CNN for 28x28 one-channel images, ending in 10 class probabilities (softmax). Use conv2d and
 * pooling layers before the dense layers. Compile it here too (optimizer, loss, metrics).
 */
export function buildModel(): tf.Sequential {
  // BEGIN SOLUTION
  // STUB: const model = tf.sequential();
  // STUB: // model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: ..., kernelSize: ..., activation: 'relu' }));
  // STUB: // model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  // STUB: // ... more convolution + pooling blocks, then:
  // STUB: // model.add(tf.layers.flatten());
  // STUB: // model.add(tf.layers.dense({ units: 10, activation: ... }));
  // STUB: // model.compile({ optimizer: tf.train.adam(...), loss: ..., metrics: ['accuracy'] });
  // STUB: // return model;
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 16, kernelSize: 5, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 32, kernelSize: 5, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 64, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(2e-3), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
  // END SOLUTION
}

/**
 * Trains the model on the training data and returns its history. Choose epochs and batch size.
 * `model.fit(train.xs, train.ys, { epochs, batchSize })` works; `fit` from 'labgrade/runtime' takes the same
 * arguments and is faster on the WebAssembly backend.
 */
export async function trainModel(model: tf.Sequential, train: MnistImages): Promise<TrainingHistory> {
  // BEGIN SOLUTION
  // STUB: // return await model.fit(train.xs, train.ys, { epochs: ..., batchSize: ... });
  // STUB: // or, faster on WebAssembly: return { history: await fit(model, train.xs, train.ys, { epochs: ..., batchSize: ... }) };
  const history = await fit(model, train.xs, train.ys, { epochs: 4, batchSize: 128, seed: 4 });
  return { history: { loss: history.loss, acc: history.acc } };
  // END SOLUTION
}
