/**
 * The stub sentinel. Every function a student still has to write throws this error; the grader reports
 * such a function as "not attempted" (status `fail`), never as a crash.
 */
export class NotImplementedError extends Error {
  readonly code = 'LABGRADE_NOT_IMPLEMENTED';
  /** The function that is still a stub. */
  readonly functionName: string;

  constructor(functionName: string) {
    super(`${functionName} is not implemented yet. Replace the \`throw new NotImplementedError(...)\` line with your code.`);
    this.name = 'NotImplementedError';
    this.functionName = functionName;
  }
}

/** True for the stub sentinel, also across module copies (it is recognised by its code). */
export function isNotImplemented(error: unknown): error is NotImplementedError {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'LABGRADE_NOT_IMPLEMENTED';
}
