/** Every benchmark workload, in the order the table lists them. Add new ones (one file each) here. */
import type { Workload } from '../workload.ts';
import { mnistCnn } from './mnist-cnn.ts';
import { mnistMlp } from './mnist-mlp.ts';
import { randomForest } from './random-forest.ts';

/** The registered workloads. */
export const WORKLOADS: Workload[] = [mnistMlp, mnistCnn, randomForest];
