/**
 * Suite-side (it runs in the grader, where no student code has run): rebuilds a model the child sent as data
 * (exported-model.ts) from TF.js's own standard layers and describes it; model-predict.ts runs it. Every model
 * metric is computed from those forward passes: the child's TF.js, which student code can rewrite, never computes a
 * value that earns points. Inference runs on the child's backend where that is TensorFlow.js's own, else on
 * wasm (see useBackendOf): a model trained natively scores within the backends' margins of what it scores there.
 */
import * as tf from '@tensorflow/tfjs';
import { selectBackend, type BackendName } from '../../../../runtime/backend.ts';
import { derived, fail, type Localized, type Submission, type Task } from '../harness.ts';
import type { ExportedModel, ExportedWeightSpec } from '../../core/exported-model.ts';

/** More weights than this is not a model of this lab (the largest reference has about 0.5 million). */
export const MAX_WEIGHTS = 32_000_000;
/** More layers (and initialisers, regularisers...) than this is not a model of this lab either. */
export const MAX_TOPOLOGY_NODES = 20_000;

export interface ModelDescription {
  className: string;
  inputShape: (number | null)[];
  outputShape: (number | null)[];
  params: number;
  layers: { className: string; name: string; outputShape: string; params: number; activation?: string; config: Record<string, unknown> }[];
  /** Activation of the last layer that has one. */
  finalActivation?: string;
}

/** A model rebuilt in the grader, with its description. */
export interface RebuiltModel {
  model: tf.LayersModel;
  description: ModelDescription;
}

/** Why a sent model cannot be rebuilt, in both languages; `layer` names the layer at fault. */
export class ModelRebuildError extends Error {
  readonly code = 'LABGRADE_MODEL_REBUILD';
  constructor(
    readonly problem: Localized,
    readonly layer?: string,
  ) {
    super(problem.en);
    this.name = 'ModelRebuildError';
  }
}

let backendReady: Promise<void> | undefined;

/**
 * Selects, once per suite, the backend the grader computes on: the child's where that is TensorFlow.js's own
 * (`wasm`, `cpu`), else `wasm`. The grader never loads TensorFlow's native library: the library prints its
 * notices straight into the process's stderr when it loads, where the grader's output would carry them and
 * nothing can hold them back; the grader's own forward passes are few, and quick on wasm.
 */
