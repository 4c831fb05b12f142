/**
 * 03-mnist-mlp submissions whose training never ends, graded by the real CLI in one batch: one loops forever
 * (stopped when it has used its CPU time), one waits for a promise that never settles (it uses no CPU, so it
 * is stopped after a minute without computing, well before its limit's wall-clock backstop). Each result is still complete: the checks that ran, an error for the
 * rest. Graded with limits shortened by LABGRADE_LIMIT_SCALE, else each would wait out the full training
 * limit; the other goldens run under the manifest's own limits in grade-mnist-mlp.
 */
import path from 'node:path';
import { expect, test, vi } from 'vitest';
import { expectGolden, gradeMany, repoRoot } from '../helpers/grade.ts';

const fixtures = path.join(repoRoot, 'test', 'fixtures', '03-mnist-mlp');
const cases = ['never-returns', 'never-settles'] as const;
vi.setConfig({ testTimeout: 1_800_000 });

test('training that never ends, by computing forever or by waiting forever, gets exactly its expected result', async () => {
  const sources = Object.fromEntries(cases.map((name) => [name, path.join(fixtures, name, 'src')]));
  const batch = await gradeMany('03-mnist-mlp', sources, { env: { LABGRADE_LIMIT_SCALE: '0.01' } });
  expect(batch.exitCode, batch.stderr).toBe(0);
  for (const name of cases) expectGolden(batch.results[name]!, path.join(fixtures, name, 'expected.json'));

  const looping = batch.results['never-returns']!.phases.find((p) => p.name === 'train')!;
  expect(looping).toMatchObject({ status: 'timeout', limitMs: 10_000, limitCounts: 'cpu' });
  // Stopped by its CPU time, checked every 200 ms: at the limit, not at the wall-clock backstop.
  expect(looping.cpuMs).toBeGreaterThanOrEqual(10_000);
  expect(looping.cpuMs).toBeLessThan(20_000);

  const waiting = batch.results['never-settles']!.phases.find((p) => p.name === 'train')!;
  expect(waiting).toMatchObject({ status: 'timeout', limitMs: 10_000, limitCounts: 'cpu' });
  // A minute without computing, not the backstop (4 x 10 s + 120 s).
  expect(waiting.durationMs).toBeGreaterThanOrEqual(60_000);
  expect(waiting.durationMs).toBeLessThan(160_000);
  expect(waiting.cpuMs).toBeLessThan(10_000);
});
