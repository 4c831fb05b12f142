import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../runtime/backend.ts';
import { createRandom } from '../../runtime/seed.ts';
import { FitDataError, fit, oneHot } from '../../runtime/train.ts';

/** Two Gaussian blobs in 4 dimensions: class 1 sits at +1 on every axis, class 0 at -1. */
function blobs(n: number, seed: number): { x: Float32Array; labels: Uint8Array } {
  const random = createRandom(seed);
  const x = new Float32Array(n * 4);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % 2;
    for (let d = 0; d < 4; d++) x[i * 4 + d] = (labels[i] ? 1 : -1) + (random() - 0.5) * 2;
  }
  return { x, labels };
}

function classifier(seed: number): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [4], units: 8, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed }) }),
      tf.layers.dropout({ rate: 0.2 }),
      tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.05), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

function disposeModel(model: tf.LayersModel): void {
  model.optimizer.dispose();
  model.dispose();
}

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('fit', () => {
  const train = blobs(200, 1);
  const valid = blobs(60, 2);
  const ys = oneHot(train.labels, 2);
  const validYs = oneHot(valid.labels, 2);

  it('trains a classifier on typed arrays and reports loss and accuracy for every epoch', async () => {
    const model = classifier(3);
    const history = await fit(model, train.x, ys, { epochs: 5, batchSize: 32, seed: 1, validationData: [valid.x, validYs] });
    expect(history.loss).toHaveLength(5);
    expect(history.acc).toHaveLength(5);
    expect(history.valLoss).toHaveLength(5);
    expect(history.valAcc).toHaveLength(5);
    expect(history.loss.at(-1)!).toBeLessThan(history.loss[0]!);
    expect(history.valAcc.at(-1)!).toBeGreaterThan(0.9);
    expect(history.stoppedEarly).toBe(false);
    disposeModel(model);
  });

  it('gives the same history for the same seed, including dropout, and a different one for another seed', async () => {
    const run = async (seed: number): Promise<number[]> => {
      const model = classifier(3);
      const history = await fit(model, train.x, ys, { epochs: 2, batchSize: 16, seed });
      disposeModel(model);
      return history.loss;
    };
    const first = await run(7);
    expect(await run(7)).toEqual(first);
    expect(await run(8)).not.toEqual(first);
  });

  it('accepts tensors as well as typed arrays', async () => {
    const model = classifier(3);
    const xs = tf.tensor2d(train.x, [200, 4]);
    const yt = tf.tensor2d(ys, [200, 2]);
    const history = await fit(model, xs, yt, { epochs: 2, batchSize: 64 });
    expect(history.loss).toHaveLength(2);
    tf.dispose([xs, yt]);
    disposeModel(model);
  });

  it('leaves no tensors behind beyond the optimizer state', async () => {
    const model = classifier(3);
    await fit(model, train.x, ys, { epochs: 1, batchSize: 50 });
    const before = tf.memory().numTensors;
    await fit(model, train.x, ys, { epochs: 2, batchSize: 48, validationData: [valid.x, validYs] });
    expect(tf.memory().numTensors).toBe(before);
    disposeModel(model);
  });

  it('stops when onEpochEnd returns "stop", after passing that epoch its logs', async () => {
    const model = classifier(3);
    const seen: number[] = [];
    const history = await fit(model, train.x, ys, {
      epochs: 10,
      onEpochEnd: (epoch, logs) => {
        seen.push(epoch);
        expect(logs.loss).toBeGreaterThan(0);
        return epoch === 2 ? 'stop' : undefined;
      },
    });
    expect(seen).toEqual([0, 1, 2]);
    expect(history.loss).toHaveLength(3);
    expect(history.stoppedEarly).toBe(true);
    disposeModel(model);
  });

  it('stops early when the validation loss has not improved for `patience` epochs', async () => {
    const model = classifier(3);
    // A learning rate of zero never improves after the first epoch.
    model.compile({ optimizer: tf.train.sgd(0), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const history = await fit(model, train.x, ys, { epochs: 20, validationData: [valid.x, validYs], earlyStopping: { patience: 2 } });
    expect(history.loss).toHaveLength(3);
    expect(history.stoppedEarly).toBe(true);
    disposeModel(model);
  });

  it('restores Math.random after training', async () => {
    const random = Math.random;
    const model = classifier(3);
    await fit(model, train.x, ys, { epochs: 1, seed: 5 });
    expect(Math.random).toBe(random);
    disposeModel(model);
  });

  it('rejects targets that do not match the number of inputs, naming both counts', async () => {
    const model = classifier(3);
    await expect(fit(model, train.x, ys.subarray(0, 100))).rejects.toThrow(FitDataError);
    await expect(fit(model, train.x, ys.subarray(0, 100))).rejects.toThrow(/200.*50|50.*200/);
    disposeModel(model);
  });
});

describe('oneHot', () => {
  it('encodes class indices as rows with a single 1', () => {
    expect([...oneHot([2, 0], 3)]).toEqual([0, 0, 1, 1, 0, 0]);
  });

  it('rejects a label outside 0..numClasses-1', () => {
    expect(() => oneHot([3], 3)).toThrow(/0\.\.2/);
  });
});
