/**
 * The corpus of hostile and broken submissions (test/fixtures/<slug>/<case>, each with its expected.json),
 * graded by the real CLI in regrade runs, under the manifests' own limits (see below for the two endless
 * loops). Each must get a
 * complete, valid result with exactly the points it earned and a message a student can act on; the grader
 * must finish with exit code 0, leave no process of a submission running, and never print a workflow
 * command that came from student code.
 */
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { flagsOf } from '../../graders/src/reporters/class/report.ts';
import { renderMarkdown } from '../../graders/src/reporters/markdown.ts';
import { renderText } from '../../graders/src/reporters/text.ts';
import { withCarriedData, type CarriedData } from '../helpers/carried-data.ts';
import { expectGolden, gradeMany, repoRoot, type BatchRun, type Golden } from '../helpers/grade.ts';
import { nativeBackend, nativeTitle, requireNativeWhereInstalled } from '../helpers/native.ts';
import { fullRun } from '../helpers/tier.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 3_600_000 });

/**
 * Every case is graded in `npm test`, each exercise's cases in one regrade run with two grading processes.
 * The two that loop forever in a phase would wait out that phase's full limit (120 s of CPU to predict in
 * 00a, 60 s to build in 03); `npm test` grades them with limits shortened by LABGRADE_LIMIT_SCALE (to 10 s),
 * expecting the same statuses and points and the shortened limit in the message. `npm run test:corpus` (and
 * test:full) grades them under the manifests' own limits as well.
 */
const corpus: Record<string, string[]> = {
  '00a-cnn-basics': [
    'fake-arrays',
    'imports-missing-package',
    'library-ops',
    'memory-bomb',
    'missing-export',
    'monkeypatches-globals',
    'nan-output',
    'output-flood',
    'process-exit',
    'reads-hidden-suite',
    'slow-but-correct',
    'spawns-process',
    'syntax-error',
    'throws-non-errors',
    'type-error',
    'unhandled-rejection',
    'workflow-commands',
    'writes-results',
    'wrong-type',
    'native-file-ops',
  ],
  '02-mnist-random-forest': ['library-split', 'memorised-forest'],
  '03-mnist-mlp': ['answers-in-order', 'custom-layer', 'huge-model', 'monkeypatches-tf', 'process-exit-training', 'rewrites-replies'],
  '06-tabular-dl': ['lookup-in-context', 'metric-helpers'],
};
const loops: Record<string, string[]> = {
  '00a-cnn-basics': ['infinite-loop-predict'],
  '03-mnist-mlp': ['infinite-loop-build'],
};
/**
 * On the native backend (where it is installed), the cases whose outcome depends on the process rather than
 * on what was computed: the memory cap, output, ending or escaping the process, files, patched globals,
 * TensorFlow's own file ops, and the endless loop under shortened limits. They must get the same expected
 * results as on wasm.
 */
const nativeCorpus: Record<string, string[]> = {
  '00a-cnn-basics': [
    'memory-bomb',
    'monkeypatches-globals',
    'native-file-ops',
    'output-flood',
    'process-exit',
    'reads-hidden-suite',
    'spawns-process',
    'throws-non-errors',
    'unhandled-rejection',
    'workflow-commands',
    'writes-results',
  ],
  '03-mnist-mlp': ['huge-model', 'monkeypatches-tf', 'process-exit-training'],
};
/** Cases that carry public data in their code (test/helpers/carried-data.ts): it is written into a copy of their src folder. */
const carried: Record<string, CarriedData> = {
  'answers-in-order': 'mnist-test-labels',
  'lookup-in-context': 'wdbc-labels-by-order',
  'memorised-forest': 'test-set-forest',
};
const full = fullRun || process.env['npm_lifecycle_event'] === 'test:corpus' || process.env['LABGRADE_FULL_CORPUS'] === '1';
const SCALE = '0.01';
const SCALED_LIMIT_SECONDS = 10;

