/**
 * A fast training loop for `tf.LayersModel`, for students' training functions and the reference solutions.
 *
 * It does what `model.fit` does for the course's workloads, but builds every batch from typed-array copies of
 * the samples (shuffled in JS with a seeded generator) instead of gathering rows out of one huge tensor each
 * step, which on the WebAssembly backend costs more than the training step itself.
 */
import * as tf from '@tensorflow/tfjs';
import { createRandom, deriveSeed, shuffledIndices } from './seed.ts';
import { ProgressBar, reportProgress, type TrainingProgress } from './progress.ts';

/** Samples: a tensor `[n, ...sampleShape]` or their values, row-major, `n * sampleSize` numbers. */
export type FitData = tf.Tensor | Float32Array;

/** Metrics of one epoch, as passed to {@link FitOptions.onEpochEnd}. */
export interface EpochLogs {
  /** Mean training loss over the epoch's batches (weighted by batch size). */
  loss: number;
  /** Mean training accuracy, when the model was compiled with an accuracy metric. */
  acc?: number;
  /** Loss on the validation data, when given. */
  valLoss?: number;
  /** Accuracy on the validation data, when given and the model has an accuracy metric. */
  valAcc?: number;
  /** Seconds the epoch took, validation included. */
  seconds: number;
}

/** What {@link fit} returns: one entry per completed epoch. */
export interface FitHistory {
  loss: number[];
  acc: number[];
  valLoss: number[];
  valAcc: number[];
  /** Whether training stopped before `epochs` (early stopping, `onEpochEnd` returning `'stop'`, `model.stopTraining`). */
  stoppedEarly: boolean;
}

/** Stop when the monitored loss has not improved for `patience` epochs. */
export interface EarlyStoppingOptions {
  /** Loss to watch. @default 'valLoss' when validation data is given, else 'loss' */
  monitor?: 'loss' | 'valLoss';
  /** Epochs without improvement before stopping. */
  patience: number;
  /** Smallest decrease that counts as an improvement. @default 0 */
  minDelta?: number;
}

/** Options of {@link fit}. */
export interface FitOptions {
  /** Passes over the training data. @default 1 */
  epochs?: number;
  /** Samples per gradient step; the last batch of an epoch may be smaller. @default 32 */
  batchSize?: number;
  /** Shuffle the samples before each epoch. @default true */
  shuffle?: boolean;
  /**
   * Seed for the shuffling order and for every `Math.random` draw during training (dropout masks): the same
   * seed, model weights and data give the same training run. @default 0
   */
  seed?: number;
  /** Data to compute `valLoss` and `valAcc` on after every epoch. */
  validationData?: [FitData, FitData];
  /** Called after every epoch; return `'stop'` (or set `model.stopTraining`) to end training early. */
  // biome-ignore lint/suspicious/noConfusingVoidType: an async callback that returns nothing is a Promise<void>, which students write.
  onEpochEnd?: (epoch: number, logs: EpochLogs) => void | 'stop' | Promise<void | 'stop'>;
  /** Built-in early stopping. @default none */
  earlyStopping?: EarlyStoppingOptions;
  /**
   * Show a progress bar on stderr: each epoch with its loss, accuracy and the time left (redrawn in place in a
   * terminal; one line per epoch in a log or in CI). Grading shows its own, whatever this says.
   */
  progress?: boolean;
}

/** Thrown when the data passed to {@link fit} do not fit the model or each other. */
export class FitDataError extends Error {
  readonly code = 'LABGRADE_FIT_DATA';
  constructor(message: string) {
    super(message);
    this.name = 'FitDataError';
  }
}

/** Samples as one flat Float32Array plus the shape of one sample. */
interface Rows {
  values: Float32Array;
  count: number;
  sampleShape: number[];
  sampleSize: number;
}

const product = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

