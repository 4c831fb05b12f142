/**
 * Entry of the child process that runs student code. It captures what it relies on before any student code
 * loads, selects the TF.js backend, then answers task requests from the grader, one at a time.
 *
 * Bundled by stage.ts with the exercise's driver; the student's code is a separate bundle it imports.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { selectBackend, type BackendChoice } from '../../../runtime/backend.ts';
import { isNotImplemented } from '../../../runtime/not-implemented.ts';
import { observeProgress, reportModelFitProgress } from '../../../runtime/progress.ts';
import { deriveSeed, seedEverything } from '../../../runtime/seed.ts';
import { InvalidSubmissionError, type Driver, type DriverContext } from './driver-api.ts';
import { guardNativeBackend } from './native-guard.ts';
import type { ErrorInfo, TaskRequest } from './protocol.ts';
import { createSealer, encodeReply } from './reply-seal.ts';
import { driver } from 'labgrade-driver';

interface ChildConfig {
  backend: BackendChoice;
  seed: number;
  studentBundle: string;
  dataDir: string;
  submissionDir: string;
}

// Captured before any student code runs, so that patching globals cannot change how replies are sent.
const nonce = process.env.LABGRADE_NONCE ?? '';
delete process.env.LABGRADE_NONCE;
const send = process.send!.bind(process);
const now = performance.now.bind(performance);
const jsonParse = JSON.parse;
const ObjectKeys = Object.keys;
const ObjectHasOwn = Object.hasOwn;
const config = jsonParse(readFileSync(process.argv[2]!, 'utf8')) as ChildConfig;

function reply(message: Record<string, unknown>): void {
  send({ ...message, nonce });
}

/** Set from the grader's first message, before any student code is loaded; kept in this closure only. */
let seal: ((bytes: Uint8Array) => Uint8Array) | undefined;

/** A task's answer, encoded and sealed (reply-seal.ts): a reply changed on its way to the grader is detected. */
function answer(body: Record<string, unknown>): void {
  const payload = encodeReply(body);
  send({ type: 'reply', nonce, payload, seal: seal!(payload) });
}

