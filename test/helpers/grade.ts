/**
 * Runs the real `labgrade` CLI in a child process, as students and CI do, and normalises results for
 * comparison with golden expected files (absolute paths, times and machine details removed).
 */
import { execa } from 'execa';
import { beforeAll, describe, expect, test } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GradeResult } from '../../graders/src/core/result.ts';
import { nativeBackend, nativeTitle } from './native.ts';
import { expectConsumersAgree } from './consumers.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(repoRoot, 'bin', 'labgrade.js');

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

let cliRuns = 0;

/** Runs `labgrade <args>` from the repository root. */
export async function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 1_800_000): Promise<CliRun> {
  // Each run keeps its own hint history, so that one test's failures never change another's hints.
  const hintHistory = path.join(os.tmpdir(), `labgrade-hints-${process.pid}-${++cliRuns}.json`);
  const run = await execa(process.execPath, [bin, ...args], {
    cwd: repoRoot,
    env: { LABGRADE_HINT_HISTORY: hintHistory, ...env, CI: '' },
    reject: false,
    timeout: timeoutMs,
    all: false,
  });
  return { exitCode: run.exitCode ?? -1, stdout: String(run.stdout), stderr: String(run.stderr) };
}

export interface GradeRun extends CliRun {
  result?: GradeResult;
  outDir: string;
}

/** Grades one exercise into a fresh output folder and reads the result file back, validated by its schema. */
export async function grade(
  slug: string,
  options: { solution?: boolean; submission?: string; backend?: string; env?: Record<string, string>; extra?: string[] } = {},
): Promise<GradeRun> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'labgrade-test-'));
  const args = ['grade', slug, '--out', outDir, '--backend', options.backend ?? 'wasm', ...(options.extra ?? [])];
  if (options.solution) args.push('--solution');
  if (options.submission) args.push('--submission', options.submission);
  const run = await runCli(args, options.env);
  const file = path.join(outDir, `${slug}.result.json`);
  const result = existsSync(file) ? GradeResult.parse(JSON.parse(readFileSync(file, 'utf8'))) : undefined;
  return { ...run, result, outDir };
}

export interface BatchRun extends CliRun {
  /** Each submission's result file, read back and validated, by folder name. */
  results: Record<string, GradeResult | undefined>;
  /** The list printed with --format json. */
  entries?: { submission: string; exercise: string; score?: number; maxScore?: number; status?: string; reused?: boolean; error?: string }[];
  submissionsDir: string;
  outDir: string;
}

/**
 * Grades several submissions of one exercise in one CLI run (`--submissions`), as an instructor's regrade
 * does: each `src` folder is copied into a fresh folder of submissions named by its key.
 */
export async function gradeMany(slug: string, sources: Record<string, string>, options: BatchOptions = {}): Promise<BatchRun> {
  const submissionsDir = await mkdtemp(path.join(os.tmpdir(), 'labgrade-submissions-'));
  for (const [name, src] of Object.entries(sources)) await cp(src, path.join(submissionsDir, name, 'src'), { recursive: true });
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'labgrade-test-'));
  return regrade(slug, submissionsDir, outDir, options);
}

export interface BatchOptions {
  extra?: string[];
  env?: Record<string, string>;
  /** The backend to grade on. @default 'wasm' */
  backend?: 'wasm' | 'tensorflow';
}

/** Runs `grade <slug> --submissions` over a folder of submissions into `outDir` (which may hold earlier results). */
export async function regrade(slug: string, submissionsDir: string, outDir: string, options: BatchOptions = {}): Promise<BatchRun> {
  const run = await runCli(
    ['grade', slug, '--submissions', submissionsDir, '--out', outDir, '--backend', options.backend ?? 'wasm', '--format', 'json', ...(options.extra ?? [])],
    options.env,
    3_600_000,
  );
  const results: Record<string, GradeResult | undefined> = {};
  for (const name of readdirSync(submissionsDir)) {
    const file = path.join(outDir, name, `${slug}.result.json`);
    results[name] = existsSync(file) ? GradeResult.parse(JSON.parse(readFileSync(file, 'utf8'))) : undefined;
  }
  let entries: BatchRun['entries'];
  try {
    entries = JSON.parse(run.stdout) as BatchRun['entries'];
  } catch {
    entries = undefined;
  }
  return { ...run, results, entries, submissionsDir, outDir };
}

