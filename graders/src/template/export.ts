/**
 * The student template repository (`labgrade export-template`) and the hidden suites that go with it.
 *
 * The template holds what a student needs and nothing they must not see: the exercises (stubs, visible
 * tests, manifests, READMEs), the datasets' loaders, the shared runtime, the engine and CLI, the package
 * files and the Classroom workflow. Never solutions/ or graders/suites/. The export checks its own output
 * for leaks (any line of a reference solution that its stub does not share, any line of a hidden suite) and
 * refuses to finish when it finds one.
 *
 * The hidden suites reach a student's CI run in one of two ways, chosen by the instructor:
 * - a private repository holding the suites (`--suites-copy DIR` writes its contents), checked out by the
 *   workflow with a token secret;
 * - an encrypted bundle in the template (`--bundle-key FILE`), `graders/suites.bundle`, AES-256-GCM, opened
 *   by `labgrade unpack-suites` with the key in the secret LABGRADE_SUITES_KEY.
 * Both carry `template.json`: the SHA-256 of every file the template shipped outside the students' src/
 * folders, so that a changed engine, manifest, visible test or workflow is reported rather than trusted.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { chmod, copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { LabgradeError, UsageError } from '../core/errors.ts';
import { learningGoalTable } from '../core/learning-goals.ts';
import { parseManifest } from '../core/manifest.ts';
import { exercisesDir, repoRoot, solutionsDir, suitesDir } from '../core/paths.ts';
import { INSTRUCTOR_ONLY_PACKAGES, pruneLock, type LockFile } from './lock.ts';

/** Folders and files copied from this repository as they are. */
const COPIED = ['bin', 'datasets', 'exercises', 'graders/src', 'graders/submission-env', 'runtime', 'scripts/install-native-backend.sh', '.github/workflows/classroom.yml'];
/** Never copied, wherever they appear below a copied folder. */
const SKIPPED_NAMES = new Set(['node_modules', '.labgrade', 'results', '.DS_Store']);

export const BUNDLE_FILE = 'graders/suites.bundle';
export const TEMPLATE_HASHES_FILE = 'template.json';
export const SUITES_KEY_ENV = 'LABGRADE_SUITES_KEY';

const toPosix = (p: string) => p.split(path.sep).join('/');

/** Every file below `dir`, as paths relative to `base`, sorted. */
function walk(dir: string, base: string): string[] {
  if (!existsSync(dir)) return [];
  if (statSync(dir).isFile()) return [toPosix(path.relative(base, dir))];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED_NAMES.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full, base));
    else if (entry.isFile()) out.push(toPosix(path.relative(base, full)));
  }
  return out.sort();
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/**
 * The package.json of a student repository: the same dependencies but the instructor's own tools (the lock
 * file is pruned to match: template-lock.ts), student scripts.
 */
