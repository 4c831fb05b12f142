// Starts a worker thread that runs TypeScript (the static checks, a hidden suite): worker threads do not
// inherit the main thread's tsx loader.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
