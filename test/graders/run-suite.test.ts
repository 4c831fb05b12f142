/**
 * The suite runner on small suites written here: checks in order, hooks, and what happens when a suite
 * fails to load, a hook throws, a check runs past its limit or a promise is left to reject. The real suites
 * are run by every grade-* test.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { GradingContext } from '../../graders/src/core/grading-context.ts';
import { runSuite } from '../../graders/src/engine/run-suite.ts';
import { repoRoot } from '../helpers/grade.ts';

const harness = pathToFileURL(path.join(repoRoot, 'graders', 'src', 'suite', 'harness.ts')).href;

/** A context for suites that never reach a submission: the sandbox they might start has nothing to run. */
function context(dir: string): GradingContext {
  return {
    slug: 'runner-probe',
    language: 'en',
    seed: 1,
    caseSeed: 2,
    backend: 'wasm',
    limits: { buildSeconds: 10, trainSeconds: 10, predictSeconds: 10, memoryMiB: 512 },
    thresholds: {},
    submissionDir: dir,
    staged: { dir, dataDir: dir, studentBundle: path.join(dir, 'student.mjs'), childBundle: path.join(dir, 'missing-child.mjs') },
    reportsProgress: false,
  };
}

/** Writes suite files into a fresh folder and runs them. */
async function run(files: Record<string, string>, timeoutMs = 20_000) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'labgrade-runner-'));
  // ES modules, as under the repository's own package.json.
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  const suite = await runSuite(
    context(dir),
    timeoutMs,
    Object.keys(files)
      .sort()
      .map((f) => path.join(dir, f)),
  );
  return suite;
}

describe('the suite runner', () => {
  test('runs the checks in order, with their outcomes, and the afterAll hooks last registered first', async () => {
    const logFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'labgrade-runner-log-')), 'log.txt');
    const { outcomes, suiteErrors } = await run({
      'a.suite.ts': `
import { appendFileSync } from 'node:fs';
import { afterAll, beforeAll, check, fail } from '${harness}';
const log = (line: string) => appendFileSync(${JSON.stringify(logFile)}, line + '\\n');
beforeAll(() => log('before'));
check('first', () => log('first'));
check('second', () => fail({ message: { en: 'Wrong.', nb: 'Feil.' }, expected: '1', found: '2' }));
check('third', () => { throw new Error('grader bug'); });
afterAll(() => log('after 1'));
afterAll(() => log('after 2'));
`,
    });
    expect(suiteErrors).toEqual([]);
    expect([...outcomes.keys()]).toEqual(['first', 'second', 'third']);
    expect(outcomes.get('first')).toMatchObject({ status: 'pass' });
    expect(outcomes.get('second')).toMatchObject({ status: 'fail', message: 'Wrong.', expected: '1', found: '2' });
    expect(outcomes.get('third')).toMatchObject({ status: 'error' });
    expect(outcomes.get('third')!.message).toContain('grader bug');
    expect(readFileSync(logFile, 'utf8').split('\n').filter(Boolean)).toEqual(['before', 'first', 'after 2', 'after 1']);
  });

  test('reports a suite that cannot load, and runs none of its checks', async () => {
    const { outcomes, suiteErrors } = await run({
      'a.suite.ts': `import { check } from '${harness}';\ncheck('x', () => {});\nthrow new Error('broken at load');\n`,
    });
    expect(outcomes.size).toBe(0);
    expect(suiteErrors).toEqual([expect.stringContaining('could not be loaded: broken at load')]);
  });

  test('runs no check after a failing beforeAll, and still runs afterAll', async () => {
    const { outcomes, suiteErrors } = await run({
      'a.suite.ts': `import { afterAll, beforeAll, check } from '${harness}';
beforeAll(() => { throw new Error('no data'); });
check('x', () => {});
afterAll(() => { throw new Error('after ran'); });
`,
    });
    expect(outcomes.size).toBe(0);
    expect(suiteErrors).toEqual([expect.stringContaining('beforeAll hook of the hidden suite failed: no data'), expect.stringContaining('after ran')]);
  });

  test('ends a check that runs past the limit as an error and goes on with the next', async () => {
    const { outcomes } = await run(
      { 'a.suite.ts': `import { check } from '${harness}';\ncheck('slow', () => new Promise(() => {}));\ncheck('next', () => {});\n` },
      1_500,
    );
    expect(outcomes.get('slow')).toMatchObject({ status: 'error' });
    expect(outcomes.get('slow')!.message).toContain('did not finish within 2 s');
    expect(outcomes.get('next')).toMatchObject({ status: 'pass' });
  });

  test('keeps a rejection nobody awaited as an error of the grading', async () => {
    const { outcomes, suiteErrors } = await run({
      'a.suite.ts': `import { check } from '${harness}';\ncheck('x', () => { void Promise.reject(new Error('lost promise')); });\n`,
    });
    expect(outcomes.get('x')).toMatchObject({ status: 'pass' });
    expect(suiteErrors).toEqual([expect.stringContaining('Unhandled rejection in the hidden suite: lost promise')]);
  });

  test("keeps the submission's report posted before the worker died", async () => {
    const { outcomes, report, suiteErrors } = await run({
      'a.suite.ts': `import { afterAll, check, useSubmission } from '${harness}';
afterAll(() => process.exit(7));
useSubmission();
check('x', () => {});
`,
    });
    expect(outcomes.size).toBe(0);
    expect(suiteErrors).toEqual([expect.stringContaining('exit code 7')]);
    expect(report).toMatchObject({ phases: [], notAttempted: [], curves: [] });
  });

  test('gives each grading fresh module state: the same suite twice declares its checks once each time', async () => {
    const files = { 'a.suite.ts': `import { check } from '${harness}';\ncheck('only', () => {});\n` };
    for (let i = 0; i < 2; i++) {
      const { outcomes, suiteErrors } = await run(files);
      expect(suiteErrors).toEqual([]);
      expect([...outcomes.keys()]).toEqual(['only']);
    }
  });
});