function templatePackageJson(): string {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Record<string, unknown>;
  const dev = { ...(pkg['devDependencies'] as Record<string, string>) };
  for (const name of INSTRUCTOR_ONLY_PACKAGES) delete dev[name];
  pkg['devDependencies'] = dev;
  pkg['description'] = 'Deep-learning lab exercises in TypeScript and TensorFlow.js, graded by labgrade.';
  pkg['scripts'] = {
    test: 'vitest run',
    'test:exercise': 'vitest run',
    grade: 'labgrade grade',
    typecheck: 'tsc --noEmit',
    'install:native': 'bash scripts/install-native-backend.sh',
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

function templateTsconfig(): string {
  const config = JSON.parse(readFileSync(path.join(repoRoot, 'tsconfig.json'), 'utf8')) as { include: string[]; exclude: string[] };
  config.include = ['runtime', 'datasets', 'graders', 'exercises', 'bin', '*.ts'];
  config.exclude = ['graders/submission-env', 'graders/suites', 'node_modules'];
  return `${JSON.stringify(config, null, 2)}\n`;
}

const TEMPLATE_VITEST_CONFIG = `import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = path.dirname(fileURLToPath(import.meta.url));

// The visible tests: \`npm test\` runs them all, \`npm run test:exercise -- <slug>\` one exercise's.
export default defineConfig({
  resolve: { alias: { 'labgrade/runtime': path.join(root, 'runtime', 'index.ts') } },
  test: {
    include: ['exercises/*/test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
`;

const TEMPLATE_GITIGNORE = `node_modules/
.labgrade/
/results/
*.log
# The hidden suites, when unpacked or checked out for grading, are never committed.
/graders/suites/
`;

/** A section of this repository's README, from its `## ` heading to the next one. */
function readmeSection(heading: string): string {
  const text = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const start = text.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new LabgradeError('LABGRADE_TEMPLATE_README', `Expected README.md to have a section "## ${heading}" for the student README, but it has none.`);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start + 1, end < 0 ? undefined : end).trimEnd();
}

function templateReadme(slugs: string[]): string {
  const manifests = slugs.map((slug) => {
    const file = path.join(exercisesDir, slug, 'exercise.json');
    return parseManifest(JSON.parse(readFileSync(file, 'utf8')), file);
  });
  const rows = manifests.map((m) => `| [\`${m.id}\`](exercises/${m.id}/README.md) | ${m.level} | ${m.estimatedMinutes} min | ${m.title.en} |`);
  return `# Deep-learning lab

Exercises in TypeScript with TensorFlow.js. Each folder in \`exercises/\` has a README (English, then
Norwegian bokmål) with what to build, how it is graded and every threshold; you write your code in its
\`src/\` folder.

| exercise | level | about | topic |
|---|---|---|---|
${rows.join('\n')}

New to TypeScript? Start with \`00-from-python\`, then \`00a-cnn-basics\` and \`03-mnist-mlp\`. Each exercise also asks
a few concept questions in \`src/answers.ts\`: replace each \`undefined\` with your answer; the feedback explains
the idea after every attempt. Ny i TypeScript? Begynn med \`00-from-python\`. Hver oppgave stiller også noen
begrepsspørsmål i \`src/answers.ts\`: erstatt hver \`undefined\` med svaret ditt.

## Set up

Install Node.js 20.19 or newer, then, in this folder:

    npm install

Where \`npx labgrade doctor\` says the native TensorFlow backend could not be installed (a network that blocks
Google's download), \`npm run install:native\` installs it from a TensorFlow wheel; without it everything works,
more slowly.

## Work on an exercise

    npm run test:exercise -- 00a-cnn-basics      # the visible tests: small examples you can check by hand
    npx labgrade watch 00a-cnn-basics            # on every save: syntax, types, what is left, visible tests
    npx labgrade doctor                          # is this machine ready (Node, TensorFlow.js, datasets)

## Your grade

Push your work. GitHub runs the graded checks (the workflow "Autograding Tests", in the Actions tab): your
points, and feedback for each check that did not pass, appear in the run's summary, and notes on the lines of
your own files that a check could point to. GitHub Classroom records the points.

The graded checks are not in this repository, so \`npx labgrade grade\` here says where to find your grade
instead. Change only the files in \`exercises/<slug>/src/\`: the grader reports any other file that differs from
the one you were given (its tests, the grader, the workflow) to your teacher.

${readmeSection('From PyTorch to TensorFlow.js')}

## Learning goals · Læringsmål

${learningGoalTable(manifests, 'en')}
${learningGoalTable(manifests, 'nb')}`;
}

/** Lines of `text` worth looking for elsewhere: long enough to be specific, not blank or punctuation. */
function distinctiveLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length >= 24 && /[A-Za-z0-9]/.test(l));
}

export interface Leak {
  /** The template file the text was found in. */
  file: string;
  /** Where the text comes from: a solution or hidden suite file. */
  source: string;
  line: string;
}

/**
 * Lines that must not appear in a student template: those of every hidden suite file, and those of every
 * reference solution that its stub does not share (the stub keeps signatures and doc comments). A line also
 * present in a file the template ships on purpose (a runtime import, say) is not secret and is left out.
 */