async function toRows(data: FitData, shapeHint: readonly (number | null)[], count: number | undefined, what: string): Promise<Rows> {
  if (data instanceof tf.Tensor) {
    if (data.rank < 1) throw new FitDataError(`Expected ${what} to have a first (sample) axis, but got a scalar.`);
    const sampleShape = data.shape.slice(1);
    const values = data.dtype === 'float32' ? ((await data.data()) as Float32Array) : Float32Array.from(await data.data());
    return { values, count: data.shape[0]!, sampleShape, sampleSize: product(sampleShape) };
  }
  const hint = shapeHint.slice(1);
  let sampleShape: number[];
  if (hint.every((d): d is number => d !== null) && (count === undefined || data.length === count * product(hint))) {
    sampleShape = hint;
  } else if (count !== undefined && data.length % count === 0) {
    sampleShape = [data.length / count];
  } else if (count === undefined) {
    throw new FitDataError(
      `Expected ${what} to hold a whole number of samples of shape [${hint.map((d) => d ?? '?').join(', ')}], ` +
        `but got ${data.length} values. Pass a tensor of shape [n, ...] instead, or check the model's input shape.`,
    );
  } else {
    const size = hint.every((d): d is number => d !== null) ? product(hint) : 1;
    throw new FitDataError(
      `Expected ${what} for ${count} samples (${count * size} values), but got ${data.length} values ` +
        `(${data.length / size} samples). Pass as many targets as inputs.`,
    );
  }
  const sampleSize = product(sampleShape);
  return { values: data, count: data.length / sampleSize, sampleShape, sampleSize };
}

/** Copies the rows `order[start..end)` of `rows` into a new tensor. */
function batchTensor(rows: Rows, order: Uint32Array | null, start: number, end: number, buffer: Float32Array): tf.Tensor {
  const size = rows.sampleSize;
  const n = end - start;
  const out = n * size === buffer.length ? buffer : buffer.subarray(0, n * size);
  if (order === null) {
    out.set(rows.values.subarray(start * size, end * size));
  } else {
    for (let i = 0; i < n; i++) {
      const row = order[start + i]!;
      out.set(rows.values.subarray(row * size, (row + 1) * size), i * size);
    }
  }
  return tf.tensor(out, [n, ...rows.sampleShape], 'float32');
}

function accuracyIndex(model: tf.LayersModel): number {
  return model.metricsNames.findIndex((name) => /(^|_)acc(uracy)?$/.test(name));
}

/** Runs `step` over all batches of `x`/`y` and returns each metric's batch-size-weighted mean. */
async function overBatches(
  x: Rows,
  y: Rows,
  order: Uint32Array | null,
  batchSize: number,
  step: (xb: tf.Tensor, yb: tf.Tensor) => Promise<number[]>,
  onBatch?: (done: number, total: number, means: number[]) => void,
): Promise<number[]> {
  const xBuffer = new Float32Array(batchSize * x.sampleSize);
  const yBuffer = new Float32Array(batchSize * y.sampleSize);
  const sums: number[] = [];
  for (let start = 0; start < x.count; start += batchSize) {
    const end = Math.min(start + batchSize, x.count);
    const xb = batchTensor(x, order, start, end, xBuffer);
    const yb = batchTensor(y, order, start, end, yBuffer);
    try {
      const values = await step(xb, yb);
      values.forEach((v, i) => (sums[i] = (sums[i] ?? 0) + v * (end - start)));
      onBatch?.(
        Math.ceil(end / batchSize),
        Math.ceil(x.count / batchSize),
        sums.map((s) => s / end),
      );
    } finally {
      xb.dispose();
      yb.dispose();
    }
  }
  return sums.map((s) => s / x.count);
}

async function evaluateRows(model: tf.LayersModel, x: Rows, y: Rows, batchSize: number): Promise<number[]> {
  return overBatches(x, y, null, batchSize, async (xb, yb) => {
    const result = model.evaluate(xb, yb, { batchSize: xb.shape[0] });
    const scalars = Array.isArray(result) ? result : [result];
    const values = await Promise.all(scalars.map(async (s) => (await s.data())[0]!));
    tf.dispose(scalars);
    return values;
  });
}

async function checkedPair(model: tf.LayersModel, xs: FitData, ys: FitData, what: string): Promise<[Rows, Rows]> {
  const x = await toRows(xs, model.inputs[0]!.shape, undefined, `${what} inputs`);
  const y = await toRows(ys, model.outputs[0]!.shape, x.count, `${what} targets`);
  if (y.count !== x.count) {
    throw new FitDataError(`Expected as many ${what} targets as inputs (${x.count}), but got ${y.count}.`);
  }
  return [x, y];
}

