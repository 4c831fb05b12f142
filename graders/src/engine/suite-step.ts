/**
 * The dynamic part of a grading: the submission staged (bundled), then the hidden suite run against it in
 * its worker, and what came back gathered for scoring. A submission that cannot be staged is a build error
 * of the result; a sandbox that cannot start is an error of the environment, thrown.
 */
import path from 'node:path';
import { deriveSeed } from '../../../runtime/seed.ts';
import { LabgradeError } from '../core/errors.ts';
import type { Curve, GradingContext } from '../core/grading-context.ts';
import { msg } from '../core/i18n.ts';
import type { Manifest } from '../core/manifest.ts';
import type { PhaseResult } from '../core/result.ts';
import { StageError, stageSubmission, type StagedSubmission } from '../sandbox/stage.ts';
import type { SubmissionReport } from '../suite/channel.ts';
import { scaledLimits, suiteTimeoutMs } from './limits.ts';
import type { GradeOptions } from './options.ts';
import { clearPictures } from './output.ts';
import { runSuite, type SuiteRun } from './run-suite.ts';

/** The grading's settings, as the engine resolved them from its options and the manifest. */
export interface SuiteJob {
  options: GradeOptions;
  manifest: Manifest;
  language: GradingContext['language'];
  seed: number;
  submissionDir: string;
  files: string[];
  driverFile: string;
  /** The submission's fingerprint. */
  sha256: string;
}

/** What the suite found, for scoring and the result. */
export interface SuiteFindings {
  outcomes: SuiteRun['outcomes'];
  phases: PhaseResult[];
  output: string;
  backendInfo?: SubmissionReport['backend'];
  notAttempted: string[];
  curves?: Curve[];
  tampering?: { task: string; reason: string }[];
  /** Why the checks the suite did not report on were not run. */
  gradingError?: string;
}

/** Stages the submission and runs the hidden suite against it. */
export async function stageAndRunSuite(job: SuiteJob): Promise<SuiteFindings> {
  let staged: StagedSubmission;
  try {
    staged = await stageSubmission({ submissionDir: job.submissionDir, files: job.files, driverFile: job.driverFile });
  } catch (error) {
    if (!(error instanceof StageError)) throw error;
    return {
      outcomes: new Map(),
      phases: [{ name: 'build', status: 'error', durationMs: 0, message: error.message }],
      output: '',
      notAttempted: [],
      gradingError: msg('check.load-failed', job.language, { message: error.message }),
    };
  }
  try {
    const context = suiteContextOf(job, staged);
    if (context.picturesDir) await clearPictures(context.picturesDir);
    job.options.onProgress?.('suite');
    const run = await runSuite(context, suiteTimeoutMs(context.limits), undefined, job.options.onTrainingProgress);
    return findingsOf(run);
  } finally {
    await staged.remove();
  }
}

/** What the engine hands the hidden suite. */
function suiteContextOf(job: SuiteJob, staged: StagedSubmission): GradingContext {
  const { options, manifest, seed } = job;
  return {
    slug: manifest.id,
    language: job.language,
    seed,
    caseSeed: deriveSeed(seed, `cases:${job.sha256}`),
    backend: options.backend ?? 'auto',
    limits: scaledLimits(manifest.limits),
    thresholds: manifest.thresholds,
    submissionDir: job.submissionDir,
    staged: { dir: staged.dir, dataDir: staged.dataDir, studentBundle: staged.studentBundle, childBundle: staged.childBundle },
    ...(options.picturesDir ? { picturesDir: path.resolve(options.picturesDir, manifest.id) } : {}),
    reportsProgress: options.onTrainingProgress !== undefined,
  };
}

function findingsOf(run: SuiteRun): SuiteFindings {
  const report = run.report;
  if (report?.startupError) {
    // The environment, not the submission, failed: grading itself could not run.
    throw new LabgradeError(report.startupError.code ?? 'LABGRADE_SANDBOX_FAILED', report.startupError.message);
  }
  return {
    outcomes: run.outcomes,
    phases: report ? [...report.phases] : [],
    output: report?.output ?? '',
    ...(report?.backend ? { backendInfo: report.backend } : {}),
    notAttempted: report?.notAttempted ?? [],
    ...(report?.curves?.length ? { curves: report.curves } : {}),
    ...(report?.tampering?.length ? { tampering: report.tampering } : {}),
    ...(run.suiteErrors.length ? { gradingError: run.suiteErrors.join('\n') } : {}),
  };
}