export function secretLines(): Map<string, string> {
  const shipped = new Set<string>();
  for (const dir of ['exercises', 'runtime', 'datasets', 'graders/src', 'graders/submission-env', 'bin']) {
    for (const file of walk(path.join(repoRoot, dir), repoRoot)) {
      for (const line of distinctiveLines(readFileSync(path.join(repoRoot, file), 'utf8'))) shipped.add(line);
    }
  }
  const secrets = new Map<string, string>();
  const add = (file: string) => {
    for (const line of distinctiveLines(readFileSync(path.join(repoRoot, file), 'utf8'))) {
      if (!shipped.has(line) && !secrets.has(line)) secrets.set(line, file);
    }
  };
  for (const file of walk(solutionsDir, repoRoot)) add(file);
  for (const file of walk(suitesDir, repoRoot)) add(file);
  return secrets;
}

/** Every place in the template folder `dir` where a secret line appears, and any solutions/ or suites/ path. */
export function findLeaks(dir: string, secrets = secretLines()): Leak[] {
  const leaks: Leak[] = [];
  for (const file of walk(dir, dir)) {
    if (file === BUNDLE_FILE) continue; // encrypted
    if (/^(solutions|graders\/suites)\//.test(file)) {
      leaks.push({ file, source: file, line: '(the whole file)' });
      continue;
    }
    const text = readFileSync(path.join(dir, file), 'utf8');
    for (const line of distinctiveLines(text)) {
      const source = secrets.get(line);
      if (source) leaks.push({ file, source, line });
    }
  }
  return leaks;
}

const TemplateHashes = z.object({
  format: z.literal('labgrade-template'),
  version: z.literal(1),
  files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
});
export type TemplateHashes = z.infer<typeof TemplateHashes>;

/** The SHA-256 of every template file a student is not meant to change (all but exercises/<slug>/src/). */
function templateHashes(dir: string): TemplateHashes {
  const files: Record<string, string> = {};
  for (const file of walk(dir, dir)) {
    if (/^exercises\/[^/]+\/src\//.test(file) || file === BUNDLE_FILE) continue;
    files[file] = sha256(readFileSync(path.join(dir, file)));
  }
  return { format: 'labgrade-template', version: 1, files };
}

/** What the hidden suites travel as: every file of graders/suites plus the template's hashes. */
function suiteFiles(hashes: TemplateHashes): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const file of walk(suitesDir, suitesDir)) if (file !== TEMPLATE_HASHES_FILE) files.set(file, readFileSync(path.join(suitesDir, file)));
  files.set(TEMPLATE_HASHES_FILE, Buffer.from(`${JSON.stringify(hashes, null, 2)}\n`));
  return files;
}

const Bundle = z.object({
  format: z.literal('labgrade-suites'),
  version: z.literal(1),
  cipher: z.literal('aes-256-gcm'),
  iv: z.string(),
  tag: z.string(),
  data: z.string(),
});

/** A 32-byte key, written as base64. */
function parseKey(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) {
    throw new LabgradeError(
      'LABGRADE_SUITES_KEY_INVALID',
      `Expected ${where} to hold a 32-byte key in base64 (44 characters), but it decodes to ${key.length} bytes. Use the key file that \`labgrade export-template --bundle-key FILE\` wrote.`,
    );
  }
  return key;
}