/** Runs: per exercise, the corpus and the loops under shortened limits; with `full`, the loops as they are. */
const runs = new Map<string, BatchRun>();
type Kind = 'corpus' | 'scaled' | 'full' | 'native' | 'native-scaled';
const key = (slug: string, kind: Kind) => `${slug}:${kind}`;
beforeAll(async () => {
  for (const slug of Object.keys(corpus)) {
    const fixtures = path.join(repoRoot, 'test', 'fixtures', slug);
    const source = async (name: string) =>
      carried[name] ? withCarriedData(path.join(fixtures, name, 'src'), carried[name]) : path.join(fixtures, name, 'src');
    const sources = async (cases: string[]) => Object.fromEntries(await Promise.all(cases.map(async (name) => [name, await source(name)] as const)));
    runs.set(key(slug, 'corpus'), await gradeMany(slug, await sources(corpus[slug]!), { extra: ['--jobs', '2'] }));
    const slugLoops = loops[slug] ?? [];
    if (slugLoops.length) runs.set(key(slug, 'scaled'), await gradeMany(slug, await sources(slugLoops), { env: { LABGRADE_LIMIT_SCALE: SCALE } }));
    if (full && slugLoops.length) runs.set(key(slug, 'full'), await gradeMany(slug, await sources(slugLoops)));
    if (nativeBackend.available) {
      const nativeCases = nativeCorpus[slug] ?? [];
      if (nativeCases.length)
        runs.set(key(slug, 'native'), await gradeMany(slug, await sources(nativeCases), { extra: ['--jobs', '2'], backend: 'tensorflow' }));
      if (slugLoops.length)
        runs.set(key(slug, 'native-scaled'), await gradeMany(slug, await sources(slugLoops), { env: { LABGRADE_LIMIT_SCALE: SCALE }, backend: 'tensorflow' }));
    }
  }
});

/** The golden as it reads under limits shortened to SCALED_LIMIT_SECONDS. */
const scaled = (golden: Golden): Golden => ({
  ...golden,
  checks: golden.checks.map((c) =>
    c.messageIncludes ? { ...c, messageIncludes: c.messageIncludes.replace(/time limit of \d+ s/, `time limit of ${SCALED_LIMIT_SECONDS} s`) } : c,
  ),
});

const kinds = (slug: string): [Kind, string[]][] => [
  ['corpus', corpus[slug]!],
  ...(loops[slug] ? [['scaled', loops[slug]] as [Kind, string[]]] : []),
  ...(full && loops[slug] ? [['full', loops[slug]] as [Kind, string[]]] : []),
];

describe.each(Object.keys(corpus))('the hostile corpus of %s', (slug) => {
  test('is graded in runs that end with exit code 0 and a result for every case', () => {
    for (const [kind] of kinds(slug)) {
      const run = runs.get(key(slug, kind))!;
      expect(run.exitCode, `${kind}: ${run.stderr}`).toBe(0);
      expect(run.entries?.filter((e) => e.error)).toEqual([]);
      expect(
        Object.entries(run.results)
          .filter(([, r]) => !r)
          .map(([name]) => name),
      ).toEqual([]);
    }
  });

  test.for(kinds(slug).flatMap(([kind, cases]) => cases.map((name) => [kind, name] as const)))('%s: "%s" gets exactly its expected result', ([kind, name]) => {
    const result = runs.get(key(slug, kind))!.results[name]!;
    expectGolden(result, path.join(repoRoot, 'test', 'fixtures', slug, name, 'expected.json'), kind === 'scaled' ? scaled : undefined);
    // Every check that did not pass says something a student can act on.
    for (const check of result.checks.filter((c) => c.status !== 'pass')) expect(check.message.length, check.id).toBeGreaterThan(20);
  });
});