/** The reference solution's and the untouched stub's src folders of an exercise. */
export function solutionAndStub(slug: string): Record<'solution' | 'stub', string> {
  return { solution: path.join(repoRoot, 'solutions', slug, 'src'), stub: path.join(repoRoot, 'exercises', slug, 'src') };
}

/** A golden expected file: the result's status, score and each check's status, points and message. */
export interface Golden {
  description: string;
  status: GradeResult['status'];
  score: number;
  maxScore: number;
  notAttempted: string[];
  checks: { id: string; status: string; points: number; messageIncludes?: string }[];
}

/** Compares a result with its golden expected file, and checks that every consumer of it shows its score. */
export function expectGolden(result: GradeResult, file: string, adjust: (golden: Golden) => Golden = (g) => g): void {
  const golden = adjust(JSON.parse(readFileSync(file, 'utf8')) as Golden);
  const actual = {
    status: result.status,
    score: result.score,
    maxScore: result.maxScore,
    notAttempted: result.notAttempted,
    checks: result.checks.map((c) => {
      const wanted = golden.checks.find((g) => g.id === c.id);
      return {
        id: c.id,
        status: c.status,
        points: c.points,
        ...(wanted?.messageIncludes !== undefined ? { messageIncludes: c.message.includes(wanted.messageIncludes) ? wanted.messageIncludes : c.message } : {}),
      };
    }),
  };
  const { description: _description, ...expected } = golden;
  expect(actual).toEqual(expected);
  expectConsumersAgree(result);
}

export interface InvariantOptions {
  /** Golden submissions in test/fixtures/<slug>/<name>/src, each with its expected.json. */
  goldens: string[];
  /** The functions the untouched stub leaves unwritten, sorted. */
  notAttempted: string[];
  /** More about the reference solution's result (metrics and their margins), on each backend. */
  solution?: (result: GradeResult) => void;
  solutionTitle?: string;
}

/** The largest difference of a metric between two results of one submission, and where it was. */
export interface MetricDifference {
  submission: string;
  check: string;
  wasm: number | null;
  native: number | null;
  difference: number;
}

/**
 * Every check of `native` against the same check of `wasm` (one submission graded on both backends): the same
 * status and points (no check flips between pass and fail), the same metric threshold. Returns the metric
 * differences.
 */
export function compareBackends(submission: string, wasm: GradeResult, native: GradeResult): MetricDifference[] {
  expect(
    native.checks.map((c) => [c.id, c.status, c.points]),
    `${submission}: every check's status and points on the native backend, as on wasm`,
  ).toEqual(wasm.checks.map((c) => [c.id, c.status, c.points]));
  expect([native.status, native.score]).toEqual([wasm.status, wasm.score]);
  const differences: MetricDifference[] = [];
  for (const check of wasm.checks) {
    const other = native.checks.find((c) => c.id === check.id)!;
    if (!check.metric || !other.metric) continue;
    expect(other.metric.threshold, `${submission} ${check.id}: threshold`).toBe(check.metric.threshold);
    const [a, b] = [check.metric.value, other.metric.value];
    differences.push({ submission, check: check.id, wasm: a, native: b, difference: a === null || b === null ? (a === b ? 0 : Infinity) : Math.abs(a - b) });
  }
  return differences;
}

/** One line naming the largest metric difference of `differences`, for the test log. */
export function describeLargestDifference(slug: string, differences: MetricDifference[]): string {
  if (differences.length === 0) return `${slug}: no metrics to compare`;
  const largest = differences.reduce((a, b) => (b.difference > a.difference ? b : a));
  return `${slug}: ${differences.length} metrics on both backends, largest difference ${largest.difference === 0 ? '0' : largest.difference.toPrecision(3)} (${largest.submission}, ${largest.check}: wasm ${largest.wasm}, tensorflow ${largest.native})`;
}

/**
 * Grades an exercise's reference solution, its untouched stub and its golden submissions in one
 * `--submissions` run on the wasm backend (in `beforeAll`), and declares the tests of the invariant: one run
 * grades them all with exit code 0; the solution scores full marks; the stub scores 0 with status fail and
 * names the functions not written; each golden gets exactly its expected result. Where the native backend is
 * installed, the same submissions are graded on it too, and every check must get the same status and points
 * there (no check flips between backends); the largest metric difference is printed. Call it inside
 * `describe`; it returns the wasm batch for the exercise's own tests.
 */
