/**
 * The student template (`labgrade export-template`): what it holds and what it must never hold, its
 * Classroom workflow, and a local run of that workflow's own commands (no GitHub) in the exported folder,
 * with the hidden suites opened from the encrypted bundle: the stubs score 0, the reference solution full
 * marks, and a changed visible test is reported.
 */
import { execa } from 'execa';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { appendFile, cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { GradeResult } from '../../graders/src/core/result.ts';
import { findLeaks, secretLines } from '../../graders/src/template/leak-scan.ts';
import { INSTRUCTOR_ONLY_PACKAGES } from '../../graders/src/template/lock.ts';
import { repoRoot, runCli } from '../helpers/grade.ts';
import { fullRun } from '../helpers/tier.ts';
import { exportedTemplate } from '../helpers/template.ts';
import { stepRun } from '../helpers/workflow.ts';

vi.setConfig({ testTimeout: 900_000, hookTimeout: 300_000 });

const slugs = readdirSync(path.join(repoRoot, 'exercises'))
  .filter((s) => existsSync(path.join(repoRoot, 'exercises', s, 'exercise.json')))
  .sort();
const workflowText = readFileSync(path.join(repoRoot, '.github', 'workflows', 'classroom.yml'), 'utf8');

/** The `run:` command of the workflow step with this name. */
const stepCommand = (name: string) => stepRun(workflowText, name);

let work: string;
let template: string;
let keyFile: string;
let suitesCopy: string;
let hashesFile: string;
let exported: Awaited<ReturnType<typeof runCli>>;

/** Runs a shell command in the template folder, as a workflow step does. */
async function inTemplate(command: string, env: Record<string, string> = {}) {
  const run = await execa('bash', ['-c', command], { cwd: template, env: { ...env, CI: '', GITHUB_ACTIONS: '' }, reject: false, timeout: 1_800_000 });
  return { exitCode: run.exitCode ?? -1, stdout: String(run.stdout), stderr: String(run.stderr) };
}

const readResult = (file: string) => GradeResult.parse(JSON.parse(readFileSync(file, 'utf8')));

beforeAll(async () => {
  ({ work, template, keyFile, suitesCopy, hashesFile, exported } = await exportedTemplate());
});

describe('labgrade export-template', () => {
  test('writes the exercises, engine, datasets, package files and workflow, and no solution or hidden suite', async () => {
    expect(exported.exitCode, exported.stderr).toBe(0);
    expect(exported.stdout).toContain('A new key is in');
    for (const entry of [
      'README.md',
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'vitest.config.ts',
      '.gitignore',
      'bin/labgrade.js',
      'graders/src/cli/main.ts',
      'graders/suites.bundle',
      '.github/workflows/classroom.yml',
      'scripts/install-native-backend.sh',
    ]) {
      expect(existsSync(path.join(template, entry)), entry).toBe(true);
    }
    for (const absent of ['solutions', 'graders/suites', 'test', 'bench', '.github/workflows/ci.yml', '.ci'])
      expect(existsSync(path.join(template, absent)), absent).toBe(false);
    for (const slug of slugs) {
      for (const file of readdirSync(path.join(repoRoot, 'exercises', slug, 'src'))) {
        expect(await readFile(path.join(template, 'exercises', slug, 'src', file), 'utf8'), `${slug}/${file} is the stub`).toBe(
          await readFile(path.join(repoRoot, 'exercises', slug, 'src', file), 'utf8'),
        );
      }
      expect(existsSync(path.join(template, 'exercises', slug, 'test'))).toBe(true);
    }
    // The same dependencies as here but the instructor's own tools, and a lock file that matches them for `npm ci`.
    const pkg = JSON.parse(await readFile(path.join(template, 'package.json'), 'utf8'));
    const ours = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8'));
    for (const field of ['name', 'version', 'dependencies', 'optionalDependencies', 'engines', 'bin']) expect(pkg[field], field).toEqual(ours[field]);
    const { [INSTRUCTOR_ONLY_PACKAGES[0]!]: instructorOnly, ...studentDev } = ours.devDependencies;
    expect(instructorOnly).toBeDefined();
    expect(pkg.devDependencies).toEqual(studentDev);
    const lock = JSON.parse(await readFile(path.join(template, 'package-lock.json'), 'utf8'));
    for (const field of ['dependencies', 'optionalDependencies', 'devDependencies']) expect(lock.packages[''][field], `lock ${field}`).toEqual(pkg[field]);
    expect(Object.keys(lock.packages).filter((p) => p.includes('@dodona/') || p.includes('tree-sitter'))).toEqual([]);
    expect(Object.keys(lock.packages)).toEqual(expect.arrayContaining(Object.keys(pkg.dependencies).map((d) => `node_modules/${d}`)));
    expect(pkg.scripts['test:exercise']).toBe('vitest run');
    // The native backend's offline install, which doctor names, works in a student's repository too.
    expect(pkg.scripts['install:native']).toBe(ours.scripts['install:native']);

    // Not a line of any hidden suite, nor of any solution beyond what its stub shares, anywhere in it.
    const secrets = secretLines();
    expect(secrets.size).toBeGreaterThan(200);
    expect(findLeaks(template, secrets)).toEqual([]);
    // The bundle is encrypted: not one suite line in it as text.
    const bundle = await readFile(path.join(template, 'graders', 'suites.bundle'), 'utf8');
    expect([...secrets.keys()].filter((line) => bundle.includes(line))).toEqual([]);
    // The private repository's copy has every suite file and the template's hashes.
    expect(readdirSync(suitesCopy).sort()).toEqual([...slugs, 'template.json'].sort());
    expect(await readFile(path.join(suitesCopy, 'template.json'), 'utf8')).toBe(await readFile(hashesFile, 'utf8'));
  });

  test('the leak check finds a solution body or a suite file placed among the files students get', async () => {
    const copy = path.join(work, 'leaky');
    await cp(template, copy, { recursive: true, filter: (src) => !src.endsWith('node_modules') });
    await cp(path.join(repoRoot, 'solutions', '03-mnist-mlp', 'src', 'mlp.ts'), path.join(copy, 'exercises', '03-mnist-mlp', 'src', 'mlp.ts'));
    const suiteFile = readdirSync(path.join(repoRoot, 'graders', 'suites', '00a-cnn-basics')).find((f) => f.endsWith('.suite.ts'))!;
    await cp(path.join(repoRoot, 'graders', 'suites', '00a-cnn-basics', suiteFile), path.join(copy, 'exercises', '00a-cnn-basics', 'test', 'more.test.ts'));
    const leaks = findLeaks(copy);
    expect(leaks.some((l) => l.file === 'exercises/03-mnist-mlp/src/mlp.ts' && l.source === 'solutions/03-mnist-mlp/src/mlp.ts')).toBe(true);
    expect(leaks.some((l) => l.file === 'exercises/00a-cnn-basics/test/more.test.ts' && l.source.startsWith('graders/suites/00a-cnn-basics/'))).toBe(true);
    await rm(copy, { recursive: true, force: true });
  });

  test("ships every exercise's concept questions unanswered: the reference answers are in no file students get, and the leak check finds them", async () => {
    const secrets = secretLines();
    for (const slug of slugs) {
      const stub = await readFile(path.join(template, 'exercises', slug, 'src', 'answers.ts'), 'utf8');
      const answers = [...stub.matchAll(/^export const (\w+): .* = (.*);$/gm)];
      expect(answers.length, slug).toBeGreaterThan(0);
      expect(
        answers.filter((a) => a[2] !== 'undefined').map((a) => a[0]),
        slug,
      ).toEqual([]);
      const reference = (await readFile(path.join(repoRoot, 'solutions', slug, 'src', 'answers.ts'), 'utf8'))
        .split('\n')
        .filter((l) => l.startsWith('export const '));
      expect(reference.length, slug).toBe(answers.length);
      for (const line of reference) expect(secrets.get(line), line).toBe(`solutions/${slug}/src/answers.ts`);
    }
    const copy = path.join(work, 'answered');
    await cp(template, copy, { recursive: true, filter: (src) => !src.endsWith('node_modules') });
    await cp(path.join(repoRoot, 'solutions', '04-mnist-cnn', 'src', 'answers.ts'), path.join(copy, 'exercises', '04-mnist-cnn', 'src', 'answers.ts'));
    const found = findLeaks(copy, secrets)
      .filter((l) => l.file === 'exercises/04-mnist-cnn/src/answers.ts')
      .map((l) => l.line);
    const answered = (await readFile(path.join(repoRoot, 'solutions', '04-mnist-cnn', 'src', 'answers.ts'), 'utf8'))
      .split('\n')
      .filter((l) => l.startsWith('export const '));
    expect(answered).toHaveLength(3);
    for (const line of answered) expect(found, line).toContain(line);
    await rm(copy, { recursive: true, force: true });
  });

  test('refuses a folder with files in it, or a key file inside the template, and says what to do', async () => {
    const again = await runCli(['export-template', template]);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain('Expected a new or empty folder for the template');
    const fresh = path.join(work, 'other');
    const keyInside = await runCli(['export-template', fresh, '--bundle-key', path.join(fresh, 'key')]);
    expect(keyInside.exitCode).toBe(2);
    expect(keyInside.stderr).toContain('Expected --bundle-key to be outside the template folder');
  });
});

describe("the template's Classroom workflow", () => {
  test("follows GitHub Classroom's conventions", () => {
    expect(workflowText).toMatch(/^name: Autograding Tests$/m);
    expect(workflowText).toMatch(/^'on':\n {2}- push\n {2}- repository_dispatch$/m);
    expect(workflowText).toMatch(/^permissions:\n {2}contents: read\njobs:\n {2}run-autograding-tests:\n/m);
    expect(workflowText).toContain("if: github.actor != 'github-classroom[bot]'");
    expect(workflowText).toMatch(/^ {4}timeout-minutes: \d+$/m);
    // Both ways of obtaining the hidden suites, and the key only where it is needed.
    expect(workflowText).toContain('repository: ${{ vars.LABGRADE_SUITES_REPOSITORY }}');
    expect(workflowText).toContain('token: ${{ secrets.LABGRADE_SUITES_TOKEN }}');
    expect(workflowText.match(/secrets\.LABGRADE_SUITES_KEY/g)).toHaveLength(1);
    expect(stepCommand('Grade')).toMatch(/--format classroom/);
  });

  test('without the hidden suites, grading in the template says where the grade is', async () => {
    const run = await inTemplate(`${stepCommand('Grade').replace('--all', '00a-cnn-basics')}`);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('The graded checks for 00a-cnn-basics are not in this repository');
    expect(run.stderr).toContain('Actions tab');
  });

  test('the unpack step refuses a missing or wrong key with what to do', async () => {
    const missing = await inTemplate(stepCommand('Hidden suites from the encrypted bundle'));
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('LABGRADE_SUITES_KEY, but it is not set');
    const wrong = await inTemplate(stepCommand('Hidden suites from the encrypted bundle'), { LABGRADE_SUITES_KEY: Buffer.alloc(32, 7).toString('base64') });
    expect(wrong.exitCode).toBe(1);
    expect(wrong.stderr).toContain('does not open');
    expect(existsSync(path.join(template, 'graders', 'suites'))).toBe(false);
  });

  test('its own commands grade the stubs to 0 and the reference solution to full marks, and report a changed file', async () => {
    const unpack = await inTemplate(stepCommand('Hidden suites from the encrypted bundle'), { LABGRADE_SUITES_KEY: (await readFile(keyFile, 'utf8')).trim() });
    expect(unpack.exitCode, unpack.stderr).toBe(0);
    expect(readdirSync(path.join(template, 'graders', 'suites')).sort()).toEqual([...slugs, 'template.json'].sort());

    // Every exercise, exactly as the workflow runs it.
    const stubs = await inTemplate(stepCommand('Grade'));
    expect(stubs.exitCode, stubs.stderr).toBe(0);
    const max = slugs.reduce((sum, slug) => sum + readResult(path.join(template, 'results', `${slug}.result.json`)).maxScore, 0);
    expect(stubs.stdout).toContain(
      `::notice title=Autograding complete::Points 0/${max}\n::notice title=Autograding report::{"totalPoints":0,"maxPoints":${max}}`,
    );
    for (const slug of slugs) {
      const result = readResult(path.join(template, 'results', `${slug}.result.json`));
      expect(result.score, slug).toBe(0);
      expect(
        result.checks.filter((c) => c.status === 'error'),
        slug,
      ).toEqual([]);
      expect(result.templateChanges, slug).toEqual([]);
    }

    // The reference solution in the student's place: every exercise in the full run, the quickest here.
    const graded = fullRun ? slugs : ['00a-cnn-basics'];
    for (const slug of graded) await cp(path.join(repoRoot, 'solutions', slug, 'src'), path.join(template, 'exercises', slug, 'src'), { recursive: true });
    const solved = await inTemplate(fullRun ? stepCommand('Grade') : stepCommand('Grade').replace('--all', graded.join(' ')));
    expect(solved.exitCode, solved.stderr).toBe(0);
    for (const slug of graded) {
      const result = readResult(path.join(template, 'results', `${slug}.result.json`));
      expect(result.score, slug).toBe(result.maxScore);
    }

    // A student who edits a visible test and deletes a manifest's README: reported in the result, the
    // report printed to them, and the instructor's class report.
    await appendFile(path.join(template, 'exercises', '00a-cnn-basics', 'test', 'cnn-basics.test.ts'), '\n// all pass\n');
    await rm(path.join(template, 'exercises', '01-mnist-data', 'README.md'));
    const tampered = await inTemplate(stepCommand('Grade').replace('--all', '00a-cnn-basics'));
    expect(tampered.exitCode, tampered.stderr).toBe(0);
    expect(tampered.stdout).toContain(
      'Changed from the template (reported to your teacher): exercises/00a-cnn-basics/test/cnn-basics.test.ts (changed), exercises/01-mnist-data/README.md (missing)',
    );
    const result = readResult(path.join(template, 'results', '00a-cnn-basics.result.json'));
    expect(result.score).toBe(12);
    expect(result.templateChanges).toEqual([
      { file: 'exercises/00a-cnn-basics/test/cnn-basics.test.ts', change: 'changed' },
      { file: 'exercises/01-mnist-data/README.md', change: 'missing' },
    ]);
    const report = await inTemplate('npx labgrade report results --csv grades.csv');
    expect(report.exitCode, report.stderr).toBe(0);
    expect(report.stdout).toContain('Changed files of the template in 1 repositories');
    expect(await readFile(path.join(template, 'grades.csv'), 'utf8')).toContain(
      'exercises/00a-cnn-basics/test/cnn-basics.test.ts (changed); exercises/01-mnist-data/README.md (missing)',
    );
    await writeFile(path.join(template, 'grades.csv'), '');
  });
});