describe.each(Object.keys(nativeCorpus))(nativeTitle('on the native backend, the hostile corpus of %s'), (slug) => {
  const cases: [Kind, string][] = [
    ...nativeCorpus[slug]!.map((name) => ['native', name] as [Kind, string]),
    ...loops[slug]!.map((name) => ['native-scaled', name] as [Kind, string]),
  ];

  test.skipIf(!nativeBackend.available)('is graded on the tensorflow backend, in runs that end with exit code 0 and a result for every case', () => {
    for (const kind of ['native', 'native-scaled'] as const) {
      const run = runs.get(key(slug, kind))!;
      expect(run.exitCode, `${kind}: ${run.stderr}`).toBe(0);
      expect(run.entries?.filter((e) => e.error)).toEqual([]);
      expect(Object.values(run.results).map((r) => r?.environment.backend)).toEqual(Object.keys(run.results).map(() => 'tensorflow'));
    }
  });

  // A case whose outcome depends on how the backend's own code breaks under the submission's patches keeps
  // its native result beside the other, in expected.tensorflow.json, which says why it differs.
  test.skipIf(!nativeBackend.available).for(cases)('%s: "%s" gets exactly its expected result, as on wasm unless it says otherwise', ([kind, name]) => {
    const result = runs.get(key(slug, kind))!.results[name]!;
    const dir = path.join(repoRoot, 'test', 'fixtures', slug, name);
    const own = path.join(dir, 'expected.tensorflow.json');
    expectGolden(result, existsSync(own) ? own : path.join(dir, 'expected.json'), kind === 'native-scaled' ? scaled : undefined);
  });
});

test.skipIf(!nativeBackend.available)(nativeTitle("on the native backend, what TensorFlow prints when it loads never reaches a submission's output"), () => {
  const results = Object.values(runs.get(key('00a-cnn-basics', 'native'))!.results);
  for (const result of results) expect(result!.output).not.toMatch(/InitializeLog|oneDNN|cpu_feature_guard|\.cc:\d+\]/);
  // What the submission printed itself is all there, in order.
  expect(results.find((r) => r!.output.includes('ReadFile:'))!.output).toMatch(/^ReadFile: NativeGuardError[^\n]*\nWriteFile: NativeGuardError/);
});

test('no workflow command printed by a submission reaches the log, in any report', () => {
  const result = runs.get(key('00a-cnn-basics', 'corpus'))!.results['workflow-commands']!;
  expect(result.output).toContain('set-output name=score');
  for (const text of [result.output, renderText(result), renderMarkdown(result)]) {
    expect(text.split('\n').filter((line) => line.includes('::'))).toEqual([]);
  }
  // The step output files are not handed to student code.
  expect(result.output).toContain('GITHUB_OUTPUT=unset GITHUB_STEP_SUMMARY=unset');
});

test('a flood of output is kept to its tail, with a count of what was dropped', () => {
  const result = runs.get(key('00a-cnn-basics', 'corpus'))!.results['output-flood']!;
  expect(result.output.length).toBeLessThan(100_000);
  expect(result.output).toMatch(/^\[\d+ earlier bytes of output not kept\]/);
});

test('no process started by a submission outlives its grading', async () => {
  const left = await execa('ps', ['-eo', 'args'], { reject: false });
  expect(
    String(left.stdout)
      .split('\n')
      .filter((line) => /^sleep 600\b/.test(line.trim())),
  ).toEqual([]);
});

test("data carried in the code (a public test set's labels, a forest grown on it) is flagged for the instructor, not graded", () => {
  for (const [slug, name] of [
    ['03-mnist-mlp', 'answers-in-order'],
    ['02-mnist-random-forest', 'memorised-forest'],
  ] as const) {
    const result = runs.get(key(slug, 'corpus'))!.results[name]!;
    const flags = flagsOf([{ student: name, file: name, result }]);
    expect(flags.length, name).toBeGreaterThan(0);
    expect(
      flags.every((f) => f.startsWith(`${slug}: data written into the code at carried.ts:`)),
      flags.join('\n'),
    ).toBe(true);
  }
  // A submission without such data is not flagged.
  expect(flagsOf([{ student: 'huge-model', file: 'huge-model', result: runs.get(key('03-mnist-mlp', 'corpus'))!.results['huge-model']! }])).toEqual([]);
});

test('an answer changed on its way to the grader is recorded as tampering, for the student and the class report', () => {
  const result = runs.get(key('03-mnist-mlp', 'corpus'))!.results['rewrites-replies']!;
  expect(result.tampering).toEqual([{ task: 'build', reason: 'its seal does not match its content' }]);
  expect(renderText(result)).toContain('Changed on the way to the grader (reported to your teacher): the answer of build.');
  expect(flagsOf([{ student: 'x', file: 'x', result }])).toEqual(['03-mnist-mlp: the answer of build was changed on its way to the grader']);
});

requireNativeWhereInstalled();