export function encryptSuites(files: Map<string, Buffer>, key: Buffer): string {
  const plain = Buffer.from(JSON.stringify({ files: Object.fromEntries([...files].map(([name, data]) => [name, data.toString('base64')])) }));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  const bundle = { format: 'labgrade-suites', version: 1, cipher: 'aes-256-gcm', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  return `${JSON.stringify(bundle)}\n`;
}

export function decryptSuites(text: string, key: Buffer, file: string): Map<string, Buffer> {
  let bundle: z.infer<typeof Bundle>;
  try {
    bundle = Bundle.parse(JSON.parse(text));
  } catch {
    throw new LabgradeError('LABGRADE_SUITES_BUNDLE_INVALID', `Expected ${file} to be a labgrade suites bundle, but it is not one (or is damaged). Export the template again.`);
  }
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(bundle.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(bundle.tag, 'base64'));
    plain = Buffer.concat([decipher.update(Buffer.from(bundle.data, 'base64')), decipher.final()]);
  } catch {
    throw new LabgradeError(
      'LABGRADE_SUITES_KEY_WRONG',
      `The key in ${SUITES_KEY_ENV} does not open ${file} (it was encrypted with another key, or changed since). Set the secret to the key file written when this template was exported.`,
    );
  }
  const { files } = z.object({ files: z.record(z.string(), z.string()) }).parse(JSON.parse(plain.toString('utf8')));
  return new Map(Object.entries(files).map(([name, data]) => [name, Buffer.from(data, 'base64')]));
}

/** Writes `files` below `dir`, refusing names that would land outside it. */
async function writeTree(dir: string, files: Map<string, Buffer>): Promise<void> {
  for (const [name, data] of files) {
    const target = path.resolve(dir, name);
    if (!target.startsWith(path.resolve(dir) + path.sep)) throw new LabgradeError('LABGRADE_SUITES_BUNDLE_INVALID', `The bundle names a file outside the suites folder (${name}); it was not written.`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, data);
  }
}

export interface ExportOptions {
  dir: string;
  /** Also write graders/suites.bundle, encrypted with the key in this file (created when missing). */
  bundleKeyFile?: string;
  /** Also write the hidden suites (with template.json) here, to push as the private suites repository. */
  suitesCopyDir?: string;
  /**
   * Where to record the template's hashes in this repository, for regrades on the instructor's machine
   * (default graders/suites/template.json, hidden like the suites).
   */
  hashesFile?: string;
}

export interface ExportSummary {
  files: number;
  keyCreated: boolean;
  hashesFile: string;
}

