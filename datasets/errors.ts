/**
 * Errors raised by the dataset loaders: one class with a stable `code` that code can branch on and a message
 * that says what was expected, what was found, and what to do.
 */

/** Stable codes of dataset errors. */
export type DatasetErrorCode = 'LABGRADE_DATASET_MISSING' | 'LABGRADE_DATASET_CORRUPT' | 'LABGRADE_DATASET_INVALID';

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
  /** Path or name of the file concerned. */
  file?: string;
  /** 1-based line of a text file where the problem is. */
  line?: number;
  /** Column (name) of a table where the problem is. */
  column?: string;

  constructor(code: DatasetErrorCode, message: string, options: DatasetErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DatasetError';
    this.code = code;
    if (options.file !== undefined) this.file = options.file;
    if (options.line !== undefined) this.line = options.line;
    if (options.column !== undefined) this.column = options.column;
  }
}
