/** One epoch of the Lab 2 MLP on all 60 000 MNIST training images, against PyTorch. */
import { mnistDir } from '../mnist.ts';
import { runPeer } from '../peers.ts';
import type { Workload } from '../workload.ts';
import { trainMnistEpoch } from './mnist-models.ts';

const COUNT = 60_000;

/** The peer: PyTorch on one thread (its fastest here), the same model and batch size. */
const peer = () =>
  runPeer('torch 1 thread', 'torch_mnist.py', ['--data', mnistDir(), '--arch', 'mlp', '--n', String(COUNT), '--threads', '1'], {
    modules: ['torch', 'numpy'],
    secondsKey: 'epoch_s',
    cpuSecondsKey: 'epoch_cpu_s',
    accuracyKey: 'train_acc',
  });

/** The MLP epoch workload, with the runtime's fit. */
export const mnistMlp: Workload = {
  name: 'mnist-mlp epoch (60k)',
  description: 'Dense(128, relu) -> Dense(10), Adam 1e-3, batch 128, one epoch of 60k images',
  backends: ['wasm', 'tensorflow'],
  runProject: () => trainMnistEpoch('mlp', COUNT),
  runPeer: () => peer(),
};

/** The same epoch with TensorFlow.js's own model.fit (what a student who does not use the runtime's fit runs). */
export const mnistMlpModelFit: Workload = {
  name: 'mnist-mlp epoch (60k), model.fit',
  description: "the same, trained with TensorFlow.js's model.fit instead of the runtime's fit",
  backends: ['wasm', 'tensorflow'],
  runProject: () => trainMnistEpoch('mlp', COUNT, 'model.fit'),
  runPeer: () => peer(),
};
