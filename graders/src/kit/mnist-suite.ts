/**
 * Suite-side helpers (they run in the grader) for MNIST exercises: stage training data and test images for
 * the child — never the test labels — and keep the labels here for scoring.
 */
import { loadMnist, type MnistSplit } from '../../../datasets/mnist.ts';
import type { Submission } from '../harness.ts';

export interface StagedMnist {
  train: MnistSplit;
  test: MnistSplit;
  /** Indices (into the training set) of the fixed probe used to measure the loss before and after training. */
  probeLabels: Uint8Array;
  probeCount: number;
}

/** Loads MNIST (verified by the engine already) and stages train images/labels, a probe and test images. */
export async function stageMnist(submission: Submission, probeCount = 2000): Promise<StagedMnist> {
  const { train, test } = await loadMnist({ verify: false });
  if (!train || !test) throw new Error('MNIST did not load');
  await submission.stageData('train-images.u8', train.images);
  await submission.stageData('train-labels.u8', train.labels);
  // The probe: the last images of the training set, which the child also trains on (a training loss).
  const start = train.count - probeCount;
  await submission.stageData('probe-images.u8', train.images.subarray(start * 784));
  await submission.stageData('test-images.u8', test.images);
  return { train, test, probeLabels: train.labels.subarray(start), probeCount };
}
