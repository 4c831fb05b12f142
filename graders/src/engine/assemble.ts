/** The complete result of a grading, put together from its steps and validated. */
import { maxScore } from '../core/manifest.ts';
import { relativeToRepo } from '../core/paths.ts';
import { GradeResult, RESULT_SCHEMA_VERSION, type CheckResult, type StaticFinding } from '../core/result.ts';
import { environmentOf } from './environment.ts';
import type { GradingInputs } from './inputs.ts';
import { overallStatus, totalScore } from './scoring.ts';
import type { TimedStaticReport } from './static-run.ts';
import type { SuiteFindings, SuiteJob } from './suite-step.ts';
import { templateChangesFor } from './tamper-cache.ts';

/** When the grading started (performance.now() and wall-clock), and the inputs it was graded from. */
export interface GradingRecord {
  started: number;
  startedAt: string;
  inputs: GradingInputs;
}

export function assembleResult(job: SuiteJob, suite: SuiteFindings, staticStep: TimedStaticReport, checks: CheckResult[], record: GradingRecord): GradeResult {
  const { options, manifest, language, seed } = job;
  const choice = options.submission ?? { kind: 'exercise' };
  const phases = [{ name: 'static' as const, status: 'ok' as const, durationMs: Math.round(staticStep.durationMs) }, ...suite.phases];
  const totalMs = Math.round(performance.now() - record.started);
  const studentMs = phases.filter((p) => p.name !== 'static').reduce((sum, p) => sum + p.durationMs, 0);
  const result: GradeResult = {
    schemaVersion: RESULT_SCHEMA_VERSION,
    exercise: { id: manifest.id, version: manifest.version, title: manifest.title[language] },
    submission: { kind: choice.kind, path: relativeToRepo(job.submissionDir), sha256: job.sha256 },
    language,
    seed,
    status: overallStatus(checks),
    score: totalScore(checks),
    maxScore: maxScore(manifest),
    checks,
    phases,
    staticFindings: staticStep.report.findings satisfies StaticFinding[],
    notAttempted: [...new Set([...staticStep.report.notAttempted, ...suite.notAttempted])].sort(),
    output: suite.output,
    environment: environmentOf(suite.backendInfo),
    timing: { totalMs, studentMs, graderMs: Math.max(0, totalMs - studentMs) },
    ...(suite.curves ? { curves: suite.curves } : {}),
    ...templateChangesFor(manifest.id, choice),
    ...(suite.tampering ? { tampering: suite.tampering } : {}),
    ...(suite.gradingError ? { gradingError: suite.gradingError } : {}),
    inputs: record.inputs,
    startedAt: record.startedAt,
  };
  return GradeResult.parse(result);
}
