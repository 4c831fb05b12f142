/**
 * The corpus of hostile and broken submissions (test/fixtures/<slug>/<case>, each with its expected.json),
 * graded by the real CLI in one regrade run per exercise, under the manifests' own limits. Each must get a
 * complete, valid result with exactly the points it earned and a message a student can act on; the grader
 * must finish with exit code 0, leave no process of a submission running, and never print a workflow
 * command that came from student code.
 */
import { execa } from 'execa';
import path from 'node:path';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { renderMarkdown } from '../../graders/src/reporters/markdown.ts';
import { renderText } from '../../graders/src/reporters/text.ts';
import { expectGolden, gradeMany, repoRoot, type BatchRun } from '../helpers/grade.ts';
import { fullRun } from '../helpers/tier.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 3_600_000 });

/**
 * Cases graded in `npm test`: one of each kind of failure that ends fast (a syntax error, a type error, an
 * import of a package that is not there, a wrong return type, the process ended, a process left running, a
 * forged workflow command), each with a result that cannot depend on the machine's speed.
 * `npm run test:full` adds the other quick cases; `npm run test:corpus` (or test:full) adds the cases that
 * wait out a time limit, fill memory or flood output, and so take minutes each (about 25 minutes here).
 */
const inCi: Record<string, string[]> = {
  '00a-cnn-basics': ['imports-missing-package', 'process-exit', 'spawns-process', 'syntax-error', 'type-error', 'workflow-commands', 'wrong-type'],
  '03-mnist-mlp': [],
};
const quick: Record<string, string[]> = {
  '00a-cnn-basics': ['missing-export', 'nan-output', 'throws-non-errors'],
  '03-mnist-mlp': ['process-exit-training', 'monkeypatches-tf'],
};
const slow: Record<string, string[]> = {
  '00a-cnn-basics': [
    'infinite-loop-predict', 'memory-bomb', 'output-flood', 'unhandled-rejection', 'slow-but-correct', 'fake-arrays',
    'monkeypatches-globals', 'reads-hidden-suite', 'writes-results',
  ],
  '03-mnist-mlp': ['infinite-loop-build', 'huge-model'],
};
const full = fullRun || process.env['npm_lifecycle_event'] === 'test:corpus' || process.env['LABGRADE_FULL_CORPUS'] === '1';
const corpus: Record<string, string[]> = Object.fromEntries(
  Object.keys(inCi)
    .map((slug): [string, string[]] => [slug, [...inCi[slug]!, ...(full ? [...quick[slug]!, ...slow[slug]!] : [])]])
    .filter(([, cases]) => cases.length > 0),
);

const runs = new Map<string, BatchRun>();
beforeAll(async () => {
  for (const [slug, cases] of Object.entries(corpus)) {
    const fixtures = path.join(repoRoot, 'test', 'fixtures', slug);
    runs.set(slug, await gradeMany(slug, Object.fromEntries(cases.map((name) => [name, path.join(fixtures, name, 'src')]))));
  }
});

describe.each(Object.keys(corpus))('the hostile corpus of %s', (slug) => {
  test('is graded in one run that ends with exit code 0 and a result for every case', () => {
    const run = runs.get(slug)!;
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.entries?.filter((e) => e.error)).toEqual([]);
    expect(Object.entries(run.results).filter(([, r]) => !r).map(([name]) => name)).toEqual([]);
  });

  test.for(corpus[slug]!)('"%s" gets exactly its expected result', (name) => {
    const result = runs.get(slug)!.results[name]!;
    expectGolden(result, path.join(repoRoot, 'test', 'fixtures', slug, name, 'expected.json'));
    // Every check that did not pass says something a student can act on.
    for (const check of result.checks.filter((c) => c.status !== 'pass')) expect(check.message.length, check.id).toBeGreaterThan(20);
  });
});

test('no workflow command printed by a submission reaches the log, in any report', () => {
  const result = runs.get('00a-cnn-basics')!.results['workflow-commands']!;
  expect(result.output).toContain('set-output name=score');
  for (const text of [result.output, renderText(result), renderMarkdown(result)]) {
    expect(text.split('\n').filter((line) => line.includes('::'))).toEqual([]);
  }
  // The step output files are not handed to student code.
  expect(result.output).toContain('GITHUB_OUTPUT=unset GITHUB_STEP_SUMMARY=unset');
});

test.runIf(full)('a flood of output is kept to its tail, with a count of what was dropped', () => {
  const result = runs.get('00a-cnn-basics')!.results['output-flood']!;
  expect(result.output.length).toBeLessThan(100_000);
  expect(result.output).toMatch(/^\[\d+ earlier bytes of output not kept\]/);
});

test('no process started by a submission outlives its grading', async () => {
  const left = await execa('ps', ['-eo', 'args'], { reject: false });
  expect(String(left.stdout).split('\n').filter((line) => /^sleep 600\b/.test(line.trim()))).toEqual([]);
});
