/**
 * 04-mnist-cnn graded end to end by the real CLI on the WebAssembly backend, in one regrade run
 * (`--submissions`): the reference solution trained on all 60,000 images and scored on the 10,000 test
 * images, the untouched stub, and golden wrong submissions (an MLP without convolutions, a CNN without
 * Flatten), each of which gets exactly the result its expected.json describes.
 */
import path from 'node:path';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { expectGolden, gradeMany, repoRoot, solutionAndStub, type BatchRun } from '../helpers/grade.ts';

const slug = '04-mnist-cnn';
const fixtures = path.join(repoRoot, 'test', 'fixtures', slug);
const goldens = ['dense-only', 'missing-flatten'];
vi.setConfig({ testTimeout: 120_000, hookTimeout: 3_600_000 });

let batch: BatchRun;
beforeAll(async () => {
  batch = await gradeMany(slug, { ...solutionAndStub(slug), ...Object.fromEntries(goldens.map((name) => [name, path.join(fixtures, name, 'src')])) });
});

describe(slug, () => {
  test('one run grades every submission with exit code 0', () => {
    expect(batch.exitCode, batch.stderr).toBe(0);
    expect(batch.entries?.map((e) => e.submission).sort()).toEqual([...goldens, 'solution', 'stub'].sort());
    expect(batch.entries?.filter((e) => e.error)).toEqual([]);
  });

  test('the reference solution scores full marks on wasm, with the test accuracy recorded', () => {
    const result = batch.results['solution']!;
    expect(result.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(result.score).toBe(result.maxScore);
    expect(result.environment.backend).toBe('wasm');
    const accuracy = result.checks.find((c) => c.id === 'accuracy.test')!.metric!;
    expect(accuracy.value).toBeGreaterThanOrEqual(0.985);
    expect(result.phases.map((p) => p.name)).toEqual(['static', 'build', 'train', 'predict']);
  });

  test('the untouched stub scores 0 with status fail, naming the functions not implemented', () => {
    const result = batch.results['stub']!;
    expect(result.score).toBe(0);
    expect(result.status).toBe('fail');
    expect(result.checks.filter((c) => c.maxPoints > 0).every((c) => c.status === 'fail')).toBe(true);
    expect(result.notAttempted).toEqual(['buildModel', 'trainModel']);
  });

  test.for(goldens)('the golden submission "%s" gets exactly its expected result', (name) => {
    expectGolden(batch.results[name]!, path.join(fixtures, name, 'expected.json'));
  });
});
