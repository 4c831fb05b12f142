/**
 * Errors that stop grading itself (exit code 1), as opposed to a submission's failures, which become
 * `fail` or `error` checks in a complete result. Each has a stable `code`; the message says what was
 * expected, what was found and what to do. A message may come in both languages (a {@link Localized}):
 * `message` is then the English, and the CLI prints {@link LabgradeError.messageIn} the language of `--lang`.
 */
import { localized, type Localized } from './i18n.ts';
import type { Language } from '../../../runtime/language.ts';

/** A message in both languages, or in English only (then shown in English whatever the language). */
export type ErrorText = string | Localized;

export class LabgradeError extends Error {
  /** The message in English and Norwegian bokmål (the English twice where only English was given). */
  readonly localized: Localized;
  constructor(
    readonly code: string,
    message: ErrorText,
  ) {
    const text = typeof message === 'string' ? { en: message, nb: message } : message;
    super(text.en);
    this.localized = text;
    this.name = 'LabgradeError';
  }

  /** The message in `language`. */
  messageIn(language: Language): string {
    return this.localized[language];
  }
}

/** An error's message in `language`: both languages for a LabgradeError, else its one message. */
export function errorMessageIn(error: unknown, language: Language): string {
  if (error instanceof LabgradeError) return error.messageIn(language);
  return error instanceof Error ? error.message : String(error);
}

export class ManifestError extends LabgradeError {
  constructor(message: ErrorText) {
    super('LABGRADE_MANIFEST_INVALID', message);
    this.name = 'ManifestError';
  }
}

export class UnknownExerciseError extends LabgradeError {
  constructor(slug: string, known: string[]) {
    super('LABGRADE_UNKNOWN_EXERCISE', localized('error.unknown-exercise', { slug, names: known.join(', ') }));
    this.name = 'UnknownExerciseError';
  }
}

export class UsageError extends LabgradeError {
  constructor(message: ErrorText) {
    super('LABGRADE_USAGE', message);
    this.name = 'UsageError';
  }
}

export class OutputError extends LabgradeError {
  constructor(message: ErrorText) {
    super('LABGRADE_OUTPUT', message);
    this.name = 'OutputError';
  }
}
