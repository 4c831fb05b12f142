/**
 * Worker-thread entry: answers static-check requests one after another with one StaticChecker, so that
 * TypeScript and TensorFlow.js's declarations are loaded once per grading process (see static-run.ts).
 */
import { parentPort } from 'node:worker_threads';
import { StaticChecker, type StaticOptions } from './static-checks.ts';

const checker = new StaticChecker();
parentPort!.on('message', ({ id, options }: { id: number; options: StaticOptions }) => {
  try {
    parentPort!.postMessage({ id, ok: true, report: checker.check(options) });
  } catch (error) {
    parentPort!.postMessage({ id, ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
