/**
 * Driver-side helpers (they run in the child) for exercises where students build TF.js layers models:
 * describing a model as plain data and predicting in batches. Methods are captured when this module loads,
 * before any student code, so patching TF.js prototypes cannot change what the grader is told.
 */
import * as tf from '@tensorflow/tfjs';
import { InvalidSubmissionError, type Bilingual } from '../sandbox/driver-api.ts';

const IMAGE: Bilingual = { en: 'image', nb: 'bilde' };

const LayersModel = tf.LayersModel;
const countParams = tf.LayersModel.prototype.countParams;
const Sequential = tf.Sequential;
const predict = tf.LayersModel.prototype.predict;
// Sequential delegates predict to its inner model, so it needs its own captured method.
const sequentialPredict = tf.Sequential.prototype.predict;
const tidy = tf.tidy;
const tensor2d = tf.tensor2d;
const tensor4d = tf.tensor4d;
const ArrayIsArray = Array.isArray;

export interface ModelDescription {
  className: string;
  inputShape: (number | null)[];
  outputShape: (number | null)[];
  params: number;
  layers: { className: string; name: string; outputShape: string; params: number; activation?: string; config: Record<string, unknown> }[];
  /** Activation of the last layer that has one. */
  finalActivation?: string;
}

/** The model an earlier task kept in the child's state under `key` (set by the build task). */
export function builtModel(state: Map<string, unknown>, key = 'model'): tf.LayersModel {
  const m = state.get(key) as tf.LayersModel | undefined;
  if (!m) throw new InvalidSubmissionError({ en: 'No model was built.', nb: 'Ingen modell ble bygd.' });
  return m;
}

/** Checks that a value is a TF.js layers model and describes it. */
export function describeModel(model: unknown, fnName: string): ModelDescription {
  if (!(model instanceof LayersModel)) {
    const type = typeof model === 'object' && model !== null ? ((model as object).constructor?.name ?? 'Object') : '';
    const en = model === undefined ? 'nothing (undefined) — did you forget `return model`?' : model === null ? 'null' : type ? `an object of type ${type}` : typeof model;
    const nb = model === undefined ? 'ingenting (undefined) — glemte du `return model`?' : model === null ? 'null' : type ? `et objekt av typen ${type}` : typeof model;
    throw new InvalidSubmissionError({
      en: `Expected ${fnName} to return a tf.LayersModel (for example from tf.sequential()), but it returned ${en}.`,
      nb: `Forventet at ${fnName} returnerer en tf.LayersModel (for eksempel fra tf.sequential()), men den returnerte ${nb}.`,
    });
  }
  const shapeOf = (s: tf.Shape | tf.Shape[]): (number | null)[] => (ArrayIsArray(s[0]) ? (s[0] as (number | null)[]) : (s as (number | null)[]));
  const layers = model.layers.map((layer) => {
    const config = layer.getConfig() as Record<string, unknown>;
    const activation = typeof config.activation === 'string' ? config.activation : undefined;
    let outputShape: string;
    try {
      outputShape = JSON.stringify(layer.outputShape);
    } catch {
      outputShape = '?';
    }
    return { className: layer.getClassName(), name: layer.name, outputShape, params: layer.countParams(), ...(activation ? { activation } : {}), config: JSON.parse(JSON.stringify(config)) as Record<string, unknown> };
  });
  const withActivation = [...layers].reverse().find((l) => l.className === 'Activation' || l.activation !== undefined);
  const finalActivation = withActivation?.activation;
  return {
    className: model.getClassName(),
    inputShape: shapeOf(model.inputs.map((i) => i.shape) as tf.Shape[]),
    outputShape: shapeOf(model.outputs.map((o) => o.shape) as tf.Shape[]),
    params: countParams.call(model),
    layers,
    ...(finalActivation ? { finalActivation } : {}),
  };
}

/**
 * Runs `model.predict` over `count` inputs of `shape` (per example) read from uint8 pixels scaled to [0,1],
 * in batches, and returns the outputs as one Float32Array.
 */
export function predictPixels(model: tf.LayersModel, pixels: Uint8Array, count: number, shape: number[], batchSize = 1000): Float32Array {
  const offset = shapeSize(shape);
  return predictBatches(model, count, shape, batchSize, IMAGE, (start, batch) => {
    for (let i = 0; i < batch.length; i++) batch[i] = pixels[start * offset + i]! / 255;
  });
}

/** Runs `model.predict` over `count` rows of `width` float features (row-major) and returns the outputs. */
export function predictRows(model: tf.LayersModel, rows: Float32Array, count: number, width: number, batchSize = 1000): Float32Array {
  return predictFloats(model, rows, count, [width], batchSize, { en: 'row', nb: 'rad' });
}

/** Runs `model.predict` over `count` float inputs of `shape` each (one after another) and returns the outputs. */
export function predictFloats(model: tf.LayersModel, values: Float32Array, count: number, shape: number[], batchSize = 1000, what: Bilingual = IMAGE): Float32Array {
  const size = shapeSize(shape);
  return predictBatches(model, count, shape, batchSize, what, (start, batch) => batch.set(values.subarray(start * size, start * size + batch.length)));
}

function shapeSize(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function predictBatches(model: tf.LayersModel, count: number, shape: number[], batchSize: number, what: Bilingual, fill: (start: number, batch: Float32Array) => void): Float32Array {
  const perExample = shapeSize(shape);
  let out: Float32Array | undefined;
  let width = 0;
  for (let start = 0; start < count; start += batchSize) {
    const n = Math.min(batchSize, count - start);
    const batch = new Float32Array(n * perExample);
    fill(start, batch);
    const values = tidy(() => {
      const x = shape.length === 1 ? tensor2d(batch, [n, perExample]) : tensor4d(batch, [n, ...(shape as [number, number, number])]);
      const method = (model instanceof Sequential ? sequentialPredict : predict) as typeof predict;
      const y = method.call(model, x) as tf.Tensor;
      if (ArrayIsArray(y)) throw new InvalidSubmissionError({ en: 'Expected the model to have one output, but it has several.', nb: 'Forventet at modellen har én utgang, men den har flere.' });
      return y.dataSync() as Float32Array;
    });
    if (!out) {
      width = values.length / n;
      out = new Float32Array(count * width);
    }
    if (values.length !== n * width) {
      throw new InvalidSubmissionError({ en: `Expected ${width} outputs per ${what.en}, but got ${values.length / n}.`, nb: `Forventet ${width} utdata per ${what.nb}, men fikk ${values.length / n}.` });
    }
    out.set(values, start * width);
  }
  return out ?? new Float32Array(0);
}

/** Reads a loss series from what a training function returned: a tf.History, `{ loss: [...] }`, or nothing. */
export function lossHistory(returned: unknown): { loss: number[]; accuracy?: number[] } | undefined {
  if (!returned || typeof returned !== 'object') return undefined;
  const record = (returned as { history?: Record<string, unknown> }).history ?? (returned as Record<string, unknown>);
  const numbers = (v: unknown): number[] | undefined => (ArrayIsArray(v) ? v.map((x) => Number(x)) : undefined);
  const loss = numbers(record.loss);
  if (!loss) return undefined;
  const accuracy = numbers(record.acc ?? record.accuracy);
  return { loss, ...(accuracy ? { accuracy } : {}) };
}
