/**
 * The student template repository (`labgrade export-template`) and the hidden suites that go with it; run by
 * the instructor, never in grading.
 *
 * The template holds what a student needs and nothing they must not see: the exercises (stubs, visible
 * tests, manifests, READMEs), the datasets' loaders, the shared runtime, the engine and CLI, the package
 * files and the Classroom workflow. Never solutions/ or graders/suites/. The export checks its own output
 * for leaks (leak-scan.ts) and refuses to finish when it finds one.
 *
 * The hidden suites reach a student's CI run in one of two ways, chosen by the instructor (suites-bundle.ts):
 * - a private repository holding the suites (`--suites-copy DIR` writes its contents), checked out by the
 *   workflow with a token secret;
 * - an encrypted bundle in the template (`--bundle-key FILE`), `graders/suites.bundle`, AES-256-GCM, opened
 *   by `labgrade unpack-suites` with the key in the secret LABGRADE_SUITES_KEY.
 * Both carry `template.json`: the SHA-256 of every file the template shipped outside the students' src/
 * folders, so that a changed engine, manifest, visible test or workflow is reported rather than trusted
 * (integrity.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LabgradeError, UsageError } from '../core/errors.ts';
import { learningGoalTable } from '../core/learning-goal-table.ts';
import { parseManifest } from '../core/manifest.ts';
import { localized } from '../core/i18n.ts';
import { exercisesDir, repoRoot, suitesDir } from '../core/paths.ts';
import { TEMPLATE_HASHES_FILE, templateHashes } from './integrity.ts';
import { findLeaks } from './leak-scan.ts';
import { INSTRUCTOR_ONLY_PACKAGES, pruneLock, type LockFile } from './lock.ts';
import { bundleKey, encryptSuites, suiteFiles, writeTree } from './suites-bundle.ts';
import { BUNDLE_FILE, walk } from './tree.ts';

// The grader's tamper check, until engine/grade.ts imports integrity.ts itself.

/** Folders and files copied from this repository as they are. */
const COPIED = [
  'bin',
  'datasets',
  'exercises',
  'graders/schema',
  'graders/src',
  'graders/submission-env',
  'runtime',
  'scripts/install-native-backend.sh',
  '.github/workflows/classroom.yml',
];
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
  if (start < 0)
    throw new LabgradeError('LABGRADE_TEMPLATE_README', `Expected README.md to have a section "## ${heading}" for the student README, but it has none.`);
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

/** Refuses a template folder inside this repository or not empty, and secrets written inside the template. */
function checkTargets(dir: string, options: ExportOptions): void {
  if (inside(dir, repoRoot)) throw new UsageError(localized('usage.template-inside-repo', { path: dir, file: repoRoot }));
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new UsageError(localized('usage.template-not-empty', { path: dir }));
  for (const [flag, value] of [
    ['--bundle-key', options.bundleKeyFile],
    ['--suites-copy', options.suitesCopyDir],
  ] as const) {
    if (value !== undefined && inside(path.resolve(value), dir))
      throw new UsageError(localized('usage.inside-template', { option: flag, path: path.resolve(value), file: dir }));
  }
  if (options.suitesCopyDir !== undefined && existsSync(options.suitesCopyDir) && readdirSync(options.suitesCopyDir).length > 0) {
    throw new UsageError(localized('usage.suites-copy-not-empty', { path: path.resolve(options.suitesCopyDir) }));
  }
}

/** Copies the shipped folders into `dir` and writes the generated files; returns how many files it wrote. */
async function writeTemplateFiles(dir: string): Promise<number> {
  const slugs = readdirSync(exercisesDir)
    .filter((slug) => existsSync(path.join(exercisesDir, slug, 'exercise.json')))
    .sort();
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
  return count;
}

/** Writes the student template to `options.dir` (a new or empty folder). */
export async function exportTemplate(options: ExportOptions): Promise<ExportSummary> {
  const dir = path.resolve(options.dir);
  checkTargets(dir, options);
  let count = await writeTemplateFiles(dir);

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
    const { key, created } = await bundleKey(path.resolve(options.bundleKeyFile));
    keyCreated = created;
    await writeFile(path.join(dir, BUNDLE_FILE), encryptSuites(files, key));
    count++;
  }
  if (options.suitesCopyDir !== undefined) await writeTree(path.resolve(options.suitesCopyDir), files);
  return { files: count, keyCreated, hashesFile };
}