/** The seal key, asked for and received on the IPC channel (the grader answers the first request only). */
function receiveKey(): Promise<Uint8Array> {
  return new Promise((resolve) => {
    process.once('message', (message: { type?: string; key?: string }) => {
      const hex = message?.type === 'hello' && typeof message.key === 'string' ? message.key : '';
      const key = new Uint8Array(hex.length / 2);
      for (let i = 0; i < key.length; i++) key[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
      resolve(key);
    });
    reply({ type: 'key' });
  });
}

function framesOf(error: unknown): ErrorInfo['frames'] {
  const stack = error instanceof Error && typeof error.stack === 'string' ? error.stack : '';
  const frames: ErrorInfo['frames'] = [];
  const root = config.submissionDir + path.sep;
  for (const match of stack.matchAll(/(?:\(|at )((?:file:\/\/)?\/[^():]+):(\d+):\d+\)?/g)) {
    const file = match[1]!.replace(/^file:\/\//, '');
    if (file.startsWith(root)) frames.push({ file: file.slice(root.length).split(path.sep).join('/'), line: Number(match[2]) });
  }
  return frames.slice(0, 5);
}

function describe(error: unknown): ErrorInfo {
  if (isNotImplemented(error)) {
    const fn = (error as { functionName?: unknown }).functionName;
    return {
      kind: 'not-implemented',
      name: 'NotImplementedError',
      message: String((error as Error).message),
      functionName: typeof fn === 'string' ? fn : undefined,
      frames: framesOf(error),
    };
  }
  if (error instanceof InvalidSubmissionError) return { kind: 'invalid', name: error.name, message: error.message, nb: error.nb, frames: [] };
  if (error instanceof Error) {
    return { kind: 'exception', name: String(error.name), message: String(error.message).slice(0, 2000), frames: framesOf(error) };
  }
  let shown: string;
  try {
    shown = typeof error === 'string' ? JSON.stringify(error) : String(error);
  } catch {
    shown = Object.prototype.toString.call(error);
  }
  return { kind: 'exception', name: 'thrown value', message: `A value that is not an Error was thrown: ${shown.slice(0, 500)}`, frames: [] };
}

/**
 * Training progress, from the runtime's fit and from model.fit, reaches the grader at most every 200 ms and at
 * the end of each epoch (at most one every 20 ms, 5,000 reports in all: student code can call the observer
 * too, and must not flood the grader's log). It is for display only: nothing is graded on it.
 */
function reportProgress(): void {
  reportModelFitProgress(tf);
  let lastProgress = 0;
  let lastEpochEnd = 0;
  let progressReports = 0;
  observeProgress((p) => {
    const t = now();
    if (progressReports >= 5000 || (p.epochDone ? t - lastEpochEnd < 20 : t - lastProgress < 200)) return;
    if (p.epochDone) lastEpochEnd = t;
    lastProgress = t;
    progressReports++;
    reply({ type: 'progress', epoch: p.epoch, epochs: p.epochs, batch: p.batch, batches: p.batches, loss: p.loss, acc: p.acc, epochDone: p.epochDone });
  });
}

/** The submission's exports, once the `$load` task has imported it; kept in this module only. */
let student: Record<string, unknown> | undefined;

function loadedSubmission(): Record<string, unknown> {
  if (!student) throw new InvalidSubmissionError({ en: 'The submission was not loaded.', nb: 'Innleveringen ble ikke lastet.' });
  return student;
}

/** What the driver's tasks see: TF.js, the seed, state kept between tasks, and the submission's exports. */
function driverContext(): DriverContext {
  return {
    tf,
    seed: config.seed,
    state: new Map<string, unknown>(),
    fn<T>(name: string): T {
      const value = loadedSubmission()[name];
      if (typeof value !== 'function') {
        throw new InvalidSubmissionError(
          value === undefined
            ? {
                en: `Expected the submission to export a function named \`${name}\`, but it does not. Check that its \`export\` line is still there and spelt the same.`,
                nb: `Forventet at innleveringen eksporterer en funksjon som heter \`${name}\`, men det gjør den ikke. Sjekk at \`export\`-linjen fortsatt er der og staves likt.`,
              }
            : {
                en: `Expected \`${name}\` to be a function, but it is ${typeof value}.`,
                nb: `Forventet at \`${name}\` er en funksjon, men den er ${typeof value}.`,
              },
        );
      }
      return value as T;
    },
    exported(name: string): { found: boolean; value?: unknown } {
      const loaded = loadedSubmission();
      return ObjectHasOwn(loaded, name) ? { found: true, value: loaded[name] } : { found: false };
    },
    readData(name: string): Uint8Array {
      const file = path.join(config.dataDir, path.basename(name));
      const buffer = readFileSync(file);
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    },
    reseed(stream: string): void {
      seedEverything(deriveSeed(config.seed, stream));
    },
  };
}

/** Runs one task and answers it, sealed: its value, or what went wrong. */
async function run(request: TaskRequest, ctx: DriverContext): Promise<void> {
  const tasks: Driver = driver;
  const started = now();
  try {
    let value: unknown;
    if (request.task === '$load') {
      // Importing runs the submission's top-level code: it counts towards the first phase.
      const ns = (await import(pathToFileURL(config.studentBundle).href)) as Record<string, Record<string, unknown>>;
      student = {};
      for (const key of ObjectKeys(ns)) Object.assign(student, ns[key]);
      value = ObjectKeys(student);
    } else {
      const task = tasks[request.task];
      if (!task) throw new Error(`The driver has no task "${request.task}".`);
      value = await task(ctx, request.args as never);
    }
    answer({ id: request.id, ok: true, value, ms: now() - started });
  } catch (error) {
    answer({ id: request.id, ok: false, error: describe(error), ms: now() - started });
  }
}

async function main(): Promise<void> {
  seal = createSealer(await receiveKey());
  let backend: Awaited<ReturnType<typeof selectBackend>>;
  try {
    backend = await selectBackend(config.backend);
    // Native code is outside Node's permission model: confine it before any student code loads.
    if (backend.tfBackend === 'tensorflow') guardNativeBackend(tf);
  } catch (error) {
    reply({ type: 'startup-failed', message: (error as Error).message, code: (error as { code?: string }).code });
    return;
  }
  reportProgress();
  const ctx = driverContext();
  // One task at a time, in order.
  let queue = Promise.resolve();
  process.on('message', (message: TaskRequest) => {
    if (message?.type === 'task') queue = queue.then(() => run(message, ctx));
  });
  process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));
  reply({
    type: 'ready',
    backend: { name: backend.name, tfBackend: backend.tfBackend, tfjsVersion: backend.tfjsVersion, backendPackageVersion: backend.backendPackageVersion },
  });
}

// Rejections and exceptions that escape student code end the child; the grader reports them.
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`Unhandled promise rejection in the submission: ${reason instanceof Error ? reason.stack : String(reason)}\n`);
  process.exit(70);
});

void main();
