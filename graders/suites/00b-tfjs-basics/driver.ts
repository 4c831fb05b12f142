/**
 * Runs in the child next to the student's code for 00b-tfjs-basics: calls the tensor functions, the
 * gradients and the trainer, and hands back plain values and tensor counts (never tensors); the trained
 * regression comes back as its weights and bias, which the grader predicts with itself.
 */
import type * as tfType from '@tensorflow/tfjs';
import { readAnswers } from '../../src/child/kit/concepts-driver.ts';
import { defineDriver, InvalidSubmissionError, type Bilingual, type DriverContext } from '../../src/child/driver-api.ts';

/** A matrix as plain data. */
interface Matrix {
  values: Float32Array;
  rows: number;
  cols: number;
}
/** A tensor's shape and values, as the grader receives them. */
interface Values {
  shape: number[];
  values: Float32Array;
}
interface Batch {
  xs: tfType.Tensor2D;
  ys: tfType.Tensor2D;
}
interface TrainingModule {
  trainingStep(batch: Batch): tfType.Scalar;
  validationStep(batch: Batch): tfType.Scalar;
  configureOptimizer(): tfType.Optimizer;
}
type Fit = (module: TrainingModule, train: Batch[], validation: Batch[], options: { maxEpochs: number; patience: number }) => Promise<unknown>;

/** Reads a returned tensor; `what` names it in the message when it is not one. */
function valuesOf(ctx: DriverContext, value: unknown, what: Bilingual): Values {
  if (!(value instanceof ctx.tf.Tensor)) {
    const en = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    const nb = value === null ? 'null' : Array.isArray(value) ? 'en tabell' : typeof value;
    throw new InvalidSubmissionError({ en: `${what.en} must be a tf.Tensor, but it is ${en}.`, nb: `${what.nb} må være en tf.Tensor, men er ${nb}.` });
  }
  if (value.isDisposed) {
    throw new InvalidSubmissionError({
      en: `${what.en} was already disposed when it was returned: return a tensor that is still alive (tf.tidy keeps the one it returns).`,
      nb: `${what.nb} var allerede frigjort (disposed) da den ble returnert: returner en tensor som fortsatt lever (tf.tidy beholder den den returnerer).`,
    });
  }
  return { shape: [...value.shape], values: Float32Array.from(value.dataSync() as ArrayLike<number>) };
}

/**
 * Calls `call` with fresh input tensors and returns what it gave back plus the tensors it left behind: every
 * tensor alive afterwards that is neither an input nor one it returned. Inputs and results are disposed.
 */
function measured<T>(
  ctx: DriverContext,
  inputs: () => tfType.Tensor[],
  call: (inputs: tfType.Tensor[]) => unknown,
  read: (value: unknown) => T,
  returned: (value: unknown) => unknown[],
): { value: T; leaked: number } {
  const { tf } = ctx;
  const tensors = inputs();
  const before = tf.memory().numTensors;
  let result: unknown;
  try {
    result = call(tensors);
    const value = read(result);
    const own = new Set(returned(result).filter((t): t is tfType.Tensor => t instanceof tf.Tensor && !t.isDisposed && !tensors.includes(t)));
    return { value, leaked: Math.max(0, tf.memory().numTensors - before - own.size) };
  } finally {
    for (const t of returned(result ?? null)) if (t instanceof tf.Tensor && !tensors.includes(t)) t.dispose();
    tf.dispose(tensors);
  }
}

const matrix = (tf: typeof tfType, m: Matrix): tfType.Tensor2D => tf.tensor2d(m.values, [m.rows, m.cols]);

/** Batches of `size` rows as tensors, built in the child from plain rows. */
function batches(tf: typeof tfType, xs: Float32Array, ys: Float32Array, features: number, size: number): Batch[] {
  const rows = ys.length;
  const out: Batch[] = [];
  for (let start = 0; start < rows; start += size) {
    const end = Math.min(rows, start + size);
    out.push({ xs: tf.tensor2d(xs.slice(start * features, end * features), [end - start, features]), ys: tf.tensor2d(ys.slice(start, end), [end - start, 1]) });
  }
  return out;
}

/**
 * A module whose validation losses follow a script, one value per epoch, whatever the weights: it tells
 * exactly when `fit` stops. Its training loss is a real function of one variable, so `minimize` works, and
 * it counts the tensors alive when each epoch starts.
 */
class ScriptedModule implements TrainingModule {
  private readonly v: tfType.Variable;
  epoch = -1;
  private lastWasValidation = true;
  readonly tensorsAtEpochStart: number[] = [];
  readonly optimizers: tfType.Optimizer[] = [];
  trainingSteps = 0;
  validationSteps = 0;

