/**
 * Driver side (it runs in the child) of the concept questions: reads the answers a submission exports from
 * src/answers.ts and sends them as plain data. The grader compares them with answers it keeps to itself
 * (graders/src/suite/kit/concepts.ts); nothing here knows what is right.
 */
import type { DriverContext } from '../driver-api.ts';

/** What a submission answered to one question, as the grader receives it. */
export type SentAnswer =
  | { state: 'missing' }
  | { state: 'unanswered' }
  | { state: 'answered'; value: string | number | (string | number)[] }
  | { state: 'unreadable'; type: string };

// Captured when this module loads, before any student code.
const ArrayIsArray = Array.isArray;
const StringOf = String;

/** One exported value, made plain: a number, a short text, or a short list of them. */
function plain(value: unknown): SentAnswer {
  if (value === undefined || value === null) return { state: 'unanswered' };
  if (typeof value === 'number') return { state: 'answered', value };
  if (typeof value === 'string') return { state: 'answered', value: value.slice(0, 200) };
  if (ArrayIsArray(value) && value.length <= 20 && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
    return { state: 'answered', value: value.map((v) => (typeof v === 'string' ? v.slice(0, 200) : v)) };
  }
  return { state: 'unreadable', type: ArrayIsArray(value) ? 'array' : typeof value };
}

/** The driver task `answers`: each named export of the submission, as sent to the grader. */
export function readAnswers(ctx: DriverContext, args: { names: string[] }): Record<string, SentAnswer> {
  const out: Record<string, SentAnswer> = {};
  for (const name of args.names) {
    const { found, value } = ctx.exported(StringOf(name));
    out[name] = found ? plain(value) : { state: 'missing' };
  }
  return out;
}
