/**
 * The globals a submission is type-checked against, in place of Node's own declarations (@types/node,
 * about 50,000 lines: most of the type check's time on a small runner). Submissions may not import Node's
 * modules, so they only need the globals below; a submission that uses one not declared here gets a
 * type error that names it, and still runs.
 */

interface Console {
  log(...data: unknown[]): void;
  info(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
  debug(...data: unknown[]): void;
  trace(...data: unknown[]): void;
  table(data: unknown, columns?: string[]): void;
  dir(item: unknown, options?: unknown): void;
  assert(condition?: boolean, ...data: unknown[]): void;
  count(label?: string): void;
  countReset(label?: string): void;
  group(...label: unknown[]): void;
  groupEnd(): void;
  time(label?: string): void;
  timeLog(label?: string, ...data: unknown[]): void;
  timeEnd(label?: string): void;
}
declare var console: Console;

interface Performance {
  now(): number;
  readonly timeOrigin: number;
}
declare var performance: Performance;

// biome-ignore lint/suspicious/noExplicitAny: Node's and the DOM's own signature, so that a callback with typed parameters is accepted.
type TimerCallback = (...args: any[]) => void;
declare function setTimeout(callback: TimerCallback, ms?: number, ...args: unknown[]): unknown;
declare function clearTimeout(handle: unknown): void;
declare function setInterval(callback: TimerCallback, ms?: number, ...args: unknown[]): unknown;
declare function clearInterval(handle: unknown): void;
declare function setImmediate(callback: TimerCallback, ...args: unknown[]): unknown;
declare function clearImmediate(handle: unknown): void;
declare function queueMicrotask(callback: () => void): void;
declare function structuredClone<T>(value: T): T;

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string);
  decode(input?: ArrayBufferView | ArrayBuffer): string;
}

/** Only what a submission could reasonably read; anything else from `process` is a type error. */
interface SubmissionProcess {
  readonly env: Record<string, string | undefined>;
  readonly argv: string[];
  readonly execArgv: string[];
  readonly platform: string;
  readonly versions: Record<string, string | undefined>;
  exit(code?: number): never;
  cwd(): string;
  memoryUsage(): { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number };
  hrtime: { (time?: [number, number]): [number, number]; bigint(): bigint };
  nextTick(callback: (...args: unknown[]) => void, ...args: unknown[]): void;
  readonly stdout: { write(text: string): boolean };
  readonly stderr: { write(text: string): boolean };
}
declare var process: SubmissionProcess;