  constructor(
    private readonly tf: typeof tfType,
    private readonly script: number[],
  ) {
    this.v = tf.variable(tf.scalar(3));
  }

  trainingStep(batch: Batch): tfType.Scalar {
    if (this.lastWasValidation) {
      this.epoch++;
      this.lastWasValidation = false;
      this.tensorsAtEpochStart.push(this.tf.memory().numTensors);
    }
    this.trainingSteps++;
    return this.tf.tidy(() => this.v.sub(batch.ys.mean()).square() as tfType.Scalar);
  }

  validationStep(_batch: Batch): tfType.Scalar {
    this.lastWasValidation = true;
    this.validationSteps++;
    return this.tf.scalar(this.script[Math.max(0, this.epoch)] ?? this.script.at(-1)!);
  }

  configureOptimizer(): tfType.Optimizer {
    // Plain SGD keeps only its learning rate as a tensor, and disposing it frees that: every other tensor
    // alive after fit that was not there before is a leak.
    const optimizer = this.tf.train.sgd(0.01);
    this.optimizers.push(optimizer);
    return optimizer;
  }

  dispose(): void {
    this.v.dispose();
  }
}

/** The fields of a returned history, checked to be what `fit` promises. */
function historyOf(value: unknown): { trainLoss: number[]; valLoss: number[]; bestEpoch: number; stoppedEarly: boolean } {
  const what = {
    en: 'fit must return { trainLoss, valLoss, bestEpoch, stoppedEarly }',
    nb: 'fit må returnere { trainLoss, valLoss, bestEpoch, stoppedEarly }',
  };
  if (typeof value !== 'object' || value === null) {
    const found = value === null ? 'null' : typeof value;
    throw new InvalidSubmissionError({ en: `${what.en}, but it returned ${found}.`, nb: `${what.nb}, men den returnerte ${found}.` });
  }
  const v = value as Record<string, unknown>;
  const numbers = (key: string): number[] => {
    const list = v[key];
    if (!Array.isArray(list) || !list.every((x) => typeof x === 'number')) {
      throw new InvalidSubmissionError({ en: `${what.en}; its ${key} is not an array of numbers.`, nb: `${what.nb}; dens ${key} er ikke en tabell med tall.` });
    }
    return [...(list as number[])];
  };
  if (typeof v['bestEpoch'] !== 'number') {
    const found = JSON.stringify(v['bestEpoch']);
    throw new InvalidSubmissionError({
      en: `${what.en}; its bestEpoch is ${found ?? 'missing'}, not a number.`,
      nb: `${what.nb}; dens bestEpoch ${found === undefined ? 'mangler' : `er ${found}`}, ikke et tall.`,
    });
  }
  if (typeof v['stoppedEarly'] !== 'boolean') {
    const found = JSON.stringify(v['stoppedEarly']);
    throw new InvalidSubmissionError({
      en: `${what.en}; its stoppedEarly is ${found ?? 'missing'}, not true or false.`,
      nb: `${what.nb}; dens stoppedEarly ${found === undefined ? 'mangler' : `er ${found}`}, ikke true eller false.`,
    });
  }
  return { trainLoss: numbers('trainLoss'), valLoss: numbers('valLoss'), bestEpoch: v['bestEpoch'], stoppedEarly: v['stoppedEarly'] };
}

