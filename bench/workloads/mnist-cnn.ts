/** One epoch of the Lab 2 CNN on the first 10 000 MNIST training images, against PyTorch. */
import { mnistDir } from '../mnist.ts';
import { runPeer } from '../peers.ts';
import type { Workload } from '../workload.ts';
import { trainMnistEpoch } from './mnist-models.ts';

const COUNT = 10_000;

/** The CNN epoch workload. */
export const mnistCnn: Workload = {
  name: 'mnist-cnn epoch (10k)',
  description: 'Conv16 3x3 -> pool -> Conv32 3x3 same -> pool -> Dense(10), Adam 1e-3, batch 128, one epoch of 10k images',
  backends: ['wasm', 'tensorflow'],
  runProject: () => trainMnistEpoch('cnn', COUNT),
  runPeer: () =>
    runPeer('torch 1 thread', 'torch_mnist.py', ['--data', mnistDir(), '--arch', 'cnn', '--n', String(COUNT), '--threads', '1'], {
      modules: ['torch', 'numpy'],
      secondsKey: 'epoch_s',
      accuracyKey: 'train_acc',
    }),
};
