/**
 * Errors that stop grading itself (exit code 1), as opposed to a submission's failures, which become
 * `fail` or `error` checks in a complete result. Each has a stable `code`; the message says what was
 * expected, what was found and what to do.
 */
import { errorMsg } from './i18n.ts';

export class LabgradeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'LabgradeError';
  }
}

export class ManifestError extends LabgradeError {
  constructor(message: string) {
    super('LABGRADE_MANIFEST_INVALID', message);
    this.name = 'ManifestError';
  }
}

export class UnknownExerciseError extends LabgradeError {
  constructor(slug: string, known: string[]) {
    super(
      'LABGRADE_UNKNOWN_EXERCISE',
      errorMsg('error.unknown-exercise', { slug, names: known.join(', ') }),
    );
    this.name = 'UnknownExerciseError';
  }
}

export class UsageError extends LabgradeError {
  constructor(message: string) {
    super('LABGRADE_USAGE', message);
    this.name = 'UsageError';
  }
}

export class OutputError extends LabgradeError {
  constructor(message: string) {
    super('LABGRADE_OUTPUT', message);
    this.name = 'OutputError';
  }
}
