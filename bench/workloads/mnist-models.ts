/** The Lab 2 MNIST models, built exactly as the peers build them, and one timed training epoch. */
import * as tf from '@tensorflow/tfjs';
import { seedEverything, unseed } from '../../runtime/seed.ts';
import { fit } from '../../runtime/train.ts';
import { mnistTrain } from '../mnist.ts';
import { startTiming, type Sample } from '../workload.ts';

/** Which Lab 2 model. */
export type MnistArch = 'mlp' | 'cnn';

/** Flatten -> Dense(128, relu) -> Dense(10), or the two-conv CNN; logits out, Adam(1e-3), cross-entropy. */
export function buildMnistModel(arch: MnistArch, seed = 0): tf.LayersModel {
  seedEverything(seed);
  try {
    const layers =
      arch === 'mlp'
        ? [tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }), tf.layers.dense({ units: 10 })]
        : [
            tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 16, kernelSize: 3, padding: 'valid', activation: 'relu' }),
            tf.layers.maxPooling2d({ poolSize: 2 }),
            tf.layers.conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' }),
            tf.layers.maxPooling2d({ poolSize: 2 }),
            tf.layers.flatten(),
            tf.layers.dense({ units: 10 }),
          ];
    const model = tf.sequential({ layers });
    model.compile({
      optimizer: tf.train.adam(1e-3),
      loss: (labels: tf.Tensor, logits: tf.Tensor) => tf.losses.softmaxCrossEntropy(labels, logits),
      metrics: ['accuracy'],
    });
    return model;
  } finally {
    unseed();
  }
}

/** Which training loop: the runtime's `fit`, or TensorFlow.js's own `model.fit`. */
export type Trainer = 'fit' | 'model.fit';

/**
 * One epoch of `arch` on the first `count` training images, batch 128, shuffled, with `trainer`; accuracy is the
 * epoch's running accuracy. Only the training is timed (model.fit's input tensors are made before).
 */
export async function trainMnistEpoch(arch: MnistArch, count: number, trainer: Trainer = 'fit'): Promise<Sample> {
  const data = await mnistTrain(count);
  const model = buildMnistModel(arch);
  try {
    if (trainer === 'fit') {
      const started = startTiming();
      const history = await fit(model, data.images, data.labels, { epochs: 1, batchSize: 128, seed: 0 });
      return { ...started.stop(), accuracy: history.acc[0]! };
    }
    const xs = tf.tensor(data.images, arch === 'mlp' ? [count, 784] : [count, 28, 28, 1]);
    const ys = tf.tensor2d(data.labels, [count, 10]);
    try {
      seedEverything(0);
      const started = startTiming();
      const history = await model.fit(xs, ys, { epochs: 1, batchSize: 128, shuffle: true, verbose: 0 });
      return { ...started.stop(), accuracy: (history.history['acc'] as number[])[0]! };
    } finally {
      unseed();
      tf.dispose([xs, ys]);
    }
  } finally {
    model.optimizer.dispose();
    model.dispose();
  }
}
