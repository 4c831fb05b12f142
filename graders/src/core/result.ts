/**
 * The grade result, `<out>/<slug>.result.json`. Its schema is the contract with reporters (text, markdown,
 * GitHub Classroom, Gradescope) and the class report; `npx labgrade schema` writes it as JSON Schema.
 */
import { z } from 'zod';

export const RESULT_SCHEMA_VERSION = 1;

export const CheckStatus = z.enum(['pass', 'fail', 'error']);
export type CheckStatus = z.infer<typeof CheckStatus>;

export const Metric = z.object({
  name: z.string(),
  value: z.number().nullable(),
  threshold: z.number(),
  comparator: z.enum(['>=', '<=']),
});
export type Metric = z.infer<typeof Metric>;

export const CheckResult = z.object({
  id: z.string(),
  title: z.string(),
  points: z.number(),
  maxPoints: z.number(),
  status: CheckStatus,
  /** What happened, for the student: expected, found, what to try. */
  message: z.string(),
  expected: z.string().optional(),
  found: z.string().optional(),
  hint: z.string().optional(),
  /**
   * Every hint of the check, from general to specific, when the suite has several. `hint` is the one this
   * grading shows: the first, or on a student's machine the next one after each repeated failure.
   */
  hints: z.array(z.string()).optional(),
  /** Which of `hints` is `hint` (from 1). */
  hintLevel: z.number().int().positive().optional(),
  metric: Metric.optional(),
  /** The student's file and line the check points at, relative to the submission. */
  file: z.string().optional(),
  line: z.number().int().positive().optional(),
  durationMs: z.number().nonnegative(),
});
export type CheckResult = z.infer<typeof CheckResult>;

export const PhaseName = z.enum(['static', 'build', 'train', 'predict']);
export type PhaseName = z.infer<typeof PhaseName>;

export const PhaseResult = z.object({
  name: PhaseName,
  status: z.enum(['ok', 'not-attempted', 'error', 'timeout', 'crashed', 'skipped']),
  /** Wall-clock time of the phase's tasks. */
  durationMs: z.number().nonnegative(),
  /** CPU time the submission's process used in the phase's tasks, where the platform lets it be read. */
  cpuMs: z.number().nonnegative().optional(),
  /** Limit the phase ran under, in milliseconds. */
  limitMs: z.number().nonnegative().optional(),
  /** What the limit counted: CPU time (a step that stops computing for a minute is ended too), or wall-clock time. */
  limitCounts: z.enum(['cpu', 'wall']).optional(),
  message: z.string().optional(),
});
export type PhaseResult = z.infer<typeof PhaseResult>;

export const StaticFinding = z.object({
  kind: z.enum(['syntax', 'type', 'not-attempted', 'forbidden-import', 'missing-file', 'missing-export', 'library-use', 'embedded-data']),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  /** The message in Norwegian bokmål, where there is one (TypeScript's own diagnostics are English only). */
  nb: z.string().optional(),
  file: z.string().optional(),
  line: z.number().int().positive().optional(),
});
export type StaticFinding = z.infer<typeof StaticFinding>;

/** A static finding's message in `language`, where it has one (TypeScript's diagnostics are English only). */
export function findingMessage(finding: StaticFinding, language: 'en' | 'nb'): string {
  return language === 'nb' && finding.nb ? finding.nb : finding.message;
}

export const Environment = z.object({
  labgradeVersion: z.string(),
  nodeVersion: z.string(),
  platform: z.string(),
  arch: z.string(),
  cpuModel: z.string(),
  cpuCount: z.number().int(),
  memoryMiB: z.number().int(),
  backend: z.string(),
  tfjsVersion: z.string(),
  backendPackageVersion: z.string().optional(),
  ci: z.boolean(),
});
export type Environment = z.infer<typeof Environment>;

export const GradeResult = z.object({
  schemaVersion: z.literal(RESULT_SCHEMA_VERSION),
  exercise: z.object({ id: z.string(), version: z.string(), title: z.string() }),
  submission: z.object({
    kind: z.enum(['exercise', 'solution', 'custom']),
    /** Folder graded, relative to the repository when inside it. */
    path: z.string(),
    /** sha256 over the graded files (path and content), to tie a score to the exact code. */
    sha256: z.string(),
  }),
  language: z.enum(['en', 'nb']),
  seed: z.number().int(),
  /** `pass` when every check passed, `fail` when any failed, `error` when any could not run. */
  status: CheckStatus,
  score: z.number(),
  maxScore: z.number(),
  checks: z.array(CheckResult),
  phases: z.array(PhaseResult),
  staticFindings: z.array(StaticFinding),
  /** Functions still throwing the stub sentinel. */
  notAttempted: z.array(z.string()),
  /** The end of what the submission printed, with workflow commands neutralised. */
  output: z.string(),
  environment: Environment,
  timing: z.object({
    totalMs: z.number(),
    /** Time inside the student's own build, train and predict phases. */
    studentMs: z.number(),
    /** Everything else: static checks, start-up, data hand-over, scoring, reports. */
    graderMs: z.number(),
  }),
  /**
   * Files the student repository changed or lacks among those its template shipped outside the students'
   * src/ folders (the grader, visible tests, manifests, workflow). Present only when the hidden suites carry
   * the template's hashes and the graded folder is a whole repository; empty when nothing changed.
   */
  templateChanges: z.array(z.object({ file: z.string(), change: z.enum(['changed', 'missing']) })).optional(),
  /**
   * Replies of the submission's process that were changed on their way to the grader (their seal did not
   * match): the checks that needed them are `error`, and the class report flags the submission.
   */
  tampering: z.array(z.object({ task: z.string(), reason: z.string() })).optional(),
  /** Series the suite measured, such as the training loss per epoch (null where a value was not finite). */
  curves: z.array(z.object({ id: z.string(), title: z.string(), values: z.array(z.number().nullable()) })).optional(),
  /** Present when the hidden suite could not run as a whole (the checks it would have run are `error`). */
  gradingError: z.string().optional(),
  /**
   * The fingerprint of what this grading depended on (files, manifest, suite, engine, seed, backend...), and
   * of each part: a later grading whose inputs have the same fingerprint reuses this result.
   */
  inputs: z.object({ sha256: z.string(), parts: z.record(z.string(), z.string()) }).optional(),
  startedAt: z.string(),
});
export type GradeResult = z.infer<typeof GradeResult>;

/** JSON Schema of the result file, for other tools. */
export function resultJsonSchema(): unknown {
  return z.toJSONSchema(GradeResult, { target: 'draft-2020-12' });
}
