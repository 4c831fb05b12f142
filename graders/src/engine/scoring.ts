/**
 * Turning what the suite and the static checks found into the result's checks: one per check of the
 * manifest (and the engine's own static checks), scored, with the hint a student sees; then the total and
 * the overall status.
 */
import type { CheckOutcome } from '../core/grading-context.ts';
import { localized, msg, type Localized } from '../core/i18n.ts';
import type { CheckSpec, Language, Manifest } from '../core/manifest.ts';
import { findingMessage, type CheckResult, type CheckStatus } from '../core/result.ts';
import type { StaticReport } from '../static/static-checks.ts';
import type { HintHistory } from './hint-history.ts';

export type TimedOutcome = CheckOutcome & { durationMs?: number };

/** The engine's own static checks, always present (0 points unless the manifest gives them points). */
const STATIC_CHECKS: Record<string, Localized> = {
  'static.compiles': localized('static.title.compiles'),
  'static.imports': localized('static.title.imports'),
};

function staticOutcome(id: string, report: StaticReport, language: Language): CheckOutcome {
  if (id === 'static.compiles') {
    const first = report.typeErrors[0] ?? report.findings.find((f) => f.kind === 'missing-file');
    const count = report.typeErrors.length + report.missingFiles.length;
    if (!first) return { status: 'pass', message: msg('static.compiles.pass', language) };
    return {
      status: 'fail',
      message: msg('static.compiles.fail', language, {
        count,
        first: `${first.file ?? ''}${first.line ? `:${first.line}` : ''} ${findingMessage(first, language)}`.trim(),
      }),
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
export function withoutLibraryWork(outcomes: Map<string, TimedOutcome>, manifest: Manifest, report: StaticReport, language: Language): void {
  for (const group of manifest.byHand) {
    const uses = report.libraryUses.filter((u) => group.functions.includes(u.function));
    const first = uses[0];
    if (!first) continue;
    for (const id of group.checks) {
      const outcome = outcomes.get(id);
      outcomes.set(id, {
        status: 'fail',
        message: msg('check.by-hand', language, {
          fn: first.function,
          what: first.what,
          where: `${first.file}:${first.line}`,
          via: first.via ?? '',
          more: uses.length - 1,
        }),
        file: first.file,
        line: first.line,
        ...(outcome?.metric ? { metric: outcome.metric } : {}),
        durationMs: outcome?.durationMs ?? 0,
      });
    }
  }
}

export function overallStatus(checks: CheckResult[]): CheckStatus {
  if (checks.some((c) => c.status === 'error')) return 'error';
  if (checks.some((c) => c.status === 'fail')) return 'fail';
  return 'pass';
}

/** The sum of the points the checks earned, to a thousandth. */
export function totalScore(checks: CheckResult[]): number {
  return Math.round(checks.reduce((sum, c) => sum + c.points, 0) * 1000) / 1000;
}

/** What is scored: the engine's static checks (unless the manifest declares them), then the manifest's checks. */
function scoredSpecs(manifest: Manifest): CheckSpec[] {
  const specs: CheckSpec[] = [...manifest.checks];
  for (const id of Object.keys(STATIC_CHECKS).reverse()) {
    if (!specs.some((s) => s.id === id)) specs.unshift({ id, points: 0, title: STATIC_CHECKS[id]!, phase: 'static', goals: [] });
  }
  return specs;
}

export interface Scoring {
  manifest: Manifest;
  language: Language;
  /** What the hidden suite found, by check id (by-hand checks already applied). */
  outcomes: Map<string, TimedOutcome>;
  staticReport: StaticReport;
  /** Why checks the suite did not report on were not run. */
  gradingError: string | undefined;
  hintHistory: HintHistory | undefined;
  /** The submission's fingerprint: failing again with the same files does not make hints more specific. */
  sha256: string;
}

/** Every check scored, in the order the result lists them. */
export function scoredChecks(scoring: Scoring): CheckResult[] {
  const { manifest, language, outcomes, staticReport, gradingError } = scoring;
  return scoredSpecs(manifest).map((spec) => {
    const outcome: TimedOutcome =
      spec.id in STATIC_CHECKS
        ? staticOutcome(spec.id, staticReport, language)
        : (outcomes.get(spec.id) ?? {
            status: 'error',
            message: msg('check.not-run', language, {
              reason: gradingError ?? msg('check.no-such-check', language),
            }),
          });
    return {
      id: spec.id,
      title: spec.title[language],
      points: outcome.status === 'pass' ? spec.points : 0,
      maxPoints: spec.points,
      status: outcome.status,
      message: outcome.message,
      ...(outcome.expected !== undefined ? { expected: outcome.expected } : {}),
      ...(outcome.found !== undefined ? { found: outcome.found } : {}),
      ...hintOf(scoring, spec.id, outcome),
      ...(outcome.metric ? { metric: outcome.metric } : {}),
      ...(outcome.file ? { file: outcome.file } : {}),
      ...(outcome.line ? { line: outcome.line } : {}),
      durationMs: Math.round(outcome.durationMs ?? 0),
    };
  });
}

/** A check with several hints shows the first, or with a hint history the next one after each new failure. */
function hintOf({ manifest, hintHistory, sha256 }: Scoring, id: string, outcome: CheckOutcome): Pick<CheckResult, 'hint' | 'hints' | 'hintLevel'> {
  if (outcome.status === 'pass') hintHistory?.passed(manifest.id, id);
  const hints = outcome.hints;
  if (!hints || hints.length < 2) return outcome.hint !== undefined ? { hint: outcome.hint } : {};
  const level = outcome.status === 'fail' && hintHistory ? hintHistory.failed(manifest.id, id, hints.length, sha256) : 1;
  return { hint: hints[level - 1]!, hints, hintLevel: level };
}
