/**
 * 07-tabular-neuro graded end to end by the real CLI on the WebAssembly backend, in one regrade run
 * (`--submissions`): the reference solution (trained on a synthetic cohort of 1,200, scored on 800 held-out
 * participants), the untouched stub, and golden wrong submissions, each of which gets exactly the result its
 * expected.json describes: the leaky one loses exactly the leakage points (and the concept questions it does
 * not answer).
 */
import { describe, expect, test, vi } from 'vitest';
import { describeSolutionStubAndGoldens } from '../helpers/grade.ts';

vi.setConfig({ testTimeout: 120_000 });

describe('07-tabular-neuro', () => {
  const batch = describeSolutionStubAndGoldens('07-tabular-neuro', {
    goldens: ['leaky-prepare', 'nan-for-missing'],
    notAttempted: ['buildModel', 'permutationImportance', 'prepare', 'rocAuc', 'sensitivityAtSpecificity', 'trainModel'],
    solutionTitle: 'the reference solution scores full marks on wasm, clearly above both thresholds',
    solution: (result) => {
      const metric = (id: string) => result.checks.find((c) => c.id === id)!.metric!.value!;
      expect(metric('model.auc')).toBeGreaterThanOrEqual(0.93);
      expect(metric('model.sensitivity')).toBeGreaterThanOrEqual(0.8);
      // The grader's own permutation importance names what the model relies on: MMSE, age and brain volume.
      expect(result.checks.find((c) => c.id === 'model.auc')!.message).toMatch(
        /relies most on: (mmse|age|nwbv) [\d.]+, (mmse|age|nwbv) [\d.]+, (mmse|age|nwbv) /,
      );
    },
  });

  test('the leaky submission is told which training row changed when held-out participants did', () => {
    const check = batch().results['leaky-prepare']!.checks.find((c) => c.id === 'prep.train-only')!;
    expect(check.message).toContain('features of training rows');
    expect(check.found).toMatch(/^row \d+ \(SYN_\d{4}, a training row\), column \w+: /);
    expect(check.hint).toContain('trainRows');
  });
});
