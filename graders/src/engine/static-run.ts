/**
 * Runs the static checks in a worker thread. Kept apart from static-checks.ts so that the grading process
 * itself never loads TypeScript: only the worker (or the fallback below) does.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { localized } from '../core/i18n.ts';
import { gradersDir, nodeModulesDir } from '../core/paths.ts';
import type { StaticOptions, StaticReport } from '../static/static-checks.ts';

/** Static checks running in the background: their report, and a way to stop waiting for it. */
export interface StaticRun {
  report: Promise<StaticReport>;
  cancel(): void;
}

type Reply = { id: number; ok: true; report: StaticReport } | { id: number; ok: false; message: string };

/** Longest a submission's static checks may take before they are reported as unfinished. */
export const STATIC_LIMIT_SECONDS = 600;

/**
 * Static checks for one or many submissions, in one worker thread that keeps its TypeScript program between
 * requests: type-checking (TensorFlow.js's declarations are large) overlaps with the hidden suite instead of
 * delaying it, and a batch of submissions parses those declarations once. Requests are answered in order.
 * A check that runs past its limit stops the worker (the next request starts a fresh one) and is reported
 * as a finding. When no worker can start, checks run in this thread.
 */
export class StaticService {
  #worker: Worker | undefined;
  #nextId = 0;
  #pending = new Map<number, { resolve: (r: StaticReport) => void; reject: (e: Error) => void }>();
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;
  readonly #limitMs: number;

  constructor(limitSeconds = STATIC_LIMIT_SECONDS) {
    this.#limitMs = limitSeconds * 1000;
  }

  /** Queues a check; its report settles when the checks before it and this one are done. */
  check(options: StaticOptions): StaticRun {
    let cancelled = false;
    const report = this.#queue.then(() => (cancelled ? Promise.reject(new Error('The static checks were cancelled.')) : this.#run(options)));
    this.#queue = report.catch(() => {});
    // Never an unhandled rejection while grading goes on; whoever awaits `report` sees the error.
    report.catch(() => {});
    return { report, cancel: () => void (cancelled = true) };
  }

  /** Stops the worker; pending checks are rejected. */
  close(): void {
    this.#closed = true;
    this.#stopWorker(new Error('The static checks were stopped.'));
  }

  #run(options: StaticOptions): Promise<StaticReport> {
    if (this.#closed) return Promise.reject(new Error('The static checks were stopped.'));
    const cache = StaticCache.fromEnvironment();
    const key = cache?.keyOf(options);
    const cached = key ? cache!.read(key) : undefined;
    if (cached) return Promise.resolve(cached);
    const report = this.#check(options);
    // A report that only says the checks did not finish (no finding names a file) is not kept.
    if (key)
      void report.then(
        (r) => r.findings.every((f) => f.file !== undefined) && cache!.write(key, r),
        () => {},
      );
    return report;
  }

  #check(options: StaticOptions): Promise<StaticReport> {
    const worker = this.#ensureWorker();
    if (!worker) return import('../static/static-checks.ts').then(({ runStaticChecks }) => runStaticChecks(options));
    const id = this.#nextId++;
    return new Promise<StaticReport>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        this.#stopWorker(new Error('The static checks were stopped.'));
        const seconds = this.#limitMs / 1000;
        resolve(reportWithOnlyProblem(localized('static.type-check-timeout', { seconds })));
      }, this.#limitMs);
      timer.unref();
      this.#pending.set(id, {
        resolve: (r) => (clearTimeout(timer), resolve(r)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      worker.postMessage({ id, options });
    });
  }

  #ensureWorker(): Worker | undefined {
    if (this.#worker) return this.#worker;
    let worker: Worker;
    try {
      worker = new Worker(new URL('../core/worker-boot.mjs', import.meta.url), {
        workerData: { entry: new URL('../static/worker.ts', import.meta.url).href },
      });
    } catch {
      return undefined;
    }
    // An idle worker must not keep the process alive.
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const waiter = this.#pending.get(reply.id);
      if (!waiter) return;
      this.#pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.report);
      else waiter.reject(new Error(`The static checks failed: ${reply.message}`));
    });
    const lost = (why: string) => {
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      this.#rejectAll(new Error(`The static checks could not run: ${why}`));
    };
    worker.on('error', (error) => lost(`the worker failed: ${error.message}`));
    worker.on('exit', (code) => lost(`the worker stopped with code ${code}`));
    this.#worker = worker;
    return worker;
  }

  #stopWorker(error: Error): void {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#rejectAll(error);
    void worker?.terminate();
  }

  #rejectAll(error: Error): void {
    for (const waiter of this.#pending.values()) waiter.reject(error);
    this.#pending.clear();
  }
}

