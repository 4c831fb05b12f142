/**
 * Grades one exercise: manifest, datasets, static checks, staging, the hidden suite in a worker thread with
 * student code in the sandbox, then one complete result with every check of the manifest, whatever happened.
 */
import { verifyDatasets } from '../core/datasets.ts';
import type { GradeResult } from '../core/result.ts';
import { assembleResult } from './assemble.ts';
import { loadExercise, suiteDriverOf } from './catalogue.ts';
import { assertBackendInstalled } from './environment.ts';
import { gradingInputsFor } from './inputs.ts';
import type { GradeOptions } from './options.ts';
import { writeResult } from './output.ts';
import { scoredChecks, withoutLibraryWork } from './scoring.ts';
import { startStaticStep } from './static-run.ts';
import { submissionDirOf, submissionHash } from './submission.ts';
import { stageAndRunSuite, type SuiteJob } from './suite-step.ts';

/** Grades one exercise and returns its complete result (and writes it when `outDir` is set). */
export async function gradeExercise(options: GradeOptions): Promise<GradeResult> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const manifest = await loadExercise(options.slug);
  const submissionDir = submissionDirOf(manifest.id, options.submission ?? { kind: 'exercise' });
  const files = manifest.files.map((f) => f.replace(/^src\//, ''));
  const driverFile = suiteDriverOf(manifest.id);
  assertBackendInstalled(options.backend ?? 'auto');
  // Taken before any file is read for grading, so that the result records the inputs it was graded from.
  const inputs = await gradingInputsFor(options);

  // Static checks run in a worker, alongside the dataset check, staging and the hidden suite; their report is
  // merged at the end.
  options.onProgress?.('static');
  const staticStep = startStaticStep({ submissionDir, files, byHand: manifest.byHand.flatMap((b) => b.functions) }, options.staticService);
  try {
    await verifyDatasets(manifest);
    const job: SuiteJob = {
      options,
      manifest,
      language: options.language ?? manifest.language,
      seed: options.seed ?? manifest.seed,
      submissionDir,
      files,
      driverFile,
      sha256: submissionHash(submissionDir, files),
    };
    const suite = await stageAndRunSuite(job);
    const staticReport = await staticStep.report;
    withoutLibraryWork(suite.outcomes, manifest, staticReport.report, job.language);
    const checks = scoredChecks({
      manifest,
      language: job.language,
      outcomes: suite.outcomes,
      staticReport: staticReport.report,
      gradingError: suite.gradingError,
      hintHistory: options.hintHistory,
      sha256: job.sha256,
    });
    const result = assembleResult(job, suite, staticReport, checks, { started, startedAt, inputs });
    if (options.outDir) await writeResult(options.outDir, result);
    return result;
  } finally {
    staticStep.cancel();
  }
}

export type { GradeOptions, SubmissionChoice } from './options.ts';
