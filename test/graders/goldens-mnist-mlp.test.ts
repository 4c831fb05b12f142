/**
 * A 03-mnist-mlp submission whose training never returns, graded by the real CLI: the training step is
 * stopped at its limit and the result is still complete (the checks that ran, an error for the rest). Graded
 * with limits shortened by LABGRADE_LIMIT_SCALE, else it would wait out the full training limit; the other
 * goldens run under the manifest's own limits in grade-mnist-mlp.
 */
import path from 'node:path';
import { expect, test, vi } from 'vitest';
import { expectGolden, grade, repoRoot } from '../helpers/grade.ts';

const fixtures = path.join(repoRoot, 'test', 'fixtures', '03-mnist-mlp');
vi.setConfig({ testTimeout: 1_800_000 });

test('"never-returns" gets exactly its expected result', async () => {
  const run = await grade('03-mnist-mlp', { submission: path.join(fixtures, 'never-returns'), env: { LABGRADE_LIMIT_SCALE: '0.1' } });
  expect(run.exitCode, run.stderr).toBe(0);
  expectGolden(run.result!, path.join(fixtures, 'never-returns', 'expected.json'));
});