/** A report whose only finding is that the static checks did not give a real one, and why. */
export function reportWithOnlyProblem(message: { en: string; nb: string }): StaticReport {
  const finding = { kind: 'type' as const, severity: 'error' as const, message: message.en, nb: message.nb };
  return { findings: [finding], notAttempted: [], typeErrors: [finding], forbiddenImports: [], missingFiles: [], libraryUses: [] };
}

/** Runs the static checks of one submission in a worker of its own, stopped once the report is in. */
export function startStaticChecks(options: StaticOptions): StaticRun {
  const service = new StaticService();
  const run = service.check(options);
  void run.report.finally(() => service.close()).catch(() => {});
  return { report: run.report, cancel: () => service.close() };
}

/** The static report of one grading and how long it took, once it is in. */
export interface TimedStaticReport {
  report: StaticReport;
  durationMs: number;
}

/**
 * Starts a grading's static checks, on `service` when a batch shares one, else in a worker of their own. A
 * failure of the static checks themselves becomes the report's one finding, never a reason to lose the
 * suite's outcomes.
 */
export function startStaticStep(options: StaticOptions, service: StaticService | undefined): { report: Promise<TimedStaticReport>; cancel(): void } {
  const started = performance.now();
  const run = service ? service.check(options) : startStaticChecks(options);
  const report = run.report.then(
    (report) => ({ report, durationMs: performance.now() - started }),
    (error: unknown) => ({
      report: reportWithOnlyProblem(localized('static.could-not-run', { reason: firstLine(error) })),
      durationMs: performance.now() - started,
    }),
  );
  return { report, cancel: () => run.cancel() };
}

/** The first line of an error's message. */
function firstLine(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}

/** Files a cache key reads at most: a submission folder bigger than this is checked without the cache. */
const CACHE_MAX_FILES = 200;
const CACHE_MAX_BYTES = 5 * 1024 * 1024;

/**
 * Static reports kept by content, in the folder named by LABGRADE_STATIC_CACHE (unset: no cache). A report
 * depends only on the submission folder's files, the files to check, the checker's own source and
 * TypeScript's version, so the same content checked again gets the same report without loading TypeScript.
 * This repository's tests set it to a folder of their own, so that each distinct submission is checked for
 * real once per run; grading itself never sets it, so a report can never come from a folder a student
 * could write to.
 */
export class StaticCache {
  constructor(readonly dir: string) {}

  static fromEnvironment(): StaticCache | undefined {
    const dir = process.env['LABGRADE_STATIC_CACHE'];
    return dir ? new StaticCache(path.resolve(dir)) : undefined;
  }

  /** The report's key, or undefined when the folder cannot be read or is too big to hash. */
  keyOf(options: StaticOptions): string | undefined {
    const hash = createHash('sha256');
    hash.update(JSON.stringify({ files: options.files, skipTypeCheck: options.skipTypeCheck ?? false, byHand: options.byHand ?? [] }));
    for (const file of checkerSources()) {
      hash.update(readFileSync(file));
    }
    const files: string[] = [];
    let bytes = 0;
    const walk = (dir: string, rel: string): boolean => {
      for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        const full = path.join(dir, entry.name);
        const name = rel ? `${rel}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          if (!walk(full, name)) return false;
        } else if (entry.isFile()) {
          bytes += statSync(full).size;
          files.push(name);
          if (files.length > CACHE_MAX_FILES || bytes > CACHE_MAX_BYTES) return false;
          hash.update(`\0${name}\0`).update(readFileSync(full));
        }
      }
      return true;
    };
    try {
      if (!walk(path.resolve(options.submissionDir), '')) return undefined;
    } catch {
      return undefined;
    }
    return hash.digest('hex');
  }

  read(key: string): StaticReport | undefined {
    try {
      return JSON.parse(readFileSync(path.join(this.dir, `${key}.json`), 'utf8')) as StaticReport;
    } catch {
      return undefined;
    }
  }

  /** Written whole under a temporary name, then renamed: a reader never sees half a report. */
  write(key: string, report: StaticReport): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      const file = path.join(this.dir, `${key}.json`);
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(report));
      renameSync(temp, file);
    } catch {
      // A cache that cannot be written only costs time.
    }
  }
}

/**
 * The files whose content decides a static report besides the submission: every file of the checker
 * (graders/src/static/, read here rather than imported, so this process never loads TypeScript), the globals
 * submissions are checked against, and TypeScript's version.
 */
function checkerSources(): string[] {
  const staticDir = path.join(gradersDir, 'src', 'static');
  const checker = readdirSync(staticDir)
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => path.join(staticDir, name));
  return [...checker, path.join(gradersDir, 'submission-env', 'globals.d.ts'), path.join(nodeModulesDir, 'typescript', 'package.json')];
}
