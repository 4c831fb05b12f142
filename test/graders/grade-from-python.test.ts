/**
 * 00-from-python graded end to end by the real CLI on the WebAssembly backend, in one regrade run
 * (`--submissions`): the reference solution, the untouched stub, and two golden submissions a Python user
 * might write: pandas' standard deviation and logistic regression for a problem that needs a hidden layer;
 * TensorFlow.js where loops were asked for, a forgotten bias, and a learning rate too small for the epochs
 * given. The hints read what training returned.
 */
import { describe, expect, test, vi } from 'vitest';
import { describeSolutionStubAndGoldens } from '../helpers/grade.ts';

vi.setConfig({ testTimeout: 120_000 });

describe('00-from-python', () => {
  const batch = describeSolutionStubAndGoldens('00-from-python', {
    goldens: ['library-arrays-short-training', 'sample-std-linear-model'],
    notAttempted: ['affine', 'buildModel', 'meanAndStd', 'toFloat32', 'trainModel'],
    solutionTitle: 'the reference solution scores full marks on wasm, with a margin above the accuracy threshold',
    solution: (result) => {
      const accuracy = result.checks.find((c) => c.id === 'accuracy.test')!.metric!;
      expect(accuracy).toMatchObject({ threshold: 0.9, comparator: '>=' });
      expect(accuracy.value).toBeGreaterThanOrEqual(0.93);
      // After a right answer, the feedback still explains the idea.
      expect(result.checks.find((c) => c.id === 'concept.parameters')!.message).toMatch(/^Right\. A Dense layer from n inputs to m units/);
    },
  });

  const check = (student: string, id: string) => batch().results[student]!.checks.find((c) => c.id === id)!;

  test('a model without a hidden layer is told that its loss hardly moved: look at the model', () => {
    const accuracy = check('sample-std-linear-model', 'accuracy.test');
    expect(accuracy.status).toBe('fail');
    expect(accuracy.hint).toMatch(
      /^The loss your training returned hardly moved from the first epoch \(60 epochs: .*Look at the model and the optimiser: a hidden layer with an activation/,
    );
  });

  test('a learning rate too small for the epochs given is told that the loss was still falling', () => {
    const accuracy = check('library-arrays-short-training', 'accuracy.test');
    expect(accuracy.hint).toMatch(/^The loss your training returned was still falling at the last epoch \(30 epochs: .*Train longer/);
    expect(check('library-arrays-short-training', 'training.loss-decreases').hint).toBe(accuracy.hint);
  });

  test('a wrong concept answer gets the idea explained without the answer, and an unanswered one is named on its line', () => {
    const wrong = check('sample-std-linear-model', 'concept.parameters');
    expect(wrong).toMatchObject({ status: 'fail', found: '24', file: 'answers.ts', line: 16 });
    expect(wrong.hint).toContain('one bias per unit');
    expect(JSON.stringify(wrong)).not.toMatch(/\b33\b/);
    const unanswered = check('library-arrays-short-training', 'concept.steps-per-epoch');
    expect(unanswered).toMatchObject({ status: 'fail', file: 'answers.ts', line: 25 });
    expect(unanswered.message).toContain('Not answered yet: `stepsPerEpoch`');
  });
});