export function describeSolutionStubAndGoldens(slug: string, options: InvariantOptions): () => BatchRun {
  const fixtures = path.join(repoRoot, 'test', 'fixtures', slug);
  const sources = (): Record<string, string> => ({
    ...solutionAndStub(slug),
    ...Object.fromEntries(options.goldens.map((name) => [name, path.join(fixtures, name, 'src')])),
  });
  let batch: BatchRun | undefined;
  beforeAll(async () => {
    batch = await gradeMany(slug, sources());
  }, 3_600_000);
  const graded = (): BatchRun => {
    if (!batch) throw new Error(`${slug} was not graded`);
    return batch;
  };

  test('one run grades every submission with exit code 0', () => {
    expect(graded().exitCode, graded().stderr).toBe(0);
    expect(
      graded()
        .entries?.map((e) => e.submission)
        .sort(),
    ).toEqual([...options.goldens, 'solution', 'stub'].sort());
    expect(graded().entries?.filter((e) => e.error)).toEqual([]);
  });

  test(options.solutionTitle ?? 'the reference solution scores full marks on wasm', () => {
    const result = graded().results['solution']!;
    expect(result.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(result.score).toBe(result.maxScore);
    expect(result.environment.backend).toBe('wasm');
    options.solution?.(result);
  });

  test('the untouched stub scores 0 with status fail, naming the functions not implemented', () => {
    const result = graded().results['stub']!;
    expect(result.score).toBe(0);
    expect(result.status).toBe('fail');
    expect(result.checks.filter((c) => c.maxPoints > 0).every((c) => c.status === 'fail')).toBe(true);
    expect(result.notAttempted).toEqual(options.notAttempted);
  });

  test.for(options.goldens)('the golden submission "%s" gets exactly its expected result', (name) => {
    expectGolden(graded().results[name]!, path.join(fixtures, name, 'expected.json'));
  });

  describeNativeAgreement(slug, sources, graded, { notAttempted: options.notAttempted, solution: options.solution });
  return graded;
}

export interface NativeAgreementOptions {
  /** The functions the untouched stub leaves unwritten, sorted. */
  notAttempted: string[];
  /** More about the reference solution's result (metrics and their margins). */
  solution?: (result: GradeResult) => void;
}

/**
 * Where the native backend is installed: grades the same submissions as `wasm` (which must include `solution`
 * and `stub`) on it, in one `--submissions` run, and declares the tests: every result on the tensorflow
 * backend; the solution scores full marks, the stub 0 with status fail; every check of every submission gets
 * the same status and points as on wasm (no check flips between backends), and the largest metric difference
 * is printed. Skipped, with the reason, where the native backend is not installed.
 */
export function describeNativeAgreement(slug: string, sources: () => Record<string, string>, wasm: () => BatchRun, options: NativeAgreementOptions): void {
  let nativeBatch: BatchRun | undefined;
  const gradedNatively = (): BatchRun => {
    if (!nativeBatch) throw new Error(`${slug} was not graded on the native backend`);
    return nativeBatch;
  };
  describe.skipIf(!nativeBackend.available)(nativeTitle('on the native tensorflow backend'), () => {
    beforeAll(async () => {
      nativeBatch = await gradeMany(slug, sources(), { backend: 'tensorflow' });
    }, 3_600_000);

    test('one run grades every submission with exit code 0, on the tensorflow backend', () => {
      expect(gradedNatively().exitCode, gradedNatively().stderr).toBe(0);
      expect(gradedNatively().entries?.filter((e) => e.error)).toEqual([]);
      for (const result of Object.values(gradedNatively().results)) expect(result?.environment.backend).toBe('tensorflow');
    });

    test('the reference solution scores full marks', () => {
      const result = gradedNatively().results['solution']!;
      expect(result.checks.filter((c) => c.status !== 'pass')).toEqual([]);
      expect(result.score).toBe(result.maxScore);
      options.solution?.(result);
    });

    test('the untouched stub scores 0 with status fail, naming the functions not implemented', () => {
      const result = gradedNatively().results['stub']!;
      expect([result.score, result.status, result.notAttempted]).toEqual([0, 'fail', options.notAttempted]);
    });

    test('every check of the solution, the stub and each golden gets the same status and points as on wasm', () => {
      const differences = Object.keys(sources()).flatMap((name) => compareBackends(name, wasm().results[name]!, gradedNatively().results[name]!));
      console.info(describeLargestDifference(slug, differences));
    });
  });
}