export const driver = defineDriver({
  standardize(ctx, args: { cases: Matrix[] }) {
    const standardize = ctx.fn<(x: tfType.Tensor2D) => unknown>('standardize');
    return args.cases.map((c) =>
      measured(
        ctx,
        () => [matrix(ctx.tf, c)],
        ([x]) => standardize(x as tfType.Tensor2D),
        (r) => valuesOf(ctx, r, { en: 'What standardize returned', nb: 'Det standardize returnerte' }),
        (r) => [r],
      ),
    );
  },

  distances(ctx, args: { cases: { a: Matrix; b: Matrix }[] }) {
    const distances = ctx.fn<(a: tfType.Tensor2D, b: tfType.Tensor2D) => unknown>('pairwiseSquaredDistances');
    return args.cases.map((c) =>
      measured(
        ctx,
        () => [matrix(ctx.tf, c.a), matrix(ctx.tf, c.b)],
        ([a, b]) => distances(a as tfType.Tensor2D, b as tfType.Tensor2D),
        (r) => valuesOf(ctx, r, { en: 'What pairwiseSquaredDistances returned', nb: 'Det pairwiseSquaredDistances returnerte' }),
        (r) => [r],
      ),
    );
  },

  gradients(ctx, args: { cases: { weights: Float32Array; bias: number; features: Matrix; labels: Float32Array }[] }) {
    const { tf } = ctx;
    const gradients = ctx.fn<(w: tfType.Tensor1D, b: tfType.Scalar, x: tfType.Tensor2D, y: tfType.Tensor1D) => unknown>('logisticGradients');
    const parts = (r: unknown): unknown[] =>
      typeof r === 'object' && r !== null ? [(r as Record<string, unknown>)['dWeights'], (r as Record<string, unknown>)['dBias']] : [];
    return args.cases.map((c) =>
      measured(
        ctx,
        () => [tf.tensor1d(c.weights), tf.scalar(c.bias), matrix(tf, c.features), tf.tensor1d(c.labels)],
        ([w, b, x, y]) => gradients(w as tfType.Tensor1D, b as tfType.Scalar, x as tfType.Tensor2D, y as tfType.Tensor1D),
        (r) => {
          if (typeof r !== 'object' || r === null) {
            const found = r === null ? 'null' : typeof r;
            throw new InvalidSubmissionError({
              en: `logisticGradients must return { dWeights, dBias }, but it returned ${found}.`,
              nb: `logisticGradients må returnere { dWeights, dBias }, men den returnerte ${found}.`,
            });
          }
          const [dWeights, dBias] = parts(r);
          return { dWeights: valuesOf(ctx, dWeights, { en: 'dWeights', nb: 'dWeights' }), dBias: valuesOf(ctx, dBias, { en: 'dBias', nb: 'dBias' }) };
        },
        parts,
      ),
    );
  },

  async 'early-stopping'(ctx, args: { runs: { script: number[]; maxEpochs: number; patience: number }[] }) {
    const { tf } = ctx;
    const fit = ctx.fn<Fit>('fit');
    const out = [];
    for (const run of args.runs) {
      // Two training and two validation batches of four rows each.
      const data = (offset: number) =>
        [0, 1].map((i) => ({ xs: tf.fill([4, 2], offset + i) as tfType.Tensor2D, ys: tf.fill([4, 1], 1 + offset + i) as tfType.Tensor2D }));
      const train = data(0);
      const validation = data(10);
      const module = new ScriptedModule(tf, run.script);
      const before = tf.memory().numTensors;
      try {
        const history = historyOf(await fit(module, train, validation, { maxEpochs: run.maxEpochs, patience: run.patience }));
        for (const optimizer of module.optimizers) optimizer.dispose();
        out.push({
          history,
          epochsRun: module.epoch + 1,
          trainingSteps: module.trainingSteps,
          validationSteps: module.validationSteps,
          optimizersMade: module.optimizers.length,
          leaked: tf.memory().numTensors - before,
          tensorsAtEpochStart: module.tensorsAtEpochStart.map((n) => n - before),
        });
      } finally {
        module.dispose();
        tf.dispose([...train.flatMap((b) => [b.xs, b.ys]), ...validation.flatMap((b) => [b.xs, b.ys])]);
      }
    }
    return out;
  },

  async regression(
    ctx,
    args: { features: number; batchSize: number; train: { xs: Float32Array; ys: Float32Array }; validation: { xs: Float32Array; ys: Float32Array } },
  ) {
    const { tf } = ctx;
    const train = batches(tf, args.train.xs, args.train.ys, args.features, args.batchSize);
    const validation = batches(tf, args.validation.xs, args.validation.ys, args.features, args.batchSize);
    try {
      ctx.reseed('regression');
      const model = (await ctx.fn<(t: Batch[], v: Batch[]) => Promise<unknown>>('trainRegression')(train, validation)) as {
        weights?: unknown;
        bias?: unknown;
      } | null;
      if (typeof model !== 'object' || model === null) {
        throw new InvalidSubmissionError({
          en: 'trainRegression must return the trained LinearRegression (an object with weights and bias).',
          nb: 'trainRegression må returnere den trente LinearRegression (et objekt med weights og bias).',
        });
      }
      // The trained parameters, as data: the grader predicts the held-out patients with them itself.
      return {
        weights: valuesOf(ctx, model.weights, { en: "The returned model's weights", nb: 'Den returnerte modellens weights' }),
        bias: valuesOf(ctx, model.bias, { en: "The returned model's bias", nb: 'Den returnerte modellens bias' }),
      };
    } finally {
      tf.dispose([...train.flatMap((b) => [b.xs, b.ys]), ...validation.flatMap((b) => [b.xs, b.ys])]);
    }
  },

  answers: readAnswers,
});
