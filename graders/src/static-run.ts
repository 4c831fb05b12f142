/**
 * Starts the static checks in a worker thread. Kept apart from static-checks.ts so that the grading process
 * itself never loads TypeScript: only the worker (or the fallback below) does.
 */
import { Worker } from 'node:worker_threads';
import type { StaticOptions, StaticReport } from './static-checks.ts';

/** Static checks running in the background: their report, and a way to stop them when grading gives up. */
export interface StaticRun {
  report: Promise<StaticReport>;
  cancel(): void;
}

/**
 * Runs the static checks in a worker thread, so that type-checking (seconds: TensorFlow.js's type
 * declarations are large) overlaps with the hidden suite instead of delaying it. Falls back to running them
 * in this thread when the worker cannot start.
 */
export function startStaticChecks(options: StaticOptions): StaticRun {
  let worker: Worker | undefined;
  const report = new Promise<StaticReport>((resolve, reject) => {
    const direct = (why: string) => {
      import('./static-checks.ts')
        .then(({ runStaticChecks }) => resolve(runStaticChecks(options)))
        .catch((error: unknown) => reject(new Error(`The static checks could not run (${why}): ${(error as Error).message}`)));
    };
    try {
      worker = new Worker(new URL('./static-worker-boot.mjs', import.meta.url), {
        workerData: { entry: new URL('./static-worker.ts', import.meta.url).href, options },
      });
    } catch (error) {
      direct((error as Error).message);
      return;
    }
    let settled = false;
    worker.once('message', (message: { ok: true; report: StaticReport } | { ok: false; message: string }) => {
      settled = true;
      void worker!.terminate();
      if (message.ok) resolve(message.report);
      else reject(new Error(`The static checks failed: ${message.message}`));
    });
    worker.once('error', (error) => {
      if (settled) return;
      settled = true;
      direct(`the worker failed: ${error.message}`);
    });
    worker.once('exit', (code) => {
      if (settled) return;
      settled = true;
      direct(`the worker stopped with code ${code}`);
    });
  });
  // Never an unhandled rejection while grading goes on; whoever awaits `report` sees the error.
  report.catch(() => {});
  return { report, cancel: () => void worker?.terminate() };
}
