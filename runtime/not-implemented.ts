/**
 * The stub sentinel. Every function a student still has to write throws this error; the grader reports
 * such a function as "not attempted" (status `fail`), never as a crash. Its message follows LABGRADE_LANG
 * (the visible tests under `labgrade watch --lang nb`); the grader words its own report and ignores it.
 */
import { say } from './language.ts';

export class NotImplementedError extends Error {
  readonly code = 'LABGRADE_NOT_IMPLEMENTED';
  /** The function that is still a stub. */
  readonly functionName: string;

  constructor(functionName: string) {
    super(
      say({
        en: `${functionName} is not implemented yet. Replace the \`throw new NotImplementedError(...)\` line with your code.`,
        nb: `${functionName} er ikke implementert ennå. Erstatt linjen \`throw new NotImplementedError(...)\` med koden din.`,
      }),
    );
    this.name = 'NotImplementedError';
    this.functionName = functionName;
  }
}

/** True for the stub sentinel, also across module copies (it is recognised by its code). */
export function isNotImplemented(error: unknown): error is NotImplementedError {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'LABGRADE_NOT_IMPLEMENTED';
}
