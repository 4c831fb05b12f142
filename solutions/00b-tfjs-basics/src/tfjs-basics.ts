/**
 * Exercise 00b: TensorFlow.js basics, the TF.js counterpart of a first PyTorch + Lightning notebook.
 *
 * Implement tensor functions with broadcasting (`standardize`, `pairwiseSquaredDistances`), gradients with
 * `tf.grads` or `tf.variableGrads` (`logisticGradients`), and a small trainer in the spirit of PyTorch
 * Lightning: a model describes its training step, validation step and optimiser in one place
 * (`TrainingModule`, written for linear regression in `LinearRegression`), and one `fit` loop trains any
 * such model with early stopping on the validation loss, without leaking tensors.
 */
import * as tf from '@tensorflow/tfjs';
import { NotImplementedError } from 'labgrade/runtime';

/** One mini-batch: inputs `xs` of shape [n, features] and targets `ys` of shape [n, 1]. */
export interface Batch {
  xs: tf.Tensor2D;
  ys: tf.Tensor2D;
}

/**
 * A model that knows how to train itself, like a LightningModule: the loss of a training batch, the loss of
 * a validation batch, and the optimiser, all in one place. `fit` does the rest.
 */
export interface TrainingModule {
  /** The loss of one training batch, as a scalar tensor (`fit` minimises it). */
  trainingStep(batch: Batch): tf.Scalar;
  /** The loss of one validation batch, as a scalar tensor. */
  validationStep(batch: Batch): tf.Scalar;
  /** The optimiser `fit` uses; called once, at the start of `fit`. */
  configureOptimizer(): tf.Optimizer;
}

/** Options of {@link fit}. */
export interface FitOptions {
  /** The most passes over the training batches. */
  maxEpochs: number;
  /** Stop after this many epochs in a row without a new best (strictly lower) validation loss. */
  patience: number;
}

/** What {@link fit} returns: one entry per epoch that ran. */
export interface FitHistory {
  /** Mean training loss of each epoch (the plain mean of its batches' losses). */
  trainLoss: number[];
  /** Mean validation loss after each epoch (the plain mean of the validation batches' losses). */
  valLoss: number[];
  /** The epoch (counted from 0) with the lowest validation loss; the first one on a tie. */
  bestEpoch: number;
  /** True when early stopping ended training before `maxEpochs`. */
  stoppedEarly: boolean;
}

/**
 * Standardises each column (feature) of `x` [rows, columns]: subtract the column's mean and divide by its
 * standard deviation (the population one: divide by `rows`, not `rows - 1`). Use broadcasting, not loops.
 * Return a new tensor and leave no other tensors behind (`tf.tidy`).
 */
export function standardize(x: tf.Tensor2D): tf.Tensor2D {
  // BEGIN SOLUTION
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, 0, true);
    return x.sub(mean).div(variance.sqrt());
  });
  // END SOLUTION
}

/**
 * Squared Euclidean distances between every row of `a` [n, d] and every row of `b` [m, d]: entry [i, j] of
 * the result [n, m] is the sum over k of (a[i, k] - b[j, k])^2. Use broadcasting (reshape `a` to
 * [n, 1, d] and `b` to [1, m, d]), not loops. Leave no other tensors behind.
 */
export function pairwiseSquaredDistances(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  // BEGIN SOLUTION
  return tf.tidy(() => {
    const [n, d] = a.shape;
    const m = b.shape[0];
    const diff = a.reshape([n, 1, d]).sub(b.reshape([1, m, d]));
    return diff.square().sum(2) as tf.Tensor2D;
  });
  // END SOLUTION
}

/**
 * Gradients of the logistic-regression loss (mean binary cross-entropy) with respect to `weights` [d] and
 * `bias` (a scalar), for `features` [n, d] and 0/1 `labels` [n]:
 *
 *     p = sigmoid(features · weights + bias)
 *     loss = -mean(labels * log(p) + (1 - labels) * log(1 - p))
 *
 * Let TensorFlow.js differentiate (`tf.grads`, or `tf.variableGrads` with variables); the grader checks
 * your gradients against finite differences. Leave no tensors behind but the two you return.
 */
export function logisticGradients(weights: tf.Tensor1D, bias: tf.Scalar, features: tf.Tensor2D, labels: tf.Tensor1D): { dWeights: tf.Tensor1D; dBias: tf.Scalar } {
  // BEGIN SOLUTION
  const loss = (w: tf.Tensor, b: tf.Tensor): tf.Scalar => {
    const logits = features.matMul(w.reshape([-1, 1])).reshape([-1]).add(b);
    return tf.losses.sigmoidCrossEntropy(labels, logits) as tf.Scalar;
  };
  const [dWeights, dBias] = tf.grads(loss)([weights, bias]);
  return { dWeights: dWeights as tf.Tensor1D, dBias: dBias as tf.Scalar };
  // END SOLUTION
}

