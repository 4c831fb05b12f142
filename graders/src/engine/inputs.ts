/**
 * What a grading depends on, as one fingerprint recorded in its result: the submitted files, the exercise's
 * manifest and hidden suite, the engine (its code, the runtime, the lock file and the labgrade version), the
 * seed, the backend and the TensorFlow.js packages installed for it, the language, the limit scale, Node.js,
 * the template files a student repository changed, and where its pictures were drawn. A result whose fingerprint equals the one computed
 * now is what grading again would give (grading is deterministic for the same inputs), so it can be reused;
 * anything else is graded again. The parts are kept too, so that a new grading can say what changed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { BackendChoice } from '../../../runtime/backend-choice.ts';
import type { Language } from '../core/manifest.ts';
import { exercisesDir, relativeToRepo, repoRoot, suitesDir } from '../core/paths.ts';
import type { GradeResult } from '../core/result.ts';
import { loadExercise } from './catalogue.ts';
import type { GradeOptions } from './options.ts';
import { submissionDirOf } from './submission.ts';
import { templateChangesFor } from './tamper-cache.ts';

/** The fingerprint of a grading's inputs, and of each part of them. */
export interface GradingInputs {
  sha256: string;
  parts: Record<InputPart, string>;
}

/** The parts, in the order a changed one is named. */
export const INPUT_PARTS = ['submission', 'manifest', 'suite', 'engine', 'seed', 'backend', 'language', 'limits', 'node', 'template', 'pictures'] as const;
export type InputPart = (typeof INPUT_PARTS)[number];

/** Folders and files of this repository that make up the engine a result was graded by. */
const ENGINE_PATHS = ['graders/src', 'graders/submission-env', 'runtime', 'datasets', 'bin', 'package.json', 'package-lock.json'];

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** Every file below `dir` (relative to it, sorted), leaving out what never affects grading. */
function filesBelow(dir: string): string[] {
  if (!existsSync(dir)) return [];
  if (statSync(dir).isFile()) return [''];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.DS_Store') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesBelow(full).map((f) => path.join(entry.name, f)));
    else if (entry.isFile()) out.push(entry.name);
  }
  return out.sort();
}

/** One hash over the names and contents of every file below each of `roots`. */
function treeHash(roots: string[]): string {
  const hash = createHash('sha256');
  for (const root of roots) {
    for (const file of filesBelow(root)) {
      const full = file ? path.join(root, file) : root;
      hash.update(`${path.relative(repoRoot, full).split(path.sep).join('/')}\0`);
      hash.update(readFileSync(full));
      hash.update('\0');
    }
  }
  return hash.digest('hex');
}

/** The engine's hash, computed once per process: it is the same for every exercise. */
let engineHash: string | undefined;

/** The installed version of a package, or `none`. */
function installedVersion(pkg: string): string {
  try {
    const file = createRequire(path.join(repoRoot, 'package.json')).resolve(`${pkg}/package.json`);
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'none';
  }
}

export interface InputsOptions {
  slug: string;
  /** The folder of the files graded, and the files (relative to it) the manifest names. */
  submissionDir: string;
  files: string[];
  seed: number;
  backend: BackendChoice;
  language: Language;
  /** The template files the repository changed, as the result will record them. */
  templateChanges: string;
  /** Where the exercise's pictures are drawn, relative to the repository (a grading without pictures is not one with them). */
  pictures?: string;
}

/** The fingerprint of everything a grading with these options depends on. */
export function gradingInputs(options: InputsOptions): GradingInputs {
  const submission = createHash('sha256');
  for (const file of [...options.files].sort()) {
    const full = path.join(options.submissionDir, file);
    submission.update(`${file}\0`);
    submission.update(existsSync(full) ? readFileSync(full) : Buffer.from('(missing)'));
    submission.update('\0');
  }
  engineHash ??= treeHash(ENGINE_PATHS.map((p) => path.join(repoRoot, p)));
  const parts: Record<InputPart, string> = {
    submission: submission.digest('hex'),
    manifest: sha256(readFileSync(path.join(exercisesDir, options.slug, 'exercise.json'))),
    suite: treeHash([path.join(suitesDir, options.slug), path.join(suitesDir, 'template.json')]),
    engine: engineHash,
    seed: String(options.seed),
    // `auto` picks the fastest backend installed, so what is installed is part of the input.
    backend: [
      options.backend,
      ...['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'].map((p) => `${p}@${installedVersion(p)}`),
    ].join(' '),
    language: options.language,
    limits: process.env.LABGRADE_LIMIT_SCALE || '1',
    node: `${process.version} ${process.platform} ${process.arch}`,
    template: sha256(options.templateChanges),
    pictures: options.pictures ?? 'none',
  };
  return { sha256: sha256(INPUT_PARTS.map((p) => `${p}=${parts[p]}`).join('\n')), parts };
}

/** The fingerprint of what grading with these options depends on, as its result records it. */
export async function gradingInputsFor(options: GradeOptions): Promise<GradingInputs> {
  const manifest = await loadExercise(options.slug);
  const choice = options.submission ?? { kind: 'exercise' };
  return gradingInputs({
    slug: manifest.id,
    submissionDir: submissionDirOf(manifest.id, choice),
    files: manifest.files.map((f) => f.replace(/^src\//, '')),
    seed: options.seed ?? manifest.seed,
    backend: options.backend ?? 'auto',
    language: options.language ?? manifest.language,
    templateChanges: JSON.stringify(templateChangesFor(manifest.id, choice).templateChanges ?? null),
    ...(options.picturesDir ? { pictures: relativeToRepo(path.resolve(options.picturesDir, manifest.id)) } : {}),
  });
}

/** The parts that differ between a result's recorded inputs and the current ones (all of them when it has none). */
export function changedInputs(result: GradeResult | undefined, current: GradingInputs): InputPart[] {
  const recorded = result?.inputs;
  if (!recorded) return [...INPUT_PARTS];
  return INPUT_PARTS.filter((p) => recorded.parts[p] !== current.parts[p]);
}
