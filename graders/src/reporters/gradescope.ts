/**
 * Gradescope's autograder output (`/autograder/results/results.json`): one test per check of every graded
 * exercise, the total score, and a leaderboard entry per measured metric. `labgrade grade --format gradescope`
 * prints it; see the README for the `setup.sh` / `run_autograder` pair that uses it.
 */
import { z } from 'zod';
import type { CheckResult, GradeResult } from '../core/result.ts';
import type { Reporter } from './reporter.ts';

/** Gradescope's string formats; feedback here is Markdown (code in backticks, as the messages write it). */
const OUTPUT_FORMAT = 'md' as const;

export const GradescopeTest = z.object({
  name: z.string(),
  number: z.string(),
  score: z.number(),
  max_score: z.number(),
  status: z.enum(['passed', 'failed']),
  output: z.string(),
  output_format: z.literal(OUTPUT_FORMAT),
  tags: z.array(z.string()),
  visibility: z.enum(['visible', 'hidden', 'after_due_date', 'after_published']),
});

export const GradescopeResults = z.object({
  score: z.number(),
  execution_time: z.number(),
  output: z.string(),
  output_format: z.literal(OUTPUT_FORMAT),
  test_output_format: z.literal(OUTPUT_FORMAT),
  visibility: z.enum(['visible', 'hidden', 'after_due_date', 'after_published']),
  stdout_visibility: z.enum(['visible', 'hidden']),
  tests: z.array(GradescopeTest),
  leaderboard: z.array(z.object({ name: z.string(), value: z.number(), order: z.enum(['asc', 'desc']) })),
});
export type GradescopeResults = z.infer<typeof GradescopeResults>;

const round = (value: number) => Math.round(value * 1000) / 1000;

/** Text as a Markdown code span (values found in a submission may hold Markdown's own characters). */
function code(text: string): string {
  const fence = '`'.repeat(Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  return fence.length > 1 ? `${fence} ${text} ${fence}` : `\`${text}\``;
}

/** A check's feedback, in Markdown: the message (which writes code in backticks), then expected, found, hint, metric and place. */
function feedback(check: CheckResult): string {
  return [
    check.status === 'error' ? `**Could not run.** ${check.message}` : check.message,
    check.expected !== undefined ? `expected: ${code(check.expected)}` : '',
    check.found !== undefined ? `found: ${code(check.found)}` : '',
    check.hint !== undefined ? `hint: ${check.hint}` : '',
    check.metric ? `${check.metric.name} = ${code(`${check.metric.value ?? 'not a number'} (${check.metric.comparator} ${check.metric.threshold})`)}` : '',
    check.file ? `at ${code(`${check.file}${check.line ? `:${check.line}` : ''}`)}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

/**
 * Gradescope's results for one or more graded exercises of the same submission: a test per check worth
 * points (checks worth none, the static checks, are listed in the overall output instead, so that no test
 * without points is counted), the total score, and a leaderboard entry per measured metric.
 */
export function toGradescope(results: GradeResult[]): GradescopeResults {
  const tests = results.flatMap((result, e) =>
    result.checks
      .filter((check) => check.maxPoints > 0)
      .map((check, c) => ({
        name: `${result.exercise.id} · ${check.title}`,
        number: `${e + 1}.${c + 1}`,
        score: check.points,
        max_score: check.maxPoints,
        status: check.status === 'pass' ? ('passed' as const) : ('failed' as const),
        output: feedback(check),
        output_format: OUTPUT_FORMAT,
        tags: [result.exercise.id, check.id],
        visibility: 'visible' as const,
      })),
  );
  const leaderboard = results.flatMap((result) =>
    result.checks.flatMap((check) =>
      check.metric && check.metric.value !== null
        ? [
            {
              name: `${result.exercise.id}: ${check.metric.name}`,
              value: check.metric.value,
              order: check.metric.comparator === '<=' ? ('asc' as const) : ('desc' as const),
            },
          ]
        : [],
    ),
  );
  const summary = results.flatMap((r) => {
    const notAttempted = r.notAttempted.length ? `; not implemented yet: ${r.notAttempted.map(code).join(', ')}` : '';
    const ungraded = r.checks
      .filter((c) => c.maxPoints === 0)
      .map((c) => `  - ${c.status === 'pass' ? '✓' : '✗'} ${c.title}${c.status === 'pass' ? '' : `: ${c.message}`}`);
    return [`- ${code(r.exercise.id)}: ${r.score}/${r.maxScore} (${r.status}) on ${r.environment.backend}, seed ${r.seed}${notAttempted}`, ...ungraded];
  });
  return {
    score: round(results.reduce((sum, r) => sum + r.score, 0)),
    execution_time: Math.round(results.reduce((sum, r) => sum + r.timing.totalMs, 0) / 1000),
    output: summary.join('\n'),
    output_format: OUTPUT_FORMAT,
    test_output_format: OUTPUT_FORMAT,
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests,
    leaderboard,
  };
}

export const renderGradescope = (results: GradeResult[]): string => `${JSON.stringify(toGradescope(results), null, 2)}\n`;

/**
 * The results.json for a submission that could not be graded at all (no submission folder, a missing
 * dataset, a broken manifest): score 0 and the reason, so that Gradescope shows the student a 0 with what
 * happened rather than a failed autograder.
 */
export function gradescopeFailure(reason: string): GradescopeResults {
  return {
    score: 0,
    execution_time: 0,
    output: `**This submission could not be graded**, so it scores 0 for now.\n\n${reason}\n\nCheck that you submitted the exercise folders (\`exercises/<slug>/src/\`) or their files, then submit again; if this repeats, tell your teacher.`,
    output_format: OUTPUT_FORMAT,
    test_output_format: OUTPUT_FORMAT,
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests: [],
    leaderboard: [],
  };
}

/** `--format gradescope`: one results.json for every graded exercise, at the end; a 0 with the reason when nothing could be graded. */
export const gradescopeReporter: Reporter = {
  name: 'gradescope',
  onEnd: (results, context) => context.write(renderGradescope(results)),
  onError: (reason) => `${JSON.stringify(gradescopeFailure(reason), null, 2)}\n`,
};