/**
 * Trains `module` on `train` and measures it on `validation` after every epoch:
 *
 * - once, before the first epoch: `optimizer = module.configureOptimizer()`;
 * - each epoch: for every training batch, `optimizer.minimize(() => module.trainingStep(batch), true)`,
 *   and the epoch's training loss is the mean of those losses; then the validation loss is the mean of
 *   `module.validationStep(batch)` over the validation batches;
 * - early stopping: remember the best (lowest) validation loss; an epoch improves only when its loss is
 *   strictly lower than the best so far. After `patience` epochs in a row without improvement, stop.
 *
 * Read each loss with `dataSync()` or `await data()`, and dispose every tensor you get back (the cost that
 * `minimize` returns, the validation losses): after `fit`, no new tensors may remain.
 */
export async function fit(module: TrainingModule, train: Batch[], validation: Batch[], options: FitOptions): Promise<FitHistory> {
  // BEGIN SOLUTION
  const optimizer = module.configureOptimizer();
  const history: FitHistory = { trainLoss: [], valLoss: [], bestEpoch: 0, stoppedEarly: false };
  let best = Infinity;
  let sinceBest = 0;
  for (let epoch = 0; epoch < options.maxEpochs; epoch++) {
    let trainSum = 0;
    for (const batch of train) {
      const cost = optimizer.minimize(() => module.trainingStep(batch), true)!;
      trainSum += (await cost.data())[0]!;
      cost.dispose();
    }
    let valSum = 0;
    for (const batch of validation) {
      const loss = module.validationStep(batch);
      valSum += (await loss.data())[0]!;
      loss.dispose();
    }
    const valLoss = valSum / validation.length;
    history.trainLoss.push(trainSum / train.length);
    history.valLoss.push(valLoss);
    if (valLoss < best) {
      best = valLoss;
      history.bestEpoch = epoch;
      sinceBest = 0;
    } else if (++sinceBest >= options.patience) {
      history.stoppedEarly = epoch < options.maxEpochs - 1;
      break;
    }
  }
  return history;
  // END SOLUTION
}

/**
 * Linear regression as a {@link TrainingModule}: predictions are `xs · weights + bias`, and both steps'
 * loss is the mean squared error against `ys`. The weights and bias are trainable variables (created for
 * you); pick the optimiser and its learning rate in `configureOptimizer`.
 */
export class LinearRegression implements TrainingModule {
  readonly weights: tf.Variable<tf.Rank.R2>;
  readonly bias: tf.Variable<tf.Rank.R1>;

  constructor(features: number) {
    this.weights = tf.variable(tf.zeros([features, 1]), true, undefined, 'float32');
    this.bias = tf.variable(tf.zeros([1]), true, undefined, 'float32');
  }

  /** Predictions [n, 1] for inputs [n, features]. */
  predict(xs: tf.Tensor2D): tf.Tensor2D {
    // BEGIN SOLUTION
    return tf.tidy(() => xs.matMul(this.weights).add(this.bias));
    // END SOLUTION
  }

  trainingStep(batch: Batch): tf.Scalar {
    // BEGIN SOLUTION
    return tf.losses.meanSquaredError(batch.ys, this.predict(batch.xs)) as tf.Scalar;
    // END SOLUTION
  }

  validationStep(batch: Batch): tf.Scalar {
    // BEGIN SOLUTION
    return tf.tidy(() => tf.losses.meanSquaredError(batch.ys, this.predict(batch.xs)) as tf.Scalar);
    // END SOLUTION
  }

  configureOptimizer(): tf.Optimizer {
    // BEGIN SOLUTION
    return tf.train.adam(0.05);
    // END SOLUTION
  }
}

/**
 * Trains a `LinearRegression` with your `fit` on the grader's data and returns it. Choose `maxEpochs` and
 * `patience`. The grader then predicts held-out patients itself from the model's trained `weights` and `bias`.
 */
export async function trainRegression(train: Batch[], validation: Batch[]): Promise<LinearRegression> {
  // BEGIN SOLUTION
  const model = new LinearRegression(train[0]!.xs.shape[1]);
  await fit(model, train, validation, { maxEpochs: 60, patience: 5 });
  return model;
  // END SOLUTION
}
