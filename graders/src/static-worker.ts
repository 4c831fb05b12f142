/** Worker-thread entry: runs the static checks and posts the report back (see runStaticChecksInWorker). */
import { parentPort, workerData } from 'node:worker_threads';
import { runStaticChecks, type StaticOptions } from './static-checks.ts';

const { options } = workerData as { options: StaticOptions };
try {
  parentPort!.postMessage({ ok: true, report: runStaticChecks(options) });
} catch (error) {
  parentPort!.postMessage({ ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
