/** Every benchmark workload, in the order the table lists them. Add new ones (one file each) here. */
import type { Workload } from '../workload.ts';
import { mnistCnn, mnistCnnModelFit } from './mnist-cnn.ts';
import { mnistMlp, mnistMlpModelFit } from './mnist-mlp.ts';
import { randomForest } from './random-forest.ts';

/** The registered workloads. */
export const WORKLOADS: Workload[] = [mnistMlp, mnistMlpModelFit, mnistCnn, mnistCnnModelFit, randomForest];
