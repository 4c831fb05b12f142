/** One epoch of the Lab 2 MLP on all 60 000 MNIST training images, against PyTorch. */
import { mnistDir } from '../mnist.ts';
import { runPeer } from '../peers.ts';
import type { Workload } from '../workload.ts';
import { trainMnistEpoch } from './mnist-models.ts';

const COUNT = 60_000;

/** The MLP epoch workload. */
export const mnistMlp: Workload = {
  name: 'mnist-mlp epoch (60k)',
  description: 'Dense(128, relu) -> Dense(10), Adam 1e-3, batch 128, one epoch of 60k images',
  backends: ['wasm', 'tensorflow'],
  runProject: () => trainMnistEpoch('mlp', COUNT),
  runPeer: () =>
    runPeer('torch 1 thread', 'torch_mnist.py', ['--data', mnistDir(), '--arch', 'mlp', '--n', String(COUNT), '--threads', '1'], {
      modules: ['torch', 'numpy'],
      secondsKey: 'epoch_s',
      accuracyKey: 'train_acc',
    }),
};
