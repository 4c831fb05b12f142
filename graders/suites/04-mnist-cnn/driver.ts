/** Runs in the child next to the student's code for 04-mnist-cnn: builds and trains (28x28x1 images). */
import { readAnswers } from '../../src/child/kit/concepts-driver.ts';
import { mnistModelTasks } from '../../src/child/kit/mnist-driver.ts';
import { defineDriver } from '../../src/child/driver-api.ts';

export const driver = defineDriver({ ...mnistModelTasks([28, 28, 1]), answers: readAnswers });
