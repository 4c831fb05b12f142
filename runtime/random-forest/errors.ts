/** Errors raised by the random forest, each with a stable `code` to branch on and a message to read. */

/** Stable codes of {@link RandomForestError}. */
export type RandomForestErrorCode = 'LABGRADE_RF_INVALID_OPTION' | 'LABGRADE_RF_INVALID_DATA' | 'LABGRADE_RF_NOT_FITTED' | 'LABGRADE_RF_INVALID_SERIALIZED';

/** A random-forest option, input or serialized forest that cannot be used, with what to do instead. */
export class RandomForestError extends Error {
  readonly code: RandomForestErrorCode;

  constructor(code: RandomForestErrorCode, message: string) {
    super(message);
    this.name = 'RandomForestError';
    this.code = code;
  }
}

/** Renders a found value for an error message (`0`, `"auto"`, `undefined`, `NaN`). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return `a value of type ${typeof value}`;
}
