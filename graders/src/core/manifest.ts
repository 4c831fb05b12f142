/**
 * The exercise manifest, `exercises/<slug>/exercise.json`, validated with zod. A malformed manifest is
 * reported with the field's path and what is wrong with it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DATASET_NAMES, DATASETS } from '../../../datasets/registry.ts';
import type { Localized } from '../../../runtime/language.ts';
import { ManifestError } from './errors.ts';
import { CONCEPT_PREFIX, LEARNING_GOAL_IDS } from './learning-goals.ts';

const slugPattern = /^[0-9]{2}[a-z]?-[a-z0-9]+(?:-[a-z0-9]+)*$/;
const checkIdPattern = /^[a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+$/;

/**
 * An object that refuses keys it does not declare, so a misspelt field is an error rather than silently
 * dropped (and its default quietly used); the message names the key and the fields allowed.
 */
function strictObject<Shape extends z.ZodRawShape>(shape: Shape) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field ${issue.keys.map((key) => `"${key}"`).join(', ')}; expected only ${allowed}. Correct its spelling or remove it`
        : undefined,
  });
}

/** Text shown to students, in English and Norwegian bokmål. */
export const LocalizedText = strictObject({
  en: z.string().min(1),
  nb: z.string().min(1),
}) satisfies z.ZodType<Localized>;
export type LocalizedText = Localized;

export const LANGUAGES = ['en', 'nb'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CheckSpec = strictObject({
  /** Stable id, `<area>.<name>`; results, reports and the class report key on it. */
  id: z.string().regex(checkIdPattern, 'must look like "model.output-shape" (lowercase words joined by dots)'),
  points: z.number().nonnegative(),
  title: LocalizedText,
  /** The phase whose outcome the check depends on; used to explain checks that could not run. */
  phase: z.enum(['static', 'build', 'train', 'predict']).default('predict'),
  /** The lab's learning goals the check grades (learning-goals.ts); the README's goal table is made from them. */
  goals: z.array(z.enum(LEARNING_GOAL_IDS)).default([]),
});
export type CheckSpec = z.infer<typeof CheckSpec>;

export const Threshold = strictObject({
  value: z.number(),
  comparator: z.enum(['>=', '<=']),
  /** What the number is, for reports. */
  title: LocalizedText,
  /** The margin the reference solution keeps above the threshold, as measured, for the README and reports. */
  referenceValue: z.number().optional(),
});
export type Threshold = z.infer<typeof Threshold>;

export const PhaseLimits = strictObject({
  buildSeconds: z.number().positive().default(60),
  trainSeconds: z.number().positive().default(300),
  predictSeconds: z.number().positive().default(60),
  /** Resident memory of the child that runs student code; it is stopped above this. */
  memoryMiB: z.number().int().positive().default(2048),
});
export type PhaseLimits = z.infer<typeof PhaseLimits>;

/**
 * An operation the exercise asks for by hand: the functions that write it, and the checks that grade it.
 * A check earns nothing when one of the functions reaches TensorFlow.js or the runtime (see by-hand.ts).
 */
export const ByHand = strictObject({
  functions: z.array(z.string().regex(/^[A-Za-z_$][\w$]*$/, 'must be a function name')).min(1),
  checks: z.array(z.string()).min(1),
});
export type ByHand = z.infer<typeof ByHand>;

export const Manifest = strictObject({
  /** The JSON Schema editors validate the file with (graders/schema/exercise.schema.json). */
  $schema: z.string().optional(),
  id: z.string().regex(slugPattern, 'must be the folder name, like "03-mnist-mlp"'),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a semantic version like "1.0.0"'),
  title: LocalizedText,
  level: z.enum(['core', 'recommended', 'optional']),
  estimatedMinutes: z.number().int().positive(),
  seed: z
    .number()
    .int()
    .nonnegative()
    .max(2 ** 31 - 1),
  language: z.enum(LANGUAGES).default('en'),
  /** The files a student edits, relative to the exercise folder (all under src/). */
  files: z.array(z.string().regex(/^src\/[\w./-]+\.ts$/, 'must be a TypeScript file under src/')).min(1),
  /** Datasets the hidden suite needs (datasets/registry.ts), verified before grading starts. */
  datasets: z.array(z.enum(DATASET_NAMES).describe(DATASET_NAMES.map((name) => `${name}: ${DATASETS[name].description}`).join('\n'))).default([]),
  limits: PhaseLimits.prefault({}),
  thresholds: z.record(z.string(), Threshold).default({}),
  checks: z.array(CheckSpec).min(1),
  /** Operations students write by hand; their checks earn nothing when the code calls a library instead. */
  byHand: z.array(ByHand).default([]),
}).superRefine((m, ctx) => {
  const seen = new Set<string>();
  m.checks.forEach((c, i) => {
    if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: ['checks', i, 'id'], message: `duplicate check id "${c.id}"` });
    seen.add(c.id);
  });
  m.byHand.forEach((b, i) =>
    b.checks.forEach((id, j) => {
      if (!seen.has(id))
        ctx.addIssue({ code: 'custom', path: ['byHand', i, 'checks', j], message: `names the check "${id}", which the manifest does not have` });
    }),
  );
  if (m.checks.every((c) => c.points === 0)) {
    ctx.addIssue({ code: 'custom', path: ['checks'], message: 'at least one check must be worth points' });
  }
  // Concept questions grade understanding beside the code; they never carry more than a fifth of the points.
  const total = m.checks.reduce((sum, c) => sum + c.points, 0);
  const concepts = m.checks.filter((c) => c.id.startsWith(CONCEPT_PREFIX)).reduce((sum, c) => sum + c.points, 0);
  if (concepts * 5 > total) {
    ctx.addIssue({
      code: 'custom',
      path: ['checks'],
      message: `concept questions (${CONCEPT_PREFIX}*) are worth ${concepts} of ${total} points, more than a fifth`,
    });
  }
});
export type Manifest = z.infer<typeof Manifest>;

/** Where the manifests' `$schema` points, relative to the repository root. */
export const MANIFEST_SCHEMA_PATH = 'graders/schema/exercise.schema.json';

/**
 * The manifest's JSON Schema, as the committed file holds it, for editors: what a manifest may contain as
 * written (defaults make fields optional). The cross-field rules (unique check ids, points) are zod's alone.
 */
export function manifestJsonSchema(): string {
  const { $schema, ...rest } = z.toJSONSchema(Manifest, { io: 'input', target: 'draft-2020-12' });
  const schema = {
    $schema,
    title: 'labgrade exercise manifest (exercises/<slug>/exercise.json)',
    description: `Generated from graders/src/core/manifest.ts by \`npm run schema:manifest\`; do not edit.`,
    ...rest,
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** Total points of an exercise. */
export function maxScore(manifest: Manifest): number {
  return manifest.checks.reduce((sum, c) => sum + c.points, 0);
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      // An unknown key is reported at its own path, not its object's.
      const at = issue.code === 'unrecognized_keys' && issue.keys.length === 1 ? [...issue.path, issue.keys[0]!] : issue.path;
      const where = at.length ? at.map(String).join('.') : '(top level)';
      return `  - ${where}: ${issue.message}`;
    })
    .join('\n');
}

/** Validates parsed JSON as a manifest; `source` names the file in errors. */
export function parseManifest(data: unknown, source: string): Manifest {
  const parsed = Manifest.safeParse(data);
  if (!parsed.success) {
    throw new ManifestError(`The exercise manifest ${source} is not valid:\n${describeIssues(parsed.error)}\nFix these fields and run the command again.`);
  }
  const folder = path.basename(path.dirname(source));
  if (parsed.data.id !== folder && folder !== '.') {
    throw new ManifestError(`The exercise manifest ${source} has id "${parsed.data.id}", but its folder is "${folder}". Expected them to be equal.`);
  }
  return parsed.data;
}

/** Reads and validates `exercises/<slug>/exercise.json`. */
export async function loadManifest(file: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ManifestError(`Expected an exercise manifest at ${file}, but the file could not be read.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ManifestError(`The exercise manifest ${file} is not valid JSON: ${(error as Error).message}.`);
  }
  return parseManifest(data, file);
}
