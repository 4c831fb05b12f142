/**
 * The visible tests students run (`npm run test:exercise -- <slug>`), run here as real vitest processes:
 * against the reference solution (every test passes) and against the untouched stub (every test fails and
 * says what is not implemented).
 */
import { execa } from 'execa';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test, vi } from 'vitest';
import { fullRun } from '../helpers/tier.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Each run starts vitest and TensorFlow.js afresh and trains a small model.
vi.setConfig({ testTimeout: 1_800_000 });

interface VisibleRun {
  exitCode: number;
  output: string;
  report?: {
    numTotalTests: number;
    numPassedTests: number;
    numFailedTests: number;
    testResults: { name: string; assertionResults: Assertion[] }[];
  };
}

type Assertion = { fullName: string; status: string; failureMessages: string[] | null };
const slugs = [
  '00-from-python',
  '00a-cnn-basics',
  '00b-tfjs-basics',
  '01-mnist-data',
  '02-mnist-random-forest',
  '03-mnist-mlp',
  '04-mnist-cnn',
  '05-brain-tumor-segmentation',
  '06-tabular-dl',
  '07-tabular-neuro',
];

/**
 * Runs the exercises project on every exercise at once (one vitest start, one TensorFlow.js load per
 * worker), against the stubs or (`solutions`) the reference.
 */
async function runVisibleTests(target: 'stubs' | 'solutions'): Promise<VisibleRun> {
  const outFile = path.join(await mkdtemp(path.join(os.tmpdir(), 'labgrade-visible-')), 'report.json');
  // A clean environment: no settings of the vitest running this file, and no CI reporter that would
  // annotate this repository's workflow with the stub's expected failures.
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('VITEST') && key !== 'LABGRADE_VISIBLE_TARGET' && key !== 'GITHUB_ACTIONS') env[key] = value;
  }
  if (target === 'solutions') env['LABGRADE_VISIBLE_TARGET'] = 'solutions';
  env['NO_COLOR'] = '1';
  const args = [
    'node_modules/vitest/vitest.mjs',
    'run',
    '--project',
    'exercises',
    '--maxWorkers',
    '1',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${outFile}`,
  ];
  const run = await execa(process.execPath, args, { cwd: repoRoot, env, extendEnv: false, reject: false, all: true, timeout: 1_700_000 });
  const report = await readFile(outFile, 'utf8').then(
    (text) => JSON.parse(text) as VisibleRun['report'],
    () => undefined,
  );
  return { exitCode: run.exitCode ?? -1, output: String(run.all), report };
}

/** Each target's run, started by the first test that needs it. */
const runs = new Map<string, Promise<VisibleRun>>();
const visibleRun = (target: 'stubs' | 'solutions') => runs.get(target) ?? runs.set(target, runVisibleTests(target)).get(target)!;

/** The assertions of one exercise's test files. */
function assertionsOf(run: VisibleRun, slug: string): Assertion[] {
  return (run.report?.testResults ?? [])
    .filter((file) => file.name.split(path.sep).join('/').includes(`/exercises/${slug}/`))
    .flatMap((file) => file.assertionResults);
}

describe.each(slugs)('the visible tests of %s', (slug) => {
  test('all pass against the reference solution', async () => {
    const run = await visibleRun('solutions');
    expect(run.report, run.output).toBeDefined();
    const results = assertionsOf(run, slug);
    expect(results.length, run.output).toBeGreaterThan(0);
    expect(results.filter((r) => r.status !== 'passed').map((r) => `${r.fullName}: ${r.status} ${r.failureMessages?.join(' ') ?? ''}`)).toEqual([]);
  });

  // The stubs' run repeats for every exercise what the stub generator guarantees (each function throws
  // NotImplementedError); it runs in `npm run test:full`.
  test.runIf(fullRun)('all fail against the untouched stub, each saying what is not implemented', async () => {
    const run = await visibleRun('stubs');
    expect(run.exitCode, run.output).not.toBe(0);
    expect(run.report, run.output).toBeDefined();
    const results = assertionsOf(run, slug);
    expect(results.length, run.output).toBeGreaterThan(0);
    const unclear = results.filter((r) => r.status !== 'failed' || !(r.failureMessages ?? []).some((m) => /not implemented/i.test(m)));
    expect(
      unclear.map((r) => `${r.fullName}: ${r.status}`),
      run.output,
    ).toEqual([]);
  });
});

test('the reference solution passes every visible test file with exit code 0', async () => {
  const run = await visibleRun('solutions');
  expect(run.exitCode, run.output).toBe(0);
  expect(run.report!.numPassedTests).toBe(run.report!.numTotalTests);
});

test('speak Norwegian with LABGRADE_LANG=nb: the names, and what the stub has not implemented yet', async () => {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('VITEST') && key !== 'LABGRADE_VISIBLE_TARGET' && key !== 'GITHUB_ACTIONS') env[key] = value;
  }
  Object.assign(env, { NO_COLOR: '1', LABGRADE_LANG: 'nb' });
  const args = ['node_modules/vitest/vitest.mjs', 'run', '--project', 'exercises', 'exercises/00a-cnn-basics', '--reporter=verbose'];
  const run = await execa(process.execPath, args, { cwd: repoRoot, env, extendEnv: false, reject: false, all: true, timeout: 600_000 });
  expect(run.exitCode, String(run.all)).not.toBe(0);
  expect(String(run.all)).toContain("'valid': vinduet må få plass inne i inndataene");
  expect(String(run.all)).toContain('outputSize er ikke implementert ennå. Erstatt linjen `throw new NotImplementedError(...)` med koden din.');
});
