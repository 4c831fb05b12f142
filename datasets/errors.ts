/**
 * Errors raised by the dataset loaders: one class with a stable `code` that code can branch on and a message
 * that says what was expected, what was found, and what to do, in English (`message`) and Norwegian bokmål
 * (`nb`). This module stands on its own: the loaders run in students' visible tests, without the grader.
 */
import type { Localized } from '../runtime/language.ts';

/** Stable codes of dataset errors. */
export type DatasetErrorCode = 'LABGRADE_DATASET_MISSING' | 'LABGRADE_DATASET_CORRUPT' | 'LABGRADE_DATASET_INVALID';

/** A text in English and Norwegian bokmål: the runtime's one bilingual type. */
export type { Localized };

/** Languages a dataset error speaks. */
export type DatasetLanguage = 'en' | 'nb';

/** Details attached to a dataset error. */
export interface DatasetErrorOptions {
  /** Path or name of the file concerned. */
  file?: string;
  /** 1-based line of a text file where the problem is. */
  line?: number;
  /** Column (name) of a table where the problem is. */
  column?: string;
  /** The underlying error, if any. */
  cause?: unknown;
}

/** A dataset is missing (`MISSING`), fails its checksum (`CORRUPT`) or has malformed content (`INVALID`). */
export class DatasetError extends Error {
  /** Stable code: MISSING when absent, CORRUPT on a checksum mismatch, INVALID on malformed content. */
  code: DatasetErrorCode;
  /** The message in Norwegian bokmål (`message` is the English); the English again where none was given. */
  readonly nb: string;
  /** Path or name of the file concerned. */
  file?: string;
  /** 1-based line of a text file where the problem is. */
  line?: number;
  /** Column (name) of a table where the problem is. */
  column?: string;

  constructor(code: DatasetErrorCode, message: string | Localized, options: DatasetErrorOptions = {}) {
    const text = typeof message === 'string' ? { en: message, nb: message } : message;
    super(text.en, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DatasetError';
    this.code = code;
    this.nb = text.nb;
    if (options.file !== undefined) this.file = options.file;
    if (options.line !== undefined) this.line = options.line;
    if (options.column !== undefined) this.column = options.column;
  }

  /** The message in both languages. */
  get localized(): Localized {
    return { en: this.message, nb: this.nb };
  }
}

/**
 * What `error` says, in `language`: a DatasetError's Norwegian text for `nb` (recognised by its `nb` property,
 * so a copy from another module instance counts too), otherwise the error's message.
 */
export function datasetMessage(error: unknown, language: DatasetLanguage): string {
  if (error instanceof Error) {
    const nb = (error as { nb?: unknown }).nb;
    return language === 'nb' && typeof nb === 'string' ? nb : error.message;
  }
  return String(error);
}
