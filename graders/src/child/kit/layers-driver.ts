/**
 * Driver-side helpers (they run in the child) for exercises where students build TF.js layers models: a
 * model leaves the child as data (its Layers topology and its weight arrays), never as predictions. The
 * grader rebuilds it where no student code has run and computes every metric from its own forward passes
 * (graders/src/suite/kit/model-rebuild.ts), so that nothing student code does to TF.js in the child can change a
 * score: whatever the child sends is the model that is evaluated.
 */
import * as tf from '@tensorflow/tfjs';
import { InvalidSubmissionError } from '../driver-api.ts';
import type { ExportedModel } from '../../core/exported-model.ts';

export type { ExportedModel } from '../../core/exported-model.ts';

// Captured when this module loads, before any student code: instance overrides of `save` are bypassed.
const LayersModel = tf.LayersModel;
const save = tf.LayersModel.prototype.save;
const withSaveHandler = tf.io.withSaveHandler;
const ArrayIsArray = Array.isArray;

/** The model an earlier task kept in the child's state under `key` (set by the build task). */
export function builtModel(state: Map<string, unknown>, key = 'model'): tf.LayersModel {
  const m = state.get(key) as tf.LayersModel | undefined;
  if (!m) throw new InvalidSubmissionError({ en: 'No model was built.', nb: 'Ingen modell ble bygd.' });
  return m;
}

/** Checks that a value a student function returned is a TF.js layers model. */
export function expectLayersModel(model: unknown, fnName: string): tf.LayersModel {
  if (model instanceof LayersModel) return model;
  const type = typeof model === 'object' && model !== null ? ((model as object).constructor?.name ?? 'Object') : '';
  const en =
    model === undefined ? 'nothing (undefined) — did you forget `return model`?' : model === null ? 'null' : type ? `an object of type ${type}` : typeof model;
  const nb =
    model === undefined ? 'ingenting (undefined) — glemte du `return model`?' : model === null ? 'null' : type ? `et objekt av typen ${type}` : typeof model;
  throw new InvalidSubmissionError({
    en: `Expected ${fnName} to return a tf.LayersModel (for example from tf.sequential()), but it returned ${en}.`,
    nb: `Forventet at ${fnName} returnerer en tf.LayersModel (for eksempel fra tf.sequential()), men den returnerte ${nb}.`,
  });
}

/**
 * The model as data: its topology and its weights, as `model.save` writes them. A model TF.js cannot save
 * (one that was never built, say) is the submission's error, reported with TF.js's reason.
 */
export async function exportModel(model: tf.LayersModel): Promise<ExportedModel> {
  let saved: tf.io.ModelArtifacts | undefined;
  try {
    await save.call(
      model,
      withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidSubmissionError({
      en: `The model could not be saved for grading: ${reason}. Build it from tf.layers.* and give its first layer an inputShape.`,
      nb: `Modellen kunne ikke lagres for retting: ${reason}. Bygg den av tf.layers.* og gi det første laget en inputShape.`,
    });
  }
  const weightData = saved?.weightData;
  return {
    topology: saved?.modelTopology ?? null,
    weightSpecs: (saved?.weightSpecs ?? []).map((s) => ({ name: s.name, shape: [...s.shape], dtype: s.dtype })),
    // One buffer, whether TF.js wrote one or several.
    weightData: weightData === undefined ? new ArrayBuffer(0) : ArrayIsArray(weightData) ? tf.io.concatenateArrayBuffers(weightData) : weightData,
  };
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
