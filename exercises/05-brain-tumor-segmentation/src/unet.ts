/**
 * Exercise 05: segmenting a brain tumour on multi-contrast MRI with a small U-Net.
 *
 * Implement the functions below. The grader builds your U-Net for 48x48 slices with four contrasts (T1, T1c,
 * T2, FLAIR), trains it on 400 synthetic slices, and computes the Dice score of each tumour class (oedema,
 * enhancing tumour, necrotic core) on 50 slices it keeps to itself. Graded threshold: mean Dice >= 0.75.
 */
import * as tf from '@tensorflow/tfjs';
import { fit, NotImplementedError } from 'labgrade/runtime';

/**
 * What training returns: what `await model.fit(...)` gives (a tf.History), or `{ history: await fit(...) }`
 * with `fit` from 'labgrade/runtime'. The grader reads the loss of each epoch from it.
 */
export type TrainingHistory = tf.History | { history: { loss: number[]; acc?: number[] } };

/**
 * The soft Dice loss for one-hot labels `yTrue` and softmax probabilities `yPred`, both
 * [batch, height, width, classes]: for each class c, with sums over every pixel of the batch,
 *
 *     dice_c = (2 * sum(yTrue_c * yPred_c) + 1) / (sum(yTrue_c) + sum(yPred_c) + 1)
 *
 * and the loss is 1 minus the mean of dice_c over all classes. Use tf operations only, so that TensorFlow.js
 * can compute its gradient.
 */
export function softDiceLoss(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  // TODO: write this part (see the README).
  throw new NotImplementedError('softDiceLoss');
}

/**
 * Builds a U-Net for `size` x `size` images with `channels` contrasts, ending in a softmax over `classes`
 * per pixel: output [null, size, size, classes]. An encoder (convolutions, then pooling), a decoder
 * (upsampling, then convolutions) and skip connections that concatenate each encoder level's feature maps
 * with the decoder's at the same resolution. Compile it with an optimizer and a loss that uses
 * `softDiceLoss`.
 */
export function buildUnet(size: number, channels: number, classes: number): tf.LayersModel {
  // TODO: write this part (see the README).
  // The functional API: a layer's apply() takes a SymbolicTensor (or a list of them) and returns one.
  // apply() is typed to return several kinds of values, so say which with `as tf.SymbolicTensor`.
  const conv = (x: tf.SymbolicTensor, filters: number) =>
    tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(x) as tf.SymbolicTensor;
  const input = tf.input({ shape: [size, size, channels] });
  // const level1 = conv(conv(input, 8), 8);  // size x size
  // const down1 = tf.layers.maxPooling2d({ poolSize: 2 }).apply(level1) as tf.SymbolicTensor;  // size / 2
  // ... a deeper level, then back up:
  // const up1 = tf.layers.upSampling2d({ size: [2, 2] }).apply(deeper) as tf.SymbolicTensor;  // size again
  // const joined = tf.layers.concatenate().apply([up1, level1]) as tf.SymbolicTensor;  // the skip connection
  // const output = tf.layers.conv2d({ filters: classes, kernelSize: 1, activation: 'softmax' }).apply(...) as tf.SymbolicTensor;
  // const model = tf.model({ inputs: input, outputs: output });
  // model.compile({ optimizer: tf.train.adam(...), loss: (yTrue: tf.Tensor, yPred: tf.Tensor) => softDiceLoss(yTrue, yPred) });
  // return model;
  throw new NotImplementedError('buildUnet');
}

/**
 * Trains the U-Net on images `xs` [n, size, size, channels] and one-hot label maps `ys`
 * [n, size, size, classes]. Returns the history (one loss per epoch).
 */
export async function trainUnet(model: tf.LayersModel, xs: tf.Tensor4D, ys: tf.Tensor4D): Promise<TrainingHistory> {
  // TODO: write this part (see the README).
  // return { history: await fit(model, xs, ys, { epochs: ..., batchSize: ... }) };   (or await model.fit(...))
  throw new NotImplementedError('trainUnet');
}

/**
 * The Dice score of one class between two label maps (one label per pixel): 2 |P ∩ T| / (|P| + |T|), where
 * P are the pixels predicted as `label` and T the pixels that truly are. When neither map has the label,
 * the score is 1 (nothing to find, and nothing wrongly found).
 */
export function diceScore(predicted: ArrayLike<number>, truth: ArrayLike<number>, label: number): number {
  // TODO: write this part (see the README).
  throw new NotImplementedError('diceScore');
}
