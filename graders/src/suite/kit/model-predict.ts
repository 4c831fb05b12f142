/**
 * Suite-side (it runs in the grader, where no student code has run): runs a model rebuilt by model-rebuild.ts
 * over a suite's inputs in batches, within the exercise's predict limit. These forward passes compute every
 * model metric; the child's TF.js never does.
 */
import * as tf from '@tensorflow/tfjs';
import { fail, gradingContext, type Localized } from '../harness.ts';
import { sizeOf } from './model-rebuild.ts';

const IMAGE: Localized = { en: 'image', nb: 'bilde' };

/**
 * Runs the model over `count` inputs of `shape` (per example) read from uint8 pixels scaled to [0,1], in
 * batches, and returns the outputs as one Float32Array.
 */
export function predictPixels(model: tf.LayersModel, pixels: Uint8Array, count: number, shape: number[], batchSize = 1000): Float32Array {
  const offset = sizeOf(shape);
  return predictBatches(model, count, shape, batchSize, IMAGE, (start, batch) => {
    for (let i = 0; i < batch.length; i++) batch[i] = pixels[start * offset + i]! / 255;
  });
}

/** Runs the model over `count` rows of `width` float features (row-major) and returns the outputs. */
export function predictRows(model: tf.LayersModel, rows: Float32Array, count: number, width: number, batchSize = 1000): Float32Array {
  return predictFloats(model, rows, count, [width], batchSize, { en: 'row', nb: 'rad' });
}

/** Runs the model over `count` float inputs of `shape` each (one after another) and returns the outputs. */
export function predictFloats(
  model: tf.LayersModel,
  values: Float32Array,
  count: number,
  shape: number[],
  batchSize = 1000,
  what: Localized = IMAGE,
): Float32Array {
  const size = sizeOf(shape);
  return predictBatches(model, count, shape, batchSize, what, (start, batch) => batch.set(values.subarray(start * size, start * size + batch.length)));
}

/**
 * Runs the model batch by batch. The grader's own time spent running a student's model is bounded by the
 * exercise's predict limit (wall-clock time here: a reference model needs a few seconds at most).
 */
function predictBatches(
  model: tf.LayersModel,
  count: number,
  shape: number[],
  batchSize: number,
  what: Localized,
  fill: (start: number, batch: Float32Array) => void,
): Float32Array {
  const perExample = sizeOf(shape);
  const limitMs = 1000 * gradingContext().limits.predictSeconds;
  const started = performance.now();
  let out: Float32Array | undefined;
  let width = 0;
  for (let start = 0; start < count; start += batchSize) {
    if (start > 0 && performance.now() - started > limitMs) {
      return fail({
        message: {
          en: `Running your model on ${count} examples took longer than the limit of ${Math.round(limitMs / 1000)} s (it had done ${start} of them).`,
          nb: `Å kjøre modellen din på ${count} eksempler tok lenger tid enn grensen på ${Math.round(limitMs / 1000)} s (den hadde gjort ${start} av dem).`,
        },
        hint: {
          en: 'Make the model lighter: fewer filters or units, and pooling earlier.',
          nb: 'Gjør modellen lettere: færre filtre eller enheter, og pooling tidligere.',
        },
      });
    }
    const n = Math.min(batchSize, count - start);
    const batch = new Float32Array(n * perExample);
    fill(start, batch);
    let values: Float32Array;
    try {
      values = tf.tidy(() => {
        const y = model.predict(tf.tensor(batch, [n, ...shape]));
        if (Array.isArray(y))
          return fail({
            message: { en: 'Expected the model to have one output, but it has several.', nb: 'Forventet at modellen har én utgang, men den har flere.' },
          });
        return y.dataSync() as Float32Array;
      });
    } catch (error) {
      if (error instanceof Error && error.name === 'CheckFailure') throw error;
      const reason = error instanceof Error ? error.message : String(error);
      return fail({
        message: {
          en: `The model could not be run on inputs of shape [${shape.join(', ')}] per example: ${reason}`,
          nb: `Modellen kunne ikke kjøres på inndata med formen [${shape.join(', ')}] per eksempel: ${reason}`,
        },
        hint: { en: "Check the first layer's inputShape.", nb: 'Sjekk inputShape på det første laget.' },
      });
    }
    if (!out) {
      width = values.length / n;
      out = new Float32Array(count * width);
    }
    if (values.length !== n * width) {
      return fail({
        message: {
          en: `Expected ${width} outputs per ${what.en}, but got ${values.length / n}.`,
          nb: `Forventet ${width} utdata per ${what.nb}, men fikk ${values.length / n}.`,
        },
      });
    }
    out.set(values, start * width);
  }
  return out ?? new Float32Array(0);
}