export function useBackendOf(submission: Submission): Promise<void> {
  backendReady ??= submission.backend().then(async (name) => {
    const grading: BackendName = name === 'wasm' || name === 'cpu' ? name : 'wasm';
    if (tf.getBackend() !== grading) await selectBackend(grading);
  });
  return backendReady;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every `class_name` in a topology that TF.js's registry does not know, with the layer it belongs to. */
function unknownClasses(topology: unknown): { className: string; layer?: string }[] {
  const known = tf.serialization.SerializationMap.getMap().classNameMap as Record<string, unknown>;
  const found: { className: string; layer?: string }[] = [];
  let nodes = 0;
  const visit = (node: unknown, layer: string | undefined): void => {
    if (++nodes > MAX_TOPOLOGY_NODES) {
      throw new ModelRebuildError({
        en: `The model's topology has more than ${MAX_TOPOLOGY_NODES.toLocaleString('en-US')} parts, far more than any model of this lab needs.`,
        nb: `Topologien til modellen har mer enn ${MAX_TOPOLOGY_NODES.toLocaleString('en-US')} deler, langt flere enn noen modell i denne laben trenger.`,
      });
    }
    if (Array.isArray(node)) {
      for (const item of node) visit(item, layer);
      return;
    }
    if (!isRecord(node)) return;
    const className = node['class_name'];
    const config = node['config'];
    const name = isRecord(config) && typeof config['name'] === 'string' ? config['name'] : undefined;
    if (typeof className === 'string' && !Object.hasOwn(known, className)) found.push({ className, layer: name ?? layer });
    for (const [key, value] of Object.entries(node)) if (key !== 'class_name') visit(value, typeof className === 'string' && name ? name : layer);
  };
  visit(topology, undefined);
  return found;
}

/** The number of values in a tensor of `shape`. */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** The spec list, checked to be plain, finite sizes of float32 or int32 weights. */
function checkedSpecs(specs: unknown): ExportedWeightSpec[] {
  if (!Array.isArray(specs))
    throw new ModelRebuildError({ en: 'The model arrived without its list of weights.', nb: 'Modellen kom uten listen over vektene sine.' });
  let total = 0;
  return specs.map((s) => {
    const spec = s as Partial<ExportedWeightSpec>;
    const valid =
      typeof spec.name === 'string' &&
      Array.isArray(spec.shape) &&
      spec.shape.every((d) => Number.isInteger(d) && d >= 0) &&
      (spec.dtype === 'float32' || spec.dtype === 'int32');
    if (!valid) {
      throw new ModelRebuildError({
        en: `The weight ${JSON.stringify(spec.name ?? '?')} is not a float32 or int32 array with a shape.`,
        nb: `Vekten ${JSON.stringify(spec.name ?? '?')} er ikke en float32- eller int32-tabell med en form.`,
      });
    }
    total += sizeOf(spec.shape!);
    if (total > MAX_WEIGHTS) {
      throw new ModelRebuildError({
        en: `The model has more than ${MAX_WEIGHTS.toLocaleString('en-US')} weights, far more than any model of this lab needs.`,
        nb: `Modellen har mer enn ${MAX_WEIGHTS.toLocaleString('en-US')} vekter, langt flere enn noen modell i denne laben trenger.`,
      });
    }
    return { name: spec.name!, shape: [...spec.shape!], dtype: spec.dtype! };
  });
}

/** Sets the rebuilt model's weights from the sent values; disposes of the model and throws when one is missing or misshapen. */
function loadWeights(model: tf.LayersModel, specs: ExportedWeightSpec[], data: ArrayBuffer): void {
  const offsets = new Map<string, { spec: ExportedWeightSpec; offset: number }>();
  let offset = 0;
  for (const spec of specs) {
    offsets.set(spec.name, { spec, offset });
    offset += 4 * sizeOf(spec.shape);
  }
  const values = model.weights.map((variable) => {
    const name = (variable as unknown as { originalName?: string }).originalName ?? variable.name;
    const layer = name.split('/')[0];
    const found = offsets.get(name);
    if (!found) {
      model.dispose();
      throw new ModelRebuildError(
        {
          en: `The weights of layer ${JSON.stringify(layer)} (${name}) did not come with the model.`,
          nb: `Vektene til laget ${JSON.stringify(layer)} (${name}) fulgte ikke med modellen.`,
        },
        layer,
      );
    }
    if (found.spec.shape.join(',') !== variable.shape.join(',')) {
      model.dispose();
      throw new ModelRebuildError(
        {
          en: `The weight ${name} of layer ${JSON.stringify(layer)} has shape [${found.spec.shape.join(', ')}], but the layer needs [${variable.shape.join(', ')}].`,
          nb: `Vekten ${name} i laget ${JSON.stringify(layer)} har formen [${found.spec.shape.join(', ')}], men laget trenger [${variable.shape.join(', ')}].`,
        },
        layer,
      );
    }
    const size = sizeOf(found.spec.shape);
    const array = found.spec.dtype === 'int32' ? new Int32Array(data, found.offset, size) : new Float32Array(data, found.offset, size);
    return tf.tensor(array, found.spec.shape, found.spec.dtype as 'float32' | 'int32');
  });
  model.setWeights(values);
  tf.dispose(values);
}

/**
 * Rebuilds a model the child sent from TF.js's standard layers and loads its weights. Throws
 * {@link ModelRebuildError} naming the layer when the model uses a class TF.js does not have, or a weight is
 * missing or has the wrong shape.
 */
export async function rebuildModel(sent: unknown): Promise<tf.LayersModel> {
  if (!isRecord(sent) || !isRecord(sent['topology'])) {
    throw new ModelRebuildError({ en: 'The model arrived without its topology (its layers).', nb: 'Modellen kom uten topologien sin (lagene).' });
  }
  const exported = sent as unknown as ExportedModel;
  const specs = checkedSpecs(exported.weightSpecs);
  const data = exported.weightData;
  if (!(data instanceof ArrayBuffer))
    throw new ModelRebuildError({ en: 'The model arrived without its weight values.', nb: 'Modellen kom uten vektverdiene sine.' });
  const expectedBytes = specs.reduce((sum, s) => sum + 4 * sizeOf(s.shape), 0);
  if (data.byteLength !== expectedBytes) {
    throw new ModelRebuildError({
      en: `The model's weight values take ${data.byteLength} bytes, but its list of weights needs ${expectedBytes}.`,
      nb: `Vektverdiene til modellen tar ${data.byteLength} byte, men listen over vektene trenger ${expectedBytes}.`,
    });
  }
  const unknown = unknownClasses(exported.topology);
  if (unknown.length > 0) {
    const { className, layer } = unknown[0]!;
    throw new ModelRebuildError(
      {
        en: `The layer ${JSON.stringify(layer ?? '?')} is a ${className}, which is not one of TensorFlow.js's standard layers, so the grader cannot rebuild your model to evaluate it. Build the model from tf.layers.* only (dense, conv2d, maxPooling2d, flatten, dropout, concatenate, ...): no custom layer classes.`,
        nb: `Laget ${JSON.stringify(layer ?? '?')} er en ${className}, som ikke er et av TensorFlow.js sine standardlag, så retteren kan ikke bygge modellen din på nytt for å vurdere den. Bygg modellen bare av tf.layers.* (dense, conv2d, maxPooling2d, flatten, dropout, concatenate, ...): ingen egne lagklasser.`,
      },
      layer,
    );
  }
  let model: tf.LayersModel;
  try {
    model = await tf.models.modelFromJSON({ modelTopology: exported.topology as tf.io.ModelJSON['modelTopology'] });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ModelRebuildError({
      en: `The model's layers could not be rebuilt from their configuration: ${reason}. Build the model from tf.layers.* with their documented options.`,
      nb: `Lagene i modellen kunne ikke bygges på nytt fra konfigurasjonen: ${reason}. Bygg modellen av tf.layers.* med de dokumenterte valgene.`,
    });
  }
  loadWeights(model, specs, data);
  return model;
}

/** The model's layers, shapes, parameter count and final activation, read from the rebuilt model. */
export function describeModel(model: tf.LayersModel): ModelDescription {
  const shapeOf = (s: tf.Shape | tf.Shape[]): (number | null)[] => (Array.isArray(s[0]) ? (s[0] as (number | null)[]) : (s as (number | null)[]));
  const layers = model.layers.map((layer) => {
    const config = layer.getConfig() as Record<string, unknown>;
    const activation = typeof config['activation'] === 'string' ? config['activation'] : undefined;
    let outputShape: string;
    try {
      outputShape = JSON.stringify(layer.outputShape);
    } catch {
      outputShape = '?';
    }
    return {
      className: layer.getClassName(),
      name: layer.name,
      outputShape,
      params: layer.countParams(),
      ...(activation ? { activation } : {}),
      config: JSON.parse(JSON.stringify(config)) as Record<string, unknown>,
    };
  });
  const withActivation = [...layers].reverse().find((l) => l.className === 'Activation' || l.activation !== undefined);
  return {
    className: model.getClassName(),
    inputShape: shapeOf(model.inputs.map((i) => i.shape) as tf.Shape[]),
    outputShape: shapeOf(model.outputs.map((o) => o.shape) as tf.Shape[]),
    params: model.countParams(),
    layers,
    ...(withActivation?.activation ? { finalActivation: withActivation.activation } : {}),
  };
}

/**
 * The model a task sent (picked from its value by `pick`), rebuilt in the grader once and shared by the
 * checks that await it. A model that cannot be rebuilt fails those checks with the reason.
 */
export function rebuilt<T>(submission: Submission, task: Task<T>, pick: (value: T) => unknown = (v) => v): Task<RebuiltModel> {
  return derived(task, async (value) => {
    await useBackendOf(submission);
    try {
      const model = await rebuildModel(pick(value));
      return { model, description: describeModel(model) };
    } catch (error) {
      if (!(error instanceof ModelRebuildError)) throw error;
      return fail({
        message: error.problem,
        hint: {
          en: 'The grader evaluates the model your code built and trained, rebuilt from its layers and weights: keep to tf.layers.* and return the model you trained.',
          nb: 'Retteren vurderer modellen koden din bygde og trente, bygd på nytt fra lagene og vektene: hold deg til tf.layers.* og returner modellen du trente.',
        },
      });
    }
  });
}
