/**
 * Golden wrong submissions to 03-mnist-mlp, graded by the real CLI: each gets exactly the result its
 * expected.json describes (status, score, and every check's status, points and message).
 */
import path from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { expectGolden, grade, repoRoot } from '../helpers/grade.ts';

const fixtures = path.join(repoRoot, 'test', 'fixtures', '03-mnist-mlp');
// Each test grades with the real CLI in a fresh process.
vi.setConfig({ testTimeout: 1_800_000 });

/**
 * Only the submission that never returns needs shorter limits (else it would wait out the full training
 * limit); the others run under the manifest's own limits, so that a slow machine cannot change their result.
 */
const goldens: { name: string; env?: Record<string, string> }[] = [
  { name: 'wrong-output-shape' },
  { name: 'nan-loss' },
  { name: 'throws' },
  { name: 'never-returns', env: { LABGRADE_LIMIT_SCALE: '0.1' } },
  { name: 'reads-test-labels' },
];

describe.concurrent('03-mnist-mlp golden submissions', () => {
  test.for(goldens)('"$name" gets exactly its expected result', async ({ name, env }) => {
    const run = await grade('03-mnist-mlp', { submission: path.join(fixtures, name), ...(env ? { env } : {}) });
    expect(run.exitCode, run.stderr).toBe(0);
    expectGolden(run.result!, path.join(fixtures, name, 'expected.json'));
  });
});
