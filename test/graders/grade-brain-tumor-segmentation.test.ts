/**
 * 05-brain-tumor-segmentation graded end to end by the real CLI on the WebAssembly backend, in one regrade
 * run (`--submissions`): the reference U-Net trained on 400 synthetic multi-contrast MRI slices and scored by
 * Dice on 50 held-out slices, the untouched stub, and golden wrong submissions (no skip connections; a loss
 * with no gradient), each of which gets exactly the result its expected.json describes.
 */
import path from 'node:path';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { expectGolden, gradeMany, repoRoot, solutionAndStub, type BatchRun } from '../helpers/grade.ts';

const slug = '05-brain-tumor-segmentation';
const fixtures = path.join(repoRoot, 'test', 'fixtures', slug);
const goldens = ['no-skip', 'loss-without-gradient'];
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

  test('the reference U-Net scores full marks on wasm, clearly above the Dice threshold in every class', () => {
    const result = batch.results['solution']!;
    expect(result.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(result.score).toBe(result.maxScore);
    expect(result.environment.backend).toBe('wasm');
    const check = result.checks.find((c) => c.id === 'segmentation.dice')!;
    expect(check.metric!.value!).toBeGreaterThanOrEqual(0.8);
    for (const [, dice] of check.message.matchAll(/(?:oedema|enhancing tumour|necrotic core) (\d\.\d{3})/g)) expect(Number(dice)).toBeGreaterThanOrEqual(0.75);
    expect(result.curves?.[0]?.values).toHaveLength(30);
  });

  test('the untouched stub scores 0 with status fail, naming every function not implemented', () => {
    const result = batch.results['stub']!;
    expect(result.score).toBe(0);
    expect(result.status).toBe('fail');
    expect(result.checks.filter((c) => c.maxPoints > 0).every((c) => c.status === 'fail')).toBe(true);
    expect(result.notAttempted).toEqual(['buildUnet', 'diceScore', 'softDiceLoss', 'trainUnet']);
  });

  test.for(goldens)('the golden submission "%s" gets exactly its expected result', (name) => {
    expectGolden(batch.results[name]!, path.join(fixtures, name, 'expected.json'));
  });
});
