/** Runs in the child next to the student's code for 03-mnist-mlp: builds, trains, predicts (flattened images). */
import { readAnswers } from '../../src/child/kit/concepts-driver.ts';
import { mnistModelTasks } from '../../src/child/kit/mnist-driver.ts';
import { defineDriver } from '../../src/child/driver-api.ts';

export const driver = defineDriver({ ...mnistModelTasks([784]), answers: readAnswers });
