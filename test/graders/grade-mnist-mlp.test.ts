/**
 * 03-mnist-mlp graded end to end by the real CLI on the WebAssembly backend, in one regrade run
 * (`--submissions`): the reference solution, the untouched stub and golden wrong submissions, each of which
 * gets exactly the result its expected.json describes. Also: a forced backend that is not installed. The
 * submission that never returns is graded apart (goldens-mnist-mlp), under shorter limits.
 */
import path from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { mnistModelTasks } from '../../graders/src/child/kit/mnist-driver.ts';
import { describeSolutionStubAndGoldens, repoRoot, runCli } from '../helpers/grade.ts';
import { nativeBackend } from '../helpers/native.ts';

const slug = '03-mnist-mlp';
vi.setConfig({ testTimeout: 120_000 });

describe(slug, () => {
  const batch = describeSolutionStubAndGoldens(slug, {
    goldens: ['wrong-output-shape', 'nan-loss', 'throws', 'reads-test-labels', 'trains-with-model-fit'],
    notAttempted: ['buildModel', 'trainModel'],
    solutionTitle: 'the reference solution scores full marks on wasm, with the test accuracy recorded',
    solution: (result) => {
      expect(result.checks.find((c) => c.id === 'accuracy.test')!.metric!.value).toBeGreaterThanOrEqual(0.97);
      // The child builds and trains; every prediction is made by the grader, from the model the child sent.
      // Its one step in the predict phase reads the concept answers (src/answers.ts) as plain values.
      expect(result.phases.map((p) => p.name)).toEqual(['static', 'build', 'train', 'predict']);
      expect(Object.keys(mnistModelTasks([784])).sort()).toEqual(['build', 'train']);
    },
  });

  test('hints read what training returned: a loss that became NaN is named, with the learning rate to lower', () => {
    const nan = batch().results['nan-loss']!;
    for (const id of ['training.loss-decreases', 'accuracy.test']) {
      expect(nan.checks.find((c) => c.id === id)!.hint, id).toMatch(
        /^The loss your training returned became NaN or infinite \(2 epochs: NaN → NaN\): .*Lower the learning rate/,
      );
    }
  });

  // Where tfjs-node is installed, the GPU package (never installed here) is the backend that is missing.
  const [missing, pkg] = nativeBackend.available ? ['tensorflow-gpu', '@tensorflow/tfjs-node-gpu'] : ['tensorflow', '@tensorflow/tfjs-node'];
  test(`forcing the ${missing} backend without ${pkg} fails with exit code 1 and says how to install it`, async () => {
    const run = await runCli(['grade', slug, '--solution', '--backend', missing, '--out', path.join(repoRoot, '.labgrade', 'unused')]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(`${pkg} is not installed`);
    expect(run.stderr).toContain(`npm install ${pkg}`);
    if (missing === 'tensorflow') expect(run.stderr).toContain('npm run install:native');
  });
});
