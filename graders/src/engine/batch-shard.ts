/**
 * One grading process of `labgrade grade --submissions DIR --jobs N`: grades its share of the submissions
 * (every N-th, from its index) with its own static checker, writing each result where the parent reads it
 * back; resumable like the whole batch. Started by batch.ts with Node and tsx's loader, never by a person:
 * its options come as one JSON argument, so the public command line has no option for it.
 */
import { errorMessageIn } from '../core/errors.ts';
import { gradeBatch, type ShardOptions } from './batch.ts';

/** What the parent passes: the batch's options (no callbacks) with this process's share. */

async function runShard(options: ShardOptions): Promise<void> {
  const entries = await gradeBatch({ ...options, jobs: 1, onLine: (line) => process.stderr.write(`${line}\n`) });
  if (entries.some((e) => e.error)) process.exitCode = 1;
}

const options = JSON.parse(process.argv[2] ?? '{}') as ShardOptions;
await runShard(options).catch((error: unknown) => {
  process.stderr.write(`labgrade: ${errorMessageIn(error, options.language ?? 'en')}\n`);
  process.exitCode = 1;
});
