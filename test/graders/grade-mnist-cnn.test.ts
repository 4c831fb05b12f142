/**
 * 04-mnist-cnn graded end to end by the real CLI on the WebAssembly backend, in one regrade run
 * (`--submissions`): the reference solution trained on all 60,000 images and scored on the 10,000 test
 * images, the untouched stub, and golden wrong submissions (an MLP without convolutions, a CNN without
 * Flatten), each of which gets exactly the result its expected.json describes.
 */
import { describe, expect, vi } from 'vitest';
import { mnistModelTasks } from '../../graders/src/child/kit/mnist-driver.ts';
import { describeSolutionStubAndGoldens } from '../helpers/grade.ts';

vi.setConfig({ testTimeout: 120_000 });

describe('04-mnist-cnn', () => {
  describeSolutionStubAndGoldens('04-mnist-cnn', {
    goldens: ['dense-only', 'missing-flatten', 'tiny-cnn'],
    notAttempted: ['buildModel', 'trainModel'],
    solutionTitle: 'the reference solution scores full marks on wasm, with the test accuracy recorded',
    solution: (result) => {
      expect(result.checks.find((c) => c.id === 'accuracy.test')!.metric!.value).toBeGreaterThanOrEqual(0.985);
      // The child builds and trains; every prediction is made by the grader, from the model the child sent.
      // Its one step in the predict phase reads the concept answers (src/answers.ts) as plain values.
      expect(result.phases.map((p) => p.name)).toEqual(['static', 'build', 'train', 'predict']);
      expect(Object.keys(mnistModelTasks([28, 28, 1])).sort()).toEqual(['build', 'train']);
    },
  });
});
