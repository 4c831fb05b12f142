/**
 * Grades one exercise: manifest, datasets, static checks, staging, the hidden suite in a worker thread with
 * student code in the sandbox, then one complete result with every check of the manifest, whatever happened.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { BackendChoice } from '../../../runtime/backend-choice.ts';
import { deriveSeed } from '../../../runtime/seed.ts';
import type { TrainingProgress } from '../../../runtime/progress.ts';
import type { CheckOutcome, Curve, GradingContext } from '../core/grading-context.ts';
import { verifyDatasets } from '../core/datasets.ts';
import type { HintHistory } from './hint-history.ts';
import { LabgradeError, OutputError, UnknownExerciseError, UsageError } from '../core/errors.ts';
import { localized, msg } from '../core/i18n.ts';
import { loadManifest, maxScore, type CheckSpec, type Language, type Manifest } from '../core/manifest.ts';
import { gradingInputs, type GradingInputs } from './inputs.ts';
import { exercisesDir, relativeToRepo, repoRoot, solutionsDir, suitesDir } from '../core/paths.ts';
import { shippedHashes, tamperFindings, type TamperFinding } from '../template/export.ts';
import { GradeResult, RESULT_SCHEMA_VERSION, type CheckResult, type CheckStatus, type PhaseResult, type StaticFinding, findingMessage } from '../core/result.ts';
import { runSuite } from './run-suite.ts';
import { wallBackstopMs } from '../sandbox/sandbox.ts';
import { StageError, stageSubmission } from '../sandbox/stage.ts';
import type { StaticReport } from '../static/static-checks.ts';
import { reportWithOnlyProblem, startStaticChecks, type StaticService } from './static-run.ts';

export type SubmissionChoice = { kind: 'exercise' } | { kind: 'solution' } | { kind: 'custom'; dir: string };

export interface GradeOptions {
  slug: string;
  /** Which code to grade. @default { kind: 'exercise' } (the student's exercises/<slug>/src) */
  submission?: SubmissionChoice;
  /** @default 'auto' */
  backend?: BackendChoice;
  /** Overrides the manifest's seed. */
  seed?: number;
  /** Overrides the manifest's language. */
  language?: Language;
  /** Folder for `<slug>.result.json`. Nothing is written when absent. */
  outDir?: string;
  /** Called as phases progress, for the terminal. */
  onProgress?: (event: string) => void;
  /** Static checks shared by a batch of gradings; by default this grading starts its own. */
  staticService?: StaticService;
  /** A student's record of repeated failures: hints of checks that fail again grow more specific. */
  hintHistory?: HintHistory;
  /** Draw the exercise's pictures (PNG) into <picturesDir>/<slug>/, replacing earlier ones. */
  picturesDir?: string;
  /** Called with the training progress the submission reports while it trains (for a progress bar). */
  onTrainingProgress?: (progress: TrainingProgress) => void;
}

/** Fails fast, before any work, when a forced native backend's package is not installed at all. */
function assertBackendInstalled(backend: BackendChoice): void {
  if (backend !== 'tensorflow' && backend !== 'tensorflow-gpu') return;
  const pkg = backend === 'tensorflow' ? '@tensorflow/tfjs-node' : '@tensorflow/tfjs-node-gpu';
  try {
    createRequire(import.meta.url).resolve(pkg);
  } catch {
    throw new LabgradeError(
      'LABGRADE_BACKEND_UNAVAILABLE',
      localized('error.backend-missing', { backend, pkg }),
    );
  }
}

/** Exercise slugs in the repository, in order. */
export async function listExercises(): Promise<string[]> {
  if (!existsSync(exercisesDir)) return [];
  const entries = await readdir(exercisesDir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && existsSync(path.join(exercisesDir, e.name, 'exercise.json')))
    .map((e) => e.name)
    .sort();
}

