/**
 * What a hidden suite registers while it loads: its checks in order, and hooks to run before the first and
 * after the last. The suite runner (suite/worker.ts) imports a suite's files in a worker thread of their
 * own, then runs what they registered; each grading gets a fresh worker, so nothing a suite keeps in
 * module state outlives it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckOutcome, GradingContext } from '../core/grading-context.ts';
import type { SuiteMessage } from './channel.ts';

/** A check's body: the harness turns whatever happens in it into an outcome. */
export type CheckBody = () => Promise<CheckOutcome>;

/** A hook; `timeoutMs` overrides the suite's limit. */
export interface Hook {
  fn: () => unknown | Promise<unknown>;
  timeoutMs?: number;
}

export interface SuiteRegistry {
  checks: { id: string; body: CheckBody }[];
  beforeAll: Hook[];
  afterAll: Hook[];
}

/** What this worker's suite has registered so far. */
export const registry: SuiteRegistry = { checks: [], beforeAll: [], afterAll: [] };

/** Registers a check; checks run one after another, in the order they were registered. */
export function registerCheck(id: string, body: CheckBody): void {
  if (registry.checks.some((c) => c.id === id)) throw new Error(`The suite declares the check "${id}" twice.`);
  registry.checks.push({ id, body });
}

/** Runs `fn` once before the first check. */
export function beforeAll(fn: Hook['fn'], timeoutMs?: number): void {
  registry.beforeAll.push({ fn, ...(timeoutMs ? { timeoutMs } : {}) });
}

/** Runs `fn` once after the last check, even when checks failed; hooks registered later run first. */
export function afterAll(fn: Hook['fn'], timeoutMs?: number): void {
  registry.afterAll.push({ fn, ...(timeoutMs ? { timeoutMs } : {}) });
}

/** The grading context the engine handed this suite. */
export function suiteContext(): GradingContext {
  const context = (workerData as { context?: GradingContext } | null)?.context;
  if (!context) throw new Error('No grading context: hidden suites run only inside `labgrade grade`.');
  return context;
}

/** Posts a message to the engine (engine/run-suite.ts), on the worker's one channel back. */
export function postToEngine(message: SuiteMessage): void {
  parentPort?.postMessage(message);
}
