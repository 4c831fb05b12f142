/**
 * 03-mnist-mlp submissions whose training never ends, graded by the real CLI in one batch: one loops forever
 * in JavaScript, one trains with model.fit forever (stopped when it has used its CPU time), one waits for a
 * promise that never settles (it uses no CPU, so it is stopped after a minute without computing, well before
 * its limit's wall-clock backstop). Each result is still complete: the checks that ran, an error for the
 * rest. Graded with limits shortened by LABGRADE_LIMIT_SCALE, else each would wait out the full training
 * limit; the other goldens run under the manifest's own limits in grade-mnist-mlp.
 *
 * Where the native backend is installed, the two that compute forever are graded on it too: TensorFlow runs
 * threads of its own there, and the limit counts the CPU time of every thread of the process.
 */
import path from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import type { GradeResult } from '../../graders/src/core/result.ts';
import { expectGolden, gradeMany, repoRoot } from '../helpers/grade.ts';
import { nativeBackend, nativeTitle } from '../helpers/native.ts';

const fixtures = path.join(repoRoot, 'test', 'fixtures', '03-mnist-mlp');
vi.setConfig({ testTimeout: 1_800_000 });

/** A training phase stopped by its CPU time, checked every 200 ms: at the limit, not at the wall-clock backstop. */
function expectStoppedAtCpuLimit(result: GradeResult): void {
  const train = result.phases.find((p) => p.name === 'train')!;
  expect(train).toMatchObject({ status: 'timeout', limitMs: 10_000, limitCounts: 'cpu' });
  expect(train.cpuMs).toBeGreaterThanOrEqual(10_000);
  expect(train.cpuMs).toBeLessThan(20_000);
}

test('training that never ends, by computing forever or by waiting forever, gets exactly its expected result', async () => {
  const cases = ['never-returns', 'trains-forever', 'never-settles'];
  const sources = Object.fromEntries(cases.map((name) => [name, path.join(fixtures, name, 'src')]));
  const batch = await gradeMany('03-mnist-mlp', sources, { env: { LABGRADE_LIMIT_SCALE: '0.01' } });
  expect(batch.exitCode, batch.stderr).toBe(0);
  for (const name of cases) expectGolden(batch.results[name]!, path.join(fixtures, name, 'expected.json'));

  expectStoppedAtCpuLimit(batch.results['never-returns']!);
  expectStoppedAtCpuLimit(batch.results['trains-forever']!);

  const waiting = batch.results['never-settles']!.phases.find((p) => p.name === 'train')!;
  expect(waiting).toMatchObject({ status: 'timeout', limitMs: 10_000, limitCounts: 'cpu' });
  // A minute without computing, not the backstop (4 x 10 s + 120 s).
  expect(waiting.durationMs).toBeGreaterThanOrEqual(60_000);
  expect(waiting.durationMs).toBeLessThan(160_000);
  expect(waiting.cpuMs).toBeLessThan(10_000);
});

describe.skipIf(!nativeBackend.available)(nativeTitle('on the native backend'), () => {
  test("training that computes forever, in JavaScript or in TensorFlow's own threads, is stopped at its CPU-time limit", async () => {
    const cases = ['never-returns', 'trains-forever'];
    const sources = Object.fromEntries(cases.map((name) => [name, path.join(fixtures, name, 'src')]));
    const batch = await gradeMany('03-mnist-mlp', sources, { env: { LABGRADE_LIMIT_SCALE: '0.01' }, backend: 'tensorflow' });
    expect(batch.exitCode, batch.stderr).toBe(0);
    for (const name of cases) {
      expect(batch.results[name]!.environment.backend).toBe('tensorflow');
      expectGolden(batch.results[name]!, path.join(fixtures, name, 'expected.json'));
      expectStoppedAtCpuLimit(batch.results[name]!);
    }
  });
});