export async function loadExercise(slug: string): Promise<Manifest> {
  const file = path.join(exercisesDir, slug, 'exercise.json');
  if (!existsSync(file)) throw new UnknownExerciseError(slug, await listExercises());
  return loadManifest(file);
}

function submissionDirOf(slug: string, choice: SubmissionChoice): string {
  if (choice.kind === 'exercise') return path.join(exercisesDir, slug, 'src');
  if (choice.kind === 'solution') {
    const dir = path.join(solutionsDir, slug, 'src');
    if (!existsSync(dir)) throw new UsageError(localized('error.no-solution', { path: relativeToRepo(dir), slug }));
    return dir;
  }
  const dir = path.resolve(choice.dir);
  // `--submission` may name a student's repository, an exercise folder or its src/ folder.
  for (const candidate of [path.join(dir, 'exercises', slug, 'src'), path.join(dir, 'src'), dir]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new UsageError(localized('error.submission-missing', { path: dir }));
}

/** Each repository's template changes, found once per process (a repository is graded for every exercise). */
const templateChangesByRoot = new Map<string, TamperFinding[]>();

/**
 * The template files a student repository changed, when the hidden suites carry the template's hashes:
 * checked for the repository being graded, or for `--submission DIR` when DIR is a whole repository.
 */
function templateChangesFor(slug: string, choice: SubmissionChoice): { templateChanges?: TamperFinding[] } {
  // This repository itself (it has the solutions) is where the template comes from, not a copy of it.
  const root = choice.kind === 'exercise' ? (existsSync(solutionsDir) ? undefined : repoRoot) : choice.kind === 'custom' && existsSync(path.join(path.resolve(choice.dir), 'exercises', slug, 'src')) ? path.resolve(choice.dir) : undefined;
  if (!root) return {};
  if (!templateChangesByRoot.has(root)) {
    const hashes = shippedHashes();
    if (!hashes) return {};
    templateChangesByRoot.set(root, tamperFindings(root, hashes));
  }
  return { templateChanges: templateChangesByRoot.get(root)! };
}

/** The fingerprint of what grading with these options depends on, as its result records it (see inputs.ts). */
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

function submissionHash(dir: string, files: string[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort()) {
    const full = path.join(dir, file);
    hash.update(file + '\0');
    hash.update(existsSync(full) ? readFileSync(full) : Buffer.from('(missing)'));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export function labgradeVersion(): string {
  return (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

function overallStatus(checks: CheckResult[]): CheckStatus {
  if (checks.some((c) => c.status === 'error')) return 'error';
  if (checks.some((c) => c.status === 'fail')) return 'fail';
  return 'pass';
}

/** The engine's own static checks, always present (0 points unless the manifest gives them points). */
const STATIC_CHECKS: Record<string, { en: string; nb: string }> = {
  'static.compiles': { en: 'The code parses and type-checks', nb: 'Koden kan leses og typesjekkes' },
  'static.imports': { en: 'Only allowed imports', nb: 'Bare tillatte importer' },
};

function staticOutcome(id: string, report: StaticReport, language: Language): CheckOutcome {
  if (id === 'static.compiles') {
    const first = report.typeErrors[0] ?? report.findings.find((f) => f.kind === 'missing-file');
    const count = report.typeErrors.length + report.missingFiles.length;
    if (!first) return { status: 'pass', message: msg('static.compiles.pass', language) };
    return {
      status: 'fail',
      message: msg('static.compiles.fail', language, { count, first: `${first.file ?? ''}${first.line ? `:${first.line}` : ''} ${findingMessage(first, language)}`.trim() }),
      ...(first.file ? { file: first.file } : {}),
      ...(first.line ? { line: first.line } : {}),
    };
  }
  if (id === 'static.imports') {
    const first = report.forbiddenImports[0];
    if (!first) return { status: 'pass', message: msg('static.imports.pass', language) };
    return {
      status: 'fail',
      message: msg('static.imports.fail', language, { what: report.forbiddenImports.map((f) => `${f.file}:${f.line} ${f.what[language]}`).join('; ') }),
      ...(first.file ? { file: first.file } : {}),
      ...(first.line ? { line: first.line } : {}),
    };
  }
  throw new Error(`Unknown static check ${id}`);
}

/**
 * Where an exercise asks for an operation by hand and the submission's code for it reaches TensorFlow.js or
 * the runtime instead (found statically, before any of it ran), the checks of that operation earn nothing:
 * they fail with where the library is used, whatever else happened when they ran.
 */
function withoutLibraryWork(outcomes: Map<string, CheckOutcome & { durationMs?: number }>, manifest: Manifest, report: StaticReport, language: Language): void {
  for (const group of manifest.byHand) {
    const uses = report.libraryUses.filter((u) => group.functions.includes(u.function));
    const first = uses[0];
    if (!first) continue;
    for (const id of group.checks) {
      const outcome = outcomes.get(id);
      outcomes.set(id, {
        status: 'fail',
        message: msg('check.by-hand', language, { fn: first.function, what: first.what, where: `${first.file}:${first.line}`, via: first.via ?? '', more: uses.length - 1 }),
        file: first.file,
        line: first.line,
        ...(outcome?.metric ? { metric: outcome.metric } : {}),
        durationMs: outcome?.durationMs ?? 0,
      });
    }
  }
}

/** Shortest limit LABGRADE_LIMIT_SCALE can give a phase: below it, a slow machine's normal work would time out. */
const MIN_SCALED_LIMIT_SECONDS = 10;

/**
 * Phase limits, optionally shortened by LABGRADE_LIMIT_SCALE (a number in (0, 1]) so that the grader's own
 * tests of timeouts run quickly. Limits can only be shortened, never lengthened, and a scaled limit is never
 * below 10 seconds (or the manifest's own limit, when that is shorter).
 */
export function scaledLimits(limits: Manifest['limits']): Manifest['limits'] {
  const raw = process.env.LABGRADE_LIMIT_SCALE;
  if (raw === undefined || raw === '') return limits;
  const scale = Number(raw);
  if (!(scale > 0 && scale <= 1)) throw new UsageError(`Expected LABGRADE_LIMIT_SCALE to be a number in (0, 1], but got "${raw}".`);
  const shorten = (seconds: number) => Math.min(seconds, Math.max(MIN_SCALED_LIMIT_SECONDS, seconds * scale));
  return {
    ...limits,
    buildSeconds: shorten(limits.buildSeconds),
    trainSeconds: shorten(limits.trainSeconds),
    predictSeconds: shorten(limits.predictSeconds),
  };
}

/** Why a write into `file` failed, in words a user can act on. */
function writeFailure(file: string, error: unknown): OutputError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'the disk is full'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'the folder is not writable'
        : code === 'ENOTDIR' || code === 'EEXIST'
          ? 'a file stands where a folder is needed'
          : (error as Error).message;
  return new OutputError(`Could not write ${file}: ${reason}. Free some space or choose another folder with --out DIR.`);
}

/**
 * Checks, before any grading starts, that results can be written into `dir` (creating it if needed), so
 * that a wrong --out fails in seconds with a clear error instead of after minutes of grading.
 */
export async function assertWritableDir(dir: string): Promise<void> {
  const probe = path.join(dir, `.labgrade-write-check.${process.pid}`);
  try {
    await mkdir(dir, { recursive: true });
    // As large as a result file can be, so that a full disk is found now, not after minutes of grading.
    await writeFile(probe, Buffer.alloc(64 * 1024));
  } catch (error) {
    throw writeFailure(dir, error);
  } finally {
    await rm(probe, { force: true }).catch(() => {});
  }
}

/**
 * Calls `onLine` for each line appended to `file` (written by the suite's worker while the child trains),
 * checking every 200 ms; `stop` reads what is left and stops.
 */
function followLines(file: string, onLine: (line: string) => void): { stop(): void } {
  writeFileSync(file, '');
  let offset = 0;
  let partial = '';
  const read = () => {
    // Only what was appended since the last read.
    let text: string;
    let fd: number | undefined;
    try {
      fd = openSync(file, 'r');
      const size = fstatSync(fd).size;
      if (size <= offset) return;
      const chunk = Buffer.alloc(size - offset);
      offset += readSync(fd, chunk, 0, chunk.length, offset);
      text = chunk.toString('utf8');
    } catch {
      return;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      try {
        if (line) onLine(line);
      } catch {
        // Progress is for display only.
      }
    }
  };
  const timer = setInterval(read, 200);
  return {
    stop() {
      clearInterval(timer);
      read();
    },
  };
}

/** Writes a file so that readers never see half of it: a temporary file in the same folder, then rename. */
export async function writeFileAtomic(file: string, contents: string): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(temp, contents);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => {});
    throw writeFailure(file, error);
  }
}

/** Grades one exercise and returns its complete result (and writes it when `outDir` is set). */
export async function gradeExercise(options: GradeOptions): Promise<GradeResult> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const manifest = await loadExercise(options.slug);
  const choice = options.submission ?? { kind: 'exercise' };
  const submissionDir = submissionDirOf(manifest.id, choice);
  const files = manifest.files.map((f) => f.replace(/^src\//, ''));
  const driverFile = path.join(suitesDir, manifest.id, 'driver.ts');
  if (!existsSync(driverFile)) {
    throw new LabgradeError(
      'LABGRADE_SUITE_MISSING',
      existsSync(solutionsDir)
        ? localized('error.suite-missing', { slug: manifest.id, path: relativeToRepo(path.dirname(driverFile)) })
        : localized('error.suite-not-here', { slug: manifest.id }),
    );
  }

  assertBackendInstalled(options.backend ?? 'auto');
  // Taken before any file is read for grading, so that the result records the inputs it was graded from.
  const inputs = await gradingInputsFor(options);

  // Static checks run in a worker, alongside the dataset check, staging and the hidden suite; their report is
  // merged at the end.
  options.onProgress?.('static');
  const staticStarted = performance.now();
  const staticOptions = { submissionDir, files, byHand: manifest.byHand.flatMap((b) => b.functions) };
  const staticRun = options.staticService ? options.staticService.check(staticOptions) : startStaticChecks(staticOptions);
  // A failure of the static checks themselves is reported in the result, never a reason to lose the suite's.
  const staticReport = staticRun.report.then(
    (report) => ({ report, durationMs: performance.now() - staticStarted }),
    (error: unknown) => ({
      report: reportWithOnlyProblem({
        en: `The static checks could not run: ${reason(error)}. Grade again; if this repeats, run \`npx labgrade doctor\`.`,
        nb: `De statiske sjekkene kunne ikke kjøre: ${reason(error)}. Rett på nytt; skjer det igjen, kjør \`npx labgrade doctor\`.`,
      }),
      durationMs: performance.now() - staticStarted,
    }),
  );
  try {
    await verifyDatasets(manifest);
    return await gradeAfterStart({ options, manifest, submissionDir, files, driverFile, staticReport, started, startedAt, inputs });
  } finally {
    staticRun.cancel();
  }
}

/** The first line of an error's message. */
function reason(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}

interface StartedGrading {
  options: GradeOptions;
  manifest: Manifest;
  submissionDir: string;
  files: string[];
  driverFile: string;
  staticReport: Promise<{ report: StaticReport; durationMs: number }>;
  started: number;
  startedAt: string;
  inputs: GradingInputs;
}

async function gradeAfterStart(job: StartedGrading): Promise<GradeResult> {
  const { options, manifest, submissionDir, files, driverFile, started, startedAt } = job;
  const language = options.language ?? manifest.language;
  const seed = options.seed ?? manifest.seed;
  const backend = options.backend ?? 'auto';
  const choice = options.submission ?? { kind: 'exercise' };
  const progress = options.onProgress ?? (() => {});
  const phases: PhaseResult[] = [];
  const sha256 = submissionHash(submissionDir, files);

  const outcomes = new Map<string, CheckOutcome & { durationMs: number }>();
  let gradingError: string | undefined;
  let output = '';
  let backendInfo: { name: string; tfjsVersion: string; backendPackageVersion?: string } | undefined;
  let suiteNotAttempted: string[] = [];
  let curves: Curve[] | undefined;
  let tampering: { task: string; reason: string }[] | undefined;

  let staged;
  try {
    staged = await stageSubmission({ submissionDir, files, driverFile });
  } catch (error) {
    if (!(error instanceof StageError)) throw error;
    gradingError = msg('check.load-failed', language, { message: error.message });
    phases.push({ name: 'build', status: 'error', durationMs: 0, message: error.message });
  }

  if (staged) {
    try {
      const limits = scaledLimits(manifest.limits);
      const context: GradingContext = {
        slug: manifest.id,
        language,
        seed,
        caseSeed: deriveSeed(seed, `cases:${sha256}`),
        backend,
        limits,
        thresholds: manifest.thresholds,
        submissionDir,
        staged: { dir: staged.dir, dataDir: staged.dataDir, studentBundle: staged.studentBundle, childBundle: staged.childBundle },
        sidecarFile: path.join(staged.dir, 'sidecar.json'),
        ...(options.picturesDir ? { picturesDir: path.resolve(options.picturesDir, manifest.id) } : {}),
        ...(options.onTrainingProgress ? { progressFile: path.join(staged.dir, 'progress.jsonl') } : {}),
      };
      const followProgress = context.progressFile ? followLines(context.progressFile, (line) => options.onTrainingProgress!(JSON.parse(line) as TrainingProgress)) : undefined;
      if (context.picturesDir) await rm(context.picturesDir, { recursive: true, force: true });
      progress('suite');
      // The phases' limits count CPU time; the suite as a whole waits at most for their wall-clock backstops.
      const suiteTimeout = [limits.buildSeconds, limits.trainSeconds, limits.predictSeconds].reduce((sum, s) => sum + wallBackstopMs(1000 * s), 120_000);
      const run = await runSuite(context, suiteTimeout).finally(() => followProgress?.stop());
      for (const [id, outcome] of run.outcomes) outcomes.set(id, outcome);
      if (run.sidecar) {
        phases.push(...run.sidecar.phases);
        output = run.sidecar.output;
        backendInfo = run.sidecar.backend;
        suiteNotAttempted = run.sidecar.notAttempted;
        if (run.sidecar.curves?.length) curves = run.sidecar.curves;
        if (run.sidecar.tampering?.length) tampering = run.sidecar.tampering;
        if (run.sidecar.startupError) {
          // The environment, not the submission, failed: grading itself could not run.
          throw new LabgradeError(run.sidecar.startupError.code ?? 'LABGRADE_SANDBOX_FAILED', run.sidecar.startupError.message);
        }
      }
      if (run.suiteErrors.length) gradingError = run.suiteErrors.join('\n');
    } finally {
      await staged.remove();
    }
  }

  const { report, durationMs: staticMs } = await job.staticReport;
  phases.unshift({ name: 'static', status: 'ok', durationMs: Math.round(staticMs) });
  withoutLibraryWork(outcomes, manifest, report, language);
  const notAttempted = [...new Set([...report.notAttempted, ...suiteNotAttempted])].sort();
  const checks: CheckResult[] = [];
  // A check with several hints shows the first, or with a hint history the next one after each new failure.
  const hintOf = (id: string, outcome: CheckOutcome): Pick<CheckResult, 'hint' | 'hints' | 'hintLevel'> => {
    if (outcome.status === 'pass') options.hintHistory?.passed(manifest.id, id);
    const hints = outcome.hints;
    if (!hints || hints.length < 2) return outcome.hint !== undefined ? { hint: outcome.hint } : {};
    const level = outcome.status === 'fail' && options.hintHistory ? options.hintHistory.failed(manifest.id, id, hints.length, sha256) : 1;
    return { hint: hints[level - 1]!, hints, hintLevel: level };
  };
  const specs: CheckSpec[] = [...manifest.checks];
  for (const id of Object.keys(STATIC_CHECKS).reverse()) {
    if (!specs.some((s) => s.id === id)) specs.unshift({ id, points: 0, title: STATIC_CHECKS[id]!, phase: 'static', goals: [] });
  }
  for (const spec of specs) {
    const outcome: CheckOutcome & { durationMs?: number } =
      spec.id in STATIC_CHECKS
        ? staticOutcome(spec.id, report, language)
        : (outcomes.get(spec.id) ?? {
            status: 'error',
            message: msg('check.not-run', language, { reason: gradingError ?? (language === 'nb' ? 'den skjulte testpakken har ingen sjekk med denne id-en.' : 'the hidden suite has no check with this id.') }),
          });
    checks.push({
      id: spec.id,
      title: spec.title[language],
      points: outcome.status === 'pass' ? spec.points : 0,
      maxPoints: spec.points,
      status: outcome.status,
      message: outcome.message,
      ...(outcome.expected !== undefined ? { expected: outcome.expected } : {}),
      ...(outcome.found !== undefined ? { found: outcome.found } : {}),
      ...hintOf(spec.id, outcome),
      ...(outcome.metric ? { metric: outcome.metric } : {}),
      ...(outcome.file ? { file: outcome.file } : {}),
      ...(outcome.line ? { line: outcome.line } : {}),
      durationMs: Math.round(outcome.durationMs ?? 0),
    });
  }

  const totalMs = Math.round(performance.now() - started);
  const studentMs = phases.filter((p) => p.name !== 'static').reduce((sum, p) => sum + p.durationMs, 0);
  const cpus = os.cpus();
  const score = Math.round(checks.reduce((sum, c) => sum + c.points, 0) * 1000) / 1000;
  const result: GradeResult = {
    schemaVersion: RESULT_SCHEMA_VERSION,
    exercise: { id: manifest.id, version: manifest.version, title: manifest.title[language] },
    submission: { kind: choice.kind, path: relativeToRepo(submissionDir), sha256 },
    language,
    seed,
    status: overallStatus(checks),
    score,
    maxScore: maxScore(manifest),
    checks,
    phases,
    staticFindings: report.findings satisfies StaticFinding[],
    notAttempted,
    output,
    environment: {
      labgradeVersion: labgradeVersion(),
      nodeVersion: process.versions.node,
      platform: process.platform,
      arch: process.arch,
      cpuModel: cpus[0]?.model.trim() ?? 'unknown',
      cpuCount: cpus.length,
      memoryMiB: Math.round(os.totalmem() / 2 ** 20),
      backend: backendInfo?.name ?? 'none',
      tfjsVersion: backendInfo?.tfjsVersion ?? 'none',
      ...(backendInfo?.backendPackageVersion ? { backendPackageVersion: backendInfo.backendPackageVersion } : {}),
      ci: Boolean(process.env.CI),
    },
    timing: { totalMs, studentMs, graderMs: Math.max(0, totalMs - studentMs) },
    ...(curves ? { curves } : {}),
    ...templateChangesFor(manifest.id, choice),
    ...(tampering ? { tampering } : {}),
    ...(gradingError ? { gradingError } : {}),
    inputs: job.inputs,
    startedAt,
  };
  const validated = GradeResult.parse(result);
  if (options.outDir) await writeFileAtomic(path.join(options.outDir, `${manifest.id}.result.json`), `${JSON.stringify(validated, null, 2)}\n`);
  return validated;
}

/** Reads a result file back, validated. */
export async function readResult(file: string): Promise<GradeResult> {
  return GradeResult.parse(JSON.parse(await readFile(file, 'utf8')));
}
