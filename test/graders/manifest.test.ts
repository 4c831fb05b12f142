import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseManifest } from '../../graders/src/manifest.ts';
import { repoRoot } from '../helpers/grade.ts';

const file = path.join(repoRoot, 'exercises', '03-mnist-mlp', 'exercise.json');
const valid = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

describe('the exercise manifest', () => {
  test('accepts the 03-mnist-mlp manifest and fills in defaults', () => {
    const manifest = parseManifest(valid, file);
    expect(manifest.id).toBe('03-mnist-mlp');
    expect(manifest.limits.memoryMiB).toBe(2048);
  });

  test('names the field and the problem when a check has no points', () => {
    const broken = { ...valid, checks: [{ id: 'model.shape', title: { en: 'x', nb: 'y' } }] };
    expect(() => parseManifest(broken, file)).toThrow(/checks\.0\.points/);
  });

  test('rejects a title without its Norwegian text', () => {
    const broken = { ...valid, title: { en: 'Only English' } };
    expect(() => parseManifest(broken, file)).toThrow(/title\.nb/);
  });

  test('rejects duplicate check ids', () => {
    const checks = valid.checks as unknown[];
    expect(() => parseManifest({ ...valid, checks: [...checks, checks[0]] }, file)).toThrow(/duplicate check id "model.input-shape"/);
  });

  test('rejects an id that does not match its folder', () => {
    expect(() => parseManifest({ ...valid, id: '04-mnist-cnn' }, file)).toThrow(/folder is "03-mnist-mlp"/);
  });

  test('takes the operations asked for by hand, and names a check they list that the manifest does not have', () => {
    const byHand = [{ functions: ['conv2d'], checks: ['model.input-shape'] }];
    expect(parseManifest({ ...valid, byHand }, file).byHand).toEqual(byHand);
    expect(parseManifest(valid, file).byHand).toEqual([]);
    expect(() => parseManifest({ ...valid, byHand: [{ functions: ['conv2d'], checks: ['conv2d.values'] }] }, file)).toThrow(/byHand\.0\.checks\.0.*"conv2d\.values", which the manifest does not have/);
  });
});
