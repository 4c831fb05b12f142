import { describe, expect, test } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CONCEPT_PREFIX, checksOfGoal, LEARNING_GOAL_IDS, LEARNING_GOALS, learningGoalTable } from '../../graders/src/core/learning-goals.ts';
import { maxScore, parseManifest } from '../../graders/src/core/manifest.ts';
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

describe('the learning goals and the concept questions', () => {
  const slugs = readdirSync(path.join(repoRoot, 'exercises')).filter((slug) => existsSync(path.join(repoRoot, 'exercises', slug, 'exercise.json'))).sort();
  const manifests = slugs.map((slug) => parseManifest(JSON.parse(readFileSync(path.join(repoRoot, 'exercises', slug, 'exercise.json'), 'utf8')), path.join(repoRoot, 'exercises', slug, 'exercise.json')));

  test.each(LEARNING_GOAL_IDS)('the goal "%s" is graded by at least one check worth points', (goal) => {
    expect(checksOfGoal(manifests, goal).length, LEARNING_GOALS[goal].en).toBeGreaterThan(0);
  });

  test.each(slugs)('%s asks concept questions in src/answers.ts, worth at most a fifth of its points', (slug) => {
    const manifest = manifests.find((m) => m.id === slug)!;
    const concepts = manifest.checks.filter((c) => c.id.startsWith(CONCEPT_PREFIX));
    expect(concepts.length).toBeGreaterThan(0);
    expect(manifest.files).toContain('src/answers.ts');
    expect(5 * concepts.reduce((sum, c) => sum + c.points, 0)).toBeLessThanOrEqual(maxScore(manifest));
    for (const c of concepts) expect(c.goals.length, c.id).toBeGreaterThan(0);
  });

  test('refuses concept questions worth more than a fifth of an exercise', () => {
    const checks = [...(valid.checks as object[]), { id: 'concept.a', points: 2, title: { en: 'x', nb: 'y' } }, { id: 'concept.b', points: 2, title: { en: 'x', nb: 'y' } }];
    expect(() => parseManifest({ ...valid, checks }, file)).toThrow(/concept questions \(concept\.\*\) are worth 7 of 19 points, more than a fifth/);
  });

  test('refuses a goal the lab does not have', () => {
    const checks = [{ ...(valid.checks as object[])[0], goals: ['astrology'] }, ...(valid.checks as object[]).slice(1)];
    expect(() => parseManifest({ ...valid, checks }, file)).toThrow(/checks\.0\.goals\.0/);
  });

  test("the README's learning-goal table is the one the manifests make", () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const table = learningGoalTable(manifests, 'en');
    expect(readme.includes(table), `Paste this table into README.md's "Learning goals" section:\n\n${table}`).toBe(true);
  });
});
