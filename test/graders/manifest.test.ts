import { describe, expect, test } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checksOfGoal, learningGoalTable } from '../../graders/src/core/learning-goal-table.ts';
import { CONCEPT_PREFIX, LEARNING_GOAL_IDS, LEARNING_GOALS } from '../../graders/src/core/learning-goals.ts';
import { MANIFEST_SCHEMA_PATH, manifestJsonSchema, maxScore, parseManifest } from '../../graders/src/core/manifest.ts';
import { DATASET_NAMES } from '../../datasets/registry.ts';
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
    expect(() => parseManifest({ ...valid, byHand: [{ functions: ['conv2d'], checks: ['conv2d.values'] }] }, file)).toThrow(
      /byHand\.0\.checks\.0.*"conv2d\.values", which the manifest does not have/,
    );
  });
});

describe("the manifest's datasets", () => {
  test('are the ones datasets/registry.ts registers, and no other', () => {
    expect(parseManifest({ ...valid, datasets: [...DATASET_NAMES] }, file).datasets).toEqual(DATASET_NAMES);
    expect(() => parseManifest({ ...valid, datasets: ['cifar10'] }, file)).toThrow(/datasets\.0: .*"mnist"\|"wdbc"\|"mri-phantoms"\|"neuro-cohort"/);
  });
});

describe('a misspelt field in the manifest', () => {
  test('is refused at the top level, naming the key, where it is and the fields allowed', () => {
    const error = (() => {
      try {
        parseManifest({ ...valid, pointz: 3 }, file);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(
      /^ {2}- pointz: unknown field "pointz"; expected only \$schema, id, version, title, .*, byHand\. Correct its spelling or remove it$/m,
    );
    expect(error?.message).toContain('Fix these fields and run the command again.');
  });

  test("is refused inside a check, at the check's path", () => {
    const checks = [{ ...(valid.checks as object[])[0], pointz: 3 }, ...(valid.checks as object[]).slice(1)];
    expect(() => parseManifest({ ...valid, checks }, file)).toThrow(
      / {2}- checks\.0\.pointz: unknown field "pointz"; expected only id, points, title, phase, goals\./,
    );
  });

  test('is refused inside the limits and in a title', () => {
    expect(() => parseManifest({ ...valid, limits: { trainSecond: 10 } }, file)).toThrow(
      /limits\.trainSecond: unknown field "trainSecond"; expected only buildSeconds, trainSeconds, predictSeconds, memoryMiB\./,
    );
    expect(() => parseManifest({ ...valid, title: { en: 'x', nb: 'y', nn: 'z' } }, file)).toThrow(/title\.nn: unknown field "nn"; expected only en, nb\./);
  });

  test('names every unknown key of one object together', () => {
    expect(() => parseManifest({ ...valid, pointz: 1, seeds: 2 }, file)).toThrow(/ {2}- \(top level\): unknown field "pointz", "seeds"; expected only /);
  });
});

/** The committed schema, and every exercise's manifest. */
const schemaFile = path.join(repoRoot, MANIFEST_SCHEMA_PATH);
const exerciseSlugs = readdirSync(path.join(repoRoot, 'exercises'))
  .filter((slug) => existsSync(path.join(repoRoot, 'exercises', slug, 'exercise.json')))
  .sort();

type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  pattern?: string;
};

/** The parts of JSON Schema the generated file uses that matter for a manifest's shape: types, keys, enums, patterns. */
function schemaProblems(value: unknown, schema: JsonSchema, where: string): string[] {
  const kind = Array.isArray(value) ? 'array' : value === null ? 'null' : Number.isInteger(value) ? 'integer' : typeof value;
  if (schema.type && schema.type !== kind && !(schema.type === 'number' && kind === 'integer')) return [`${where}: expected ${schema.type}, found ${kind}`];
  if (schema.enum && !schema.enum.includes(value)) return [`${where}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`];
  if (schema.pattern && typeof value === 'string' && !new RegExp(schema.pattern, 'u').test(value))
    return [`${where}: ${value} does not match ${schema.pattern}`];
  if (Array.isArray(value)) return value.flatMap((item, i) => (schema.items ? schemaProblems(item, schema.items, `${where}.${i}`) : []));
  if (kind !== 'object') return [];
  const entries = Object.entries(value as Record<string, unknown>);
  const missing = (schema.required ?? []).filter((key) => !(key in (value as object))).map((key) => `${where}.${key}: required`);
  return [
    ...missing,
    ...entries.flatMap(([key, item]) => {
      const inner = schema.properties?.[key] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      if (inner) return schemaProblems(item, inner, `${where}.${key}`);
      return schema.additionalProperties === false ? [`${where}.${key}: not declared`] : [];
    }),
  ];
}

describe(`the manifest's JSON Schema (${MANIFEST_SCHEMA_PATH})`, () => {
  test('is the one the zod schema generates', () => {
    const committed = existsSync(schemaFile) ? readFileSync(schemaFile, 'utf8') : '';
    expect(committed === manifestJsonSchema(), `${MANIFEST_SCHEMA_PATH} is out of date: run \`npm run schema:manifest\``).toBe(true);
  });

  test('refuses keys it does not declare, in every object', () => {
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as JsonSchema;
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties!)).toEqual(expect.arrayContaining(['$schema', 'id', 'checks', 'datasets', 'byHand']));
    expect(schemaProblems({ ...valid, pointz: 1 }, schema, '')).toEqual(['.pointz: not declared']);
    const checks = [{ ...(valid.checks as object[])[0], pointz: 3 }];
    expect(schemaProblems({ ...valid, checks }, schema, '')).toEqual(['.checks.0.pointz: not declared']);
  });

  test.each(exerciseSlugs)('%s/exercise.json names it and satisfies it', (slug) => {
    const manifestFile = path.join(repoRoot, 'exercises', slug, 'exercise.json');
    const data = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, unknown>;
    expect(path.resolve(path.dirname(manifestFile), data['$schema'] as string)).toBe(schemaFile);
    expect(schemaProblems(data, JSON.parse(readFileSync(schemaFile, 'utf8')) as JsonSchema, slug)).toEqual([]);
  });
});

describe('the learning goals and the concept questions', () => {
  const slugs = readdirSync(path.join(repoRoot, 'exercises'))
    .filter((slug) => existsSync(path.join(repoRoot, 'exercises', slug, 'exercise.json')))
    .sort();
  const manifests = slugs.map((slug) =>
    parseManifest(
      JSON.parse(readFileSync(path.join(repoRoot, 'exercises', slug, 'exercise.json'), 'utf8')),
      path.join(repoRoot, 'exercises', slug, 'exercise.json'),
    ),
  );

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
    const checks = [
      ...(valid.checks as object[]),
      { id: 'concept.a', points: 2, title: { en: 'x', nb: 'y' } },
      { id: 'concept.b', points: 2, title: { en: 'x', nb: 'y' } },
    ];
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
