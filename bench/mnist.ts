/** MNIST training images as floats in [0, 1] and one-hot labels, loaded once for all workloads. */
import { loadMnist, mnistDir } from '../datasets/mnist.ts';
import { oneHot } from '../runtime/train.ts';

/** The first `count` training images and their one-hot labels. */
export interface MnistTrain {
  images: Float32Array;
  labels: Float32Array;
  count: number;
}

let cached: Promise<{ images: Float32Array; labels: Float32Array; count: number }> | undefined;

/** The first `count` of the 60 000 MNIST training samples, pixels scaled to [0, 1] as the peers scale them. */
export async function mnistTrain(count: number): Promise<MnistTrain> {
  cached ??= (async () => {
    const { train } = await loadMnist({ parts: ['train'] });
    if (!train) throw new Error('Expected loadMnist to return the training split, but it returned none.');
    const images = new Float32Array(train.images.length);
    for (let i = 0; i < images.length; i++) images[i] = train.images[i]! / 255;
    return { images, labels: oneHot(train.labels, 10), count: train.count };
  })();
  const all = await cached;
  if (count > all.count) throw new Error(`Expected at most ${all.count} MNIST training samples, but ${count} were asked for.`);
  return { images: all.images.subarray(0, count * 784), labels: all.labels.subarray(0, count * 10), count };
}

/** The folder holding the MNIST IDX files, as passed to the peers. */
export { mnistDir };
