/** The Lab 2 random-forest baseline: 100 trees on the first 10 000 MNIST training images, against scikit-learn. */
import { loadMnist, mnistDir } from '../../datasets/mnist.ts';
import { RandomForestClassifier } from '../../runtime/random-forest.ts';
import { runPeer } from '../peers.ts';
import { startTiming, type Sample, type Workload } from '../workload.ts';

const COUNT = 10_000;
const TREES = 100;

let data: ReturnType<typeof loadMnist> | undefined;

/** Fits the project's forest (scikit-learn's defaults, seed 0) and scores it on the 10 000 test images. */
async function fitForest(): Promise<Sample> {
  data ??= loadMnist();
  const { train, test } = await data;
  if (!train || !test) throw new Error('Expected loadMnist to return both splits, but one is missing.');
  const d = train.rows * train.cols;
  const started = startTiming();
  const forest = new RandomForestClassifier({ seed: 0, nTrees: TREES }).fit(train.images.subarray(0, COUNT * d), train.labels.subarray(0, COUNT));
  const { seconds, cpuSeconds } = started.stop();
  const predicted = forest.predict(test.images);
  let correct = 0;
  for (let i = 0; i < test.count; i++) if (predicted[i] === test.labels[i]) correct++;
  return { seconds, cpuSeconds, accuracy: correct / test.count };
}

/** The random-forest workload; accuracy is test accuracy on all 10 000 test images, time is fit time only. */
export const randomForest: Workload = {
  name: 'random-forest fit (10k, 100 trees)',
  description: `RandomForestClassifier defaults, ${TREES} trees on the first ${COUNT} MNIST training images, one core; test accuracy on 10k`,
  backends: [],
  runProject: fitForest,
  runPeer: () =>
    runPeer('scikit-learn 1 core', 'sklearn_rf.py', ['--data', mnistDir(), '--n', String(COUNT), '--trees', String(TREES)], {
      modules: ['sklearn', 'numpy'],
      secondsKey: 'fit_s',
      cpuSecondsKey: 'fit_cpu_s',
      accuracyKey: 'test_acc',
    }),
};
