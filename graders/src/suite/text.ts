/** The grading context a suite runs with, and text in its language. */
import type { GradingContext } from '../core/grading-context.ts';
import { decimalComma, type Localized } from '../core/i18n.ts';
import { suiteContext } from './suite-runtime.ts';

/** A text a suite writes: a bare string (numbers, code), or words in both languages. */
export type Text = string | Localized;

/** The grading context of this run. */
export function gradingContext(): GradingContext {
  return suiteContext();
}

/** A tensor or layer shape as failures show it: `[null, 28, 28, 1]`. */
export function shapeText(shape: readonly (number | null)[]): string {
  return JSON.stringify(shape).replace(/,/g, ', ');
}

/**
 * Picks the run's language from a two-language text. In Norwegian, numbers get a decimal comma (0,5) outside
 * `code`, also in a bare string (`>= 0.97`) and in values a suite wrote with toFixed, so that a check never
 * mixes 0.5 and 0,5.
 */
export function t(text: Text): string {
  const language = gradingContext().language;
  const chosen = typeof text === 'string' ? text : text[language];
  return language === 'nb' ? decimalComma(chosen) : chosen;
}