const inside = (child: string, parent: string) => {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/** Writes the student template to `options.dir` (a new or empty folder). */
export async function exportTemplate(options: ExportOptions): Promise<ExportSummary> {
  const dir = path.resolve(options.dir);
  if (inside(dir, repoRoot)) throw new UsageError(`Expected the template folder to be outside this repository, but ${dir} is inside ${repoRoot}. Name a new folder elsewhere.`);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new UsageError(`Expected a new or empty folder for the template, but ${dir} has files in it. Name a new folder, or empty this one.`);
  for (const [flag, value] of [['--bundle-key', options.bundleKeyFile], ['--suites-copy', options.suitesCopyDir]] as const) {
    if (value !== undefined && inside(path.resolve(value), dir)) throw new UsageError(`Expected ${flag} to be outside the template folder (students would see it), but ${path.resolve(value)} is inside ${dir}.`);
  }
  if (options.suitesCopyDir !== undefined && existsSync(options.suitesCopyDir) && readdirSync(options.suitesCopyDir).length > 0) {
    throw new UsageError(`Expected a new or empty folder for --suites-copy, but ${path.resolve(options.suitesCopyDir)} has files in it.`);
  }

  const slugs = readdirSync(exercisesDir).filter((slug) => existsSync(path.join(exercisesDir, slug, 'exercise.json'))).sort();
  let count = 0;
  for (const root of COPIED) {
    for (const file of walk(path.join(repoRoot, root), repoRoot)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await copyFile(path.join(repoRoot, file), path.join(dir, file));
      count++;
    }
  }
  const generated: Record<string, string> = {
    'package.json': templatePackageJson(),
    'package-lock.json': `${JSON.stringify(pruneLock(JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as LockFile, INSTRUCTOR_ONLY_PACKAGES), null, 2)}\n`,
    'tsconfig.json': templateTsconfig(),
    'vitest.config.ts': TEMPLATE_VITEST_CONFIG,
    '.gitignore': TEMPLATE_GITIGNORE,
    'README.md': templateReadme(slugs),
  };
  for (const [name, text] of Object.entries(generated)) {
    await writeFile(path.join(dir, name), text);
    count++;
  }

  const leaks = findLeaks(dir);
  if (leaks.length) {
    const shown = leaks.slice(0, 5).map((l) => `  ${l.file}: "${l.line.slice(0, 80)}" (from ${l.source})`);
    throw new LabgradeError(
      'LABGRADE_TEMPLATE_LEAK',
      `The template in ${dir} would show students ${leaks.length} line(s) of the solutions or hidden suites:\n${shown.join('\n')}\nMove that text out of the files students get (exercises/, runtime/, datasets/, graders/src/), then export again.`,
    );
  }

  const hashes = templateHashes(dir);
  const hashesFile = path.resolve(options.hashesFile ?? path.join(suitesDir, TEMPLATE_HASHES_FILE));
  await mkdir(path.dirname(hashesFile), { recursive: true });
  await writeFile(hashesFile, `${JSON.stringify(hashes, null, 2)}\n`);
  const files = suiteFiles(hashes);
  let keyCreated = false;
  if (options.bundleKeyFile !== undefined) {
    const keyFile = path.resolve(options.bundleKeyFile);
    let key: Buffer;
    if (existsSync(keyFile)) key = parseKey(await readFile(keyFile, 'utf8'), keyFile);
    else {
      key = randomBytes(32);
      await mkdir(path.dirname(keyFile), { recursive: true });
      await writeFile(keyFile, `${key.toString('base64')}\n`, { mode: 0o600 });
      await chmod(keyFile, 0o600);
      keyCreated = true;
    }
    await writeFile(path.join(dir, BUNDLE_FILE), encryptSuites(files, key));
    count++;
  }
  if (options.suitesCopyDir !== undefined) await writeTree(path.resolve(options.suitesCopyDir), files);
  return { files: count, keyCreated, hashesFile };
}

/** `labgrade unpack-suites`: opens graders/suites.bundle with the key in LABGRADE_SUITES_KEY into graders/suites. */
export async function unpackSuites(bundleFile = path.join(repoRoot, BUNDLE_FILE)): Promise<number> {
  if (!existsSync(bundleFile)) throw new UsageError(`Expected the hidden suites bundle at ${bundleFile}, but there is none. Export the template with --bundle-key FILE, or check the suites out from their repository instead.`);
  const keyText = process.env[SUITES_KEY_ENV];
  if (!keyText) {
    throw new LabgradeError(
      'LABGRADE_SUITES_KEY_MISSING',
      `Expected the key that opens the hidden suites in the environment variable ${SUITES_KEY_ENV}, but it is not set. In GitHub, add the key file's contents as a secret of that name (for a classroom, an organisation secret).`,
    );
  }
  const files = decryptSuites(await readFile(bundleFile, 'utf8'), parseKey(keyText, SUITES_KEY_ENV), bundleFile);
  await writeTree(suitesDir, files);
  return files.size;
}

/** The hashes the template shipped with, when the hidden suites carry them. */
export function shippedHashes(): TemplateHashes | undefined {
  const file = path.join(suitesDir, TEMPLATE_HASHES_FILE);
  if (!existsSync(file)) return undefined;
  return TemplateHashes.parse(JSON.parse(readFileSync(file, 'utf8')));
}

export interface TamperFinding {
  file: string;
  change: 'changed' | 'missing';
}

/** The shipped files that differ in, or are missing from, the repository at `root`. */
export function tamperFindings(root: string, hashes: TemplateHashes): TamperFinding[] {
  const findings: TamperFinding[] = [];
  for (const [file, expected] of Object.entries(hashes.files)) {
    const full = path.join(root, file);
    if (!existsSync(full)) findings.push({ file, change: 'missing' });
    else if (sha256(readFileSync(full)) !== expected) findings.push({ file, change: 'changed' });
  }
  return findings;
}
