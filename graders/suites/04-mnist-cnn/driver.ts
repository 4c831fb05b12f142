/** Runs in the child next to the student's code for 04-mnist-cnn: builds, trains, predicts (28x28x1 images). */
import { builtModel } from '../../src/kit/layers-driver.ts';
import { mnistModelTasks } from '../../src/kit/mnist-driver.ts';
import { defineDriver } from '../../src/sandbox/driver-api.ts';

export const driver = defineDriver({
  ...mnistModelTasks([28, 28, 1]),

  /** The first convolution layer's kernel, for the filters picture. */
  filters(ctx) {
    const layer = builtModel(ctx.state).layers.find((l) => l.getClassName() === 'Conv2D');
    const kernel = layer?.getWeights()[0];
    return kernel ? { shape: kernel.shape, values: Array.from(kernel.dataSync()) } : null;
  },
});
