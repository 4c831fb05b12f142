/**
 * Suite-side helpers (they run in the grader) for MNIST exercises: stage the training images and labels for
 * the child, and keep the test set here: neither the test images nor their labels ever reach the child.
 */
import { loadMnist, type MnistSplit } from '../../../../datasets/mnist.ts';
import type { Submission } from '../harness.ts';

export interface StagedMnist {
  train: MnistSplit;
  test: MnistSplit;
  /** The fixed probe used to measure the training loss before and after training: the last training images. */
  probeImages: Uint8Array;
  probeLabels: Uint8Array;
  probeCount: number;
}

/** Loads MNIST (verified by the engine already) and stages the training images and labels for the child. */
export async function stageMnist(submission: Submission, probeCount = 2000): Promise<StagedMnist> {
  const { train, test } = await loadMnist({ verify: false });
  if (!train || !test) throw new Error('MNIST did not load');
  await submission.stageData('train-images.u8', train.images);
  await submission.stageData('train-labels.u8', train.labels);
  // The probe: the last images of the training set, which the child also trains on (a training loss).
  const start = train.count - probeCount;
  return { train, test, probeImages: train.images.subarray(start * 784), probeLabels: train.labels.subarray(start), probeCount };
}