/**
 * Trains a compiled `tf.LayersModel` on `xs`/`ys`, like `model.fit` but faster on the WebAssembly backend.
 * Leaves no tensors behind apart from the optimizer's own state, and restores `Math.random` afterwards.
 */
export async function fit(model: tf.LayersModel, xs: FitData, ys: FitData, options: FitOptions = {}): Promise<FitHistory> {
  const { epochs = 1, batchSize = 32, shuffle = true, seed = 0, validationData, onEpochEnd, earlyStopping, progress } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new FitDataError(`Expected batchSize to be a positive integer, but got ${batchSize}.`);
  if (!Number.isInteger(epochs) || epochs < 0) throw new FitDataError(`Expected epochs to be a non-negative integer, but got ${epochs}.`);
  if (model.optimizer === undefined) throw new FitDataError('Expected a compiled model. Call model.compile({ optimizer, loss }) before fit.');

  const [x, y] = await checkedPair(model, xs, ys, 'training');
  const validation = validationData ? await checkedPair(model, validationData[0], validationData[1], 'validation') : undefined;
  const acc = accuracyIndex(model);
  const history: FitHistory = { loss: [], acc: [], valLoss: [], valAcc: [], stoppedEarly: false };
  const monitor = earlyStopping?.monitor ?? (validation ? 'valLoss' : 'loss');
  let best = Infinity;
  let sinceBest = 0;

  const bar = progress ? new ProgressBar((text) => void process.stderr.write(text), Boolean(process.stderr.isTTY) && !process.env['CI']) : undefined;
  const show = (p: TrainingProgress) => {
    reportProgress(p);
    bar?.update(p);
  };
  const previousRandom = Math.random;
  Math.random = createRandom(deriveSeed(seed, 'fit'));
  model.stopTraining = false;
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const started = performance.now();
      const order = shuffle ? shuffledIndices(x.count, deriveSeed(seed, `shuffle-${epoch}`)) : null;
      const train = await overBatches(
        x,
        y,
        order,
        batchSize,
        async (xb, yb) => {
          const result = await model.trainOnBatch(xb, yb);
          return Array.isArray(result) ? result : [result];
        },
        (batch, batches, means) => show({ epoch, epochs, batch, batches, loss: means[0]!, ...(acc >= 0 ? { acc: means[acc]! } : {}), epochDone: false }),
      );
      const logs: EpochLogs = { loss: train[0]!, seconds: 0 };
      if (acc >= 0) logs.acc = train[acc];
      if (validation) {
        const val = await evaluateRows(model, validation[0], validation[1], Math.max(batchSize, 256));
        logs.valLoss = val[0];
        if (acc >= 0) logs.valAcc = val[acc];
      }
      logs.seconds = (performance.now() - started) / 1000;
      const batches = Math.ceil(x.count / batchSize);
      show({ epoch, epochs, batch: batches, batches, loss: logs.loss, ...(logs.acc !== undefined ? { acc: logs.acc } : {}), epochDone: true });
      history.loss.push(logs.loss);
      if (logs.acc !== undefined) history.acc.push(logs.acc);
      if (logs.valLoss !== undefined) history.valLoss.push(logs.valLoss);
      if (logs.valAcc !== undefined) history.valAcc.push(logs.valAcc);

      let stop = (await onEpochEnd?.(epoch, logs)) === 'stop' || model.stopTraining;
      if (earlyStopping) {
        const watched = monitor === 'valLoss' ? logs.valLoss : logs.loss;
        if (watched !== undefined && watched < best - (earlyStopping.minDelta ?? 0)) {
          best = watched;
          sinceBest = 0;
        } else if (++sinceBest >= earlyStopping.patience) {
          stop = true;
        }
      }
      if (stop && epoch < epochs - 1) {
        history.stoppedEarly = true;
        break;
      }
    }
  } finally {
    Math.random = previousRandom;
    bar?.finish();
  }
  return history;
}

/** One-hot encodes class indices `0..numClasses-1` into `labels.length * numClasses` values. */
export function oneHot(labels: ArrayLike<number>, numClasses: number): Float32Array {
  const out = new Float32Array(labels.length * numClasses);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (!Number.isInteger(label) || label < 0 || label >= numClasses) {
      throw new FitDataError(`Expected class labels in 0..${numClasses - 1}, but label ${i} is ${label}.`);
    }
    out[i * numClasses + label] = 1;
  }
  return out;
}
