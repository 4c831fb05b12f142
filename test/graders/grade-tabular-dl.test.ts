/**
 * 06-tabular-dl graded end to end by the real CLI on the WebAssembly backend, in one regrade run
 * (`--submissions`): the reference solution (five MLPs trained by cross-validation on the real breast-cancer
 * table), the untouched stub, and golden wrong submissions, each of which gets exactly the result its
 * expected.json describes: the leaky one loses exactly the leakage check (and, like the others, the concept
 * questions it does not answer); the reversed one is told its ranking is reversed.
 */
import { describe, expect, test, vi } from 'vitest';
import { describeSolutionStubAndGoldens } from '../helpers/grade.ts';

vi.setConfig({ testTimeout: 120_000 });

describe('06-tabular-dl', () => {
  const batch = describeSolutionStubAndGoldens('06-tabular-dl', {
    goldens: ['leaky-scaling', 'metric-slips', 'one-neighbour', 'reversed-attention'],
    notAttempted: ['brierScore', 'buildMlp', 'inContextPredict', 'rocAuc', 'standardize', 'stratifiedSplit', 'thresholdMetrics', 'trainMlp'],
    solutionTitle: 'the reference solution scores full marks on wasm, each model clearly above its threshold',
    solution: (result) => {
      const metric = (id: string) => result.checks.find((c) => c.id === id)!.metric!.value!;
      expect(metric('mlp.auc')).toBeGreaterThanOrEqual(0.985);
      expect(metric('in-context.auc')).toBeGreaterThanOrEqual(0.985);
      expect(metric('mlp.calibration')).toBeLessThanOrEqual(0.03);
    },
  });

  test('the leaky submission is told what leaked and by how much', () => {
    const check = batch().results['leaky-scaling']!.checks.find((c) => c.id === 'scaling.train-only')!;
    expect(check.message).toContain('data leakage');
    expect(check.found).toMatch(/all rows: /);
    expect(check.hint).toContain('trainRows');
  });

  test('an in-context ROC AUC below 0.5 is named as a reversed ranking before any advice on the temperature', () => {
    const check = batch().results['reversed-attention']!.checks.find((c) => c.id === 'in-context.auc')!;
    expect(check.metric!.value).toBeLessThan(0.5);
    expect(check.hints![0]).toMatch(/^A ROC AUC of 0\.\d+ is below 0\.5, worse than chance: the ranking is reversed/);
    expect(check.hints![0]).toContain('the sign of a score or distance');
    expect(check.hint).toBe(check.hints![0]);
  });
});
