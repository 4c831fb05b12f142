/**
 * Models leave the child as data and are rebuilt by the grader (graders/src/suite/kit/model-rebuild.ts): what the
 * driver exports (layers-driver.ts) rebuilds into a model that predicts exactly as the original, and a model
 * that cannot be rebuilt from TF.js's standard layers is refused with the layer named.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { exportModel } from '../../graders/src/child/kit/layers-driver.ts';
import { describeModel, ModelRebuildError, rebuildModel } from '../../graders/src/suite/kit/model-rebuild.ts';
import type { ExportedModel } from '../../graders/src/core/exported-model.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function mlp(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [6], units: 8, activation: 'relu' }));
  model.add(tf.layers.batchNormalization());
  model.add(tf.layers.dropout({ rate: 0.3 }));
  model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  return model;
}

/** A small U-Net-like graph: a skip connection joins an encoder map with an upsampled one. */
function unet(): tf.LayersModel {
  const input = tf.input({ shape: [8, 8, 2] });
  const encoded = tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(input) as tf.SymbolicTensor;
  const pooled = tf.layers.maxPooling2d({ poolSize: 2 }).apply(encoded) as tf.SymbolicTensor;
  const up = tf.layers.upSampling2d({ size: [2, 2] }).apply(pooled) as tf.SymbolicTensor;
  const joined = tf.layers.concatenate().apply([up, encoded]) as tf.SymbolicTensor;
  const output = tf.layers.conv2d({ filters: 3, kernelSize: 1, activation: 'softmax' }).apply(joined) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output });
}

const values = (x: tf.Tensor | tf.Tensor[]) => Array.from((x as tf.Tensor).dataSync());

describe('a model sent as data', () => {
  test.each([
    ['a Sequential with batch normalisation and dropout', mlp, [5, 6]],
    ['a functional model with a skip connection', unet, [2, 8, 8, 2]],
  ] as const)('rebuilds %s that predicts exactly as the original', async (_name, make, shape) => {
    const original = make();
    const x = tf.randomNormal([...shape], 0, 1, 'float32', 7);
    // Train a step so that the weights are not the initial ones.
    original.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    await original.fit(x, original.predict(x) as tf.Tensor, { epochs: 1, verbose: 0 });
    const sent = await exportModel(original);
    const rebuilt = await rebuildModel(structuredClone(sent));
    expect(values(rebuilt.predict(x))).toEqual(values(original.predict(x)));
    expect(describeModel(rebuilt).params).toBe(original.countParams());
    expect(describeModel(rebuilt).layers.map((l) => l.className)).toEqual(original.layers.map((l) => l.getClassName()));
  });

  test('with a layer class of its own is refused, naming the layer and what to use instead', async () => {
    class Doubling extends tf.layers.Layer {
      static className = 'DoublingForTest';
      override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
        return tf.mul(Array.isArray(inputs) ? inputs[0]! : inputs, 2);
      }
    }
    tf.serialization.registerClass(Doubling);
    const model = tf.sequential();
    model.add(tf.layers.dense({ inputShape: [4], units: 2 }));
    model.add(new Doubling({ name: 'twice' }));
    const sent = await exportModel(model);
    // The grader's registry never saw the class: only TF.js's own.
    delete (tf.serialization.SerializationMap.getMap().classNameMap as Record<string, unknown>)['DoublingForTest'];
    const error = await rebuildModel(sent).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelRebuildError);
    expect((error as ModelRebuildError).layer).toBe('twice');
    expect((error as ModelRebuildError).problem.en).toContain('The layer "twice" is a DoublingForTest, which is not one of TensorFlow.js\'s standard layers');
    expect((error as ModelRebuildError).problem.en).toContain('tf.layers.*');
  });

  test('with a weight missing, of the wrong shape, or values that do not add up, is refused with the layer named', async () => {
    const sent = await exportModel(mlp());
    const last = sent.weightSpecs.at(-1)!;
    const lastBytes = 4 * last.shape.reduce((a, b) => a * b, 1);
    const missing: ExportedModel = {
      ...sent,
      weightSpecs: sent.weightSpecs.slice(0, -1),
      weightData: sent.weightData.slice(0, sent.weightData.byteLength - lastBytes),
    };
    await expect(rebuildModel(missing)).rejects.toThrow(`The weights of layer "${last.name.split('/')[0]}" (${last.name}) did not come with the model.`);
    const reshaped: ExportedModel = { ...sent, weightSpecs: sent.weightSpecs.map((s, i) => (i === 0 ? { ...s, shape: [8, 6] } : s)) };
    await expect(rebuildModel(reshaped)).rejects.toThrow(/has shape \[8, 6\], but the layer needs \[6, 8\]/);
    const short: ExportedModel = { ...sent, weightData: sent.weightData.slice(4) };
    await expect(rebuildModel(short)).rejects.toThrow(/weight values take \d+ bytes, but its list of weights needs \d+/);
    await expect(rebuildModel({ ...sent, topology: null })).rejects.toThrow(/without its topology/);
    await expect(rebuildModel({ ...sent, weightSpecs: [{ name: 'x', shape: [40_000_000], dtype: 'float32' }] })).rejects.toThrow(
      /more than 32,000,000 weights/,
    );
  });
});
