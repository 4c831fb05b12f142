/**
 * Gradescope's autograder output (`/autograder/results/results.json`): one test per check of every graded
 * exercise, the total score, and a leaderboard entry per measured metric. `labgrade grade --format gradescope`
 * prints it; see the README for the `setup.sh` / `run_autograder` pair that uses it.
 */
import { z } from 'zod';
import type { GradeResult } from '../result.ts';

export const GradescopeTest = z.object({
  name: z.string(),
  number: z.string(),
  score: z.number(),
  max_score: z.number(),
  status: z.enum(['passed', 'failed']),
  output: z.string(),
  output_format: z.literal('text'),
  tags: z.array(z.string()),
  visibility: z.enum(['visible', 'hidden', 'after_due_date', 'after_published']),
});

export const GradescopeResults = z.object({
  score: z.number(),
  execution_time: z.number(),
  output: z.string(),
  output_format: z.literal('text'),
  visibility: z.enum(['visible', 'hidden', 'after_due_date', 'after_published']),
  stdout_visibility: z.enum(['visible', 'hidden']),
  tests: z.array(GradescopeTest),
  leaderboard: z.array(z.object({ name: z.string(), value: z.number(), order: z.enum(['asc', 'desc']) })),
});
export type GradescopeResults = z.infer<typeof GradescopeResults>;

const round = (value: number) => Math.round(value * 1000) / 1000;

/** Gradescope's results for one or more graded exercises of the same submission. */
export function toGradescope(results: GradeResult[]): GradescopeResults {
  const tests = results.flatMap((result, e) =>
    result.checks.map((check, c) => ({
      name: `${result.exercise.id} · ${check.title}`,
      number: `${e + 1}.${c + 1}`,
      score: check.points,
      max_score: check.maxPoints,
      status: check.status === 'pass' ? ('passed' as const) : ('failed' as const),
      output: [
        check.status === 'error' ? `[could not run] ${check.message}` : check.message,
        check.expected !== undefined ? `expected: ${check.expected}` : '',
        check.found !== undefined ? `found:    ${check.found}` : '',
        check.hint !== undefined ? `hint: ${check.hint}` : '',
        check.metric ? `${check.metric.name} = ${check.metric.value ?? 'not a number'} (${check.metric.comparator} ${check.metric.threshold})` : '',
        check.file ? `at ${check.file}${check.line ? `:${check.line}` : ''}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
      output_format: 'text' as const,
      tags: [result.exercise.id, check.id],
      visibility: 'visible' as const,
    })),
  );
  const leaderboard = results.flatMap((result) =>
    result.checks.flatMap((check) =>
      check.metric && check.metric.value !== null
        ? [{ name: `${result.exercise.id}: ${check.metric.name}`, value: check.metric.value, order: check.metric.comparator === '<=' ? ('asc' as const) : ('desc' as const) }]
        : [],
    ),
  );
  const summary = results.map((r) => {
    const notAttempted = r.notAttempted.length ? `; not implemented yet: ${r.notAttempted.join(', ')}` : '';
    return `${r.exercise.id}: ${r.score}/${r.maxScore} (${r.status}) on ${r.environment.backend}, seed ${r.seed}${notAttempted}`;
  });
  return {
    score: round(results.reduce((sum, r) => sum + r.score, 0)),
    execution_time: Math.round(results.reduce((sum, r) => sum + r.timing.totalMs, 0) / 1000),
    output: summary.join('\n'),
    output_format: 'text',
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests,
    leaderboard,
  };
}

export const renderGradescope = (results: GradeResult[]): string => `${JSON.stringify(toGradescope(results), null, 2)}\n`;
