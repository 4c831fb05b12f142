/**
 * The grader's side of the child process that runs student code: Node's permission model (no reads
 * outside the staging folder and TF.js), a clean environment, a memory cap, a time limit per task, output
 * captured and bounded, and the whole process group killed when done. The child never outlives the grader:
 * on Linux it is started with a parent-death signal.
 *
 * Time limits count the CPU time the child uses (on Linux, from /proc), so that a machine busy with other
 * work does not push a submission over its limit: the same submission gets the same grade on a quiet laptop
 * and on a loaded CI runner. A task that stops computing without finishing (a promise that never settles)
 * uses no CPU: it is ended once it has used less than a second of CPU time in a minute. A child that is only
 * slowed down by a busy machine still computes, so it is never ended that way; a last wall-clock backstop
 * (four times the limit plus two minutes) ends anything else. Where CPU time cannot be read, the limit is a
 * wall-clock limit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { NATIVE_INTRA_OP_THREADS, type BackendChoice } from '../../../runtime/backend-choice.ts';
import { neutralizeWorkflowCommands } from '../core/safe-text.ts';
import { packageClosure } from './closure.ts';
import { ErrorInfo, ProgressMessage, ReadyMessage, SealedReply, StartupFailure, TaskReply } from '../child/protocol.ts';
import { decodeReply } from '../child/reply-seal.ts';
import type { TrainingProgress } from '../../../runtime/progress.ts';
import type { StagedSubmission } from './stage.ts';

export type FailureKind = 'not-implemented' | 'exception' | 'invalid' | 'timeout' | 'memory' | 'crashed' | 'skipped' | 'tampered';

/** A reply that was changed on its way from the child (its seal did not match), and the task it answered. */
export interface Tampering {
  task: string;
  reason: string;
}

/**
 * Which limit ended a task: its CPU time, a wait without computing, or the wall-clock backstop (or the only
 * limit, without CPU time).
 */
export type LimitKind = 'cpu' | 'idle' | 'wall';

/** `ms` is wall-clock time; `cpuMs` the child's CPU time during the task, where it can be read. */
export type CallOutcome =
  | { ok: true; value: unknown; ms: number; cpuMs?: number }
  | { ok: false; kind: FailureKind; message: string; error?: ErrorInfo; ms: number; cpuMs?: number; limit?: LimitKind };

/** Wall-clock time a task with a CPU-time limit of `limitMs` may take before it is stopped anyway. */
export function wallBackstopMs(limitMs: number): number {
  return 4 * limitMs + 120_000;
}

/** A task that uses less than IDLE_CPU_MS of CPU time in IDLE_WINDOW_MS of wall-clock time is waiting, not computing. */
export const IDLE_WINDOW_MS = 60_000;
export const IDLE_CPU_MS = 1_000;

export interface SandboxOptions {
  staged: StagedSubmission;
  submissionDir: string;
  backend: BackendChoice;
  seed: number;
  memoryMiB: number;
  /** Limit for the child to start and load TF.js. @default 60000 */
  startupTimeoutMs?: number;
  /** Training progress the child reports (from the runtime's fit or model.fit). */
  onTrainingProgress?: (progress: TrainingProgress) => void;
}

const OUTPUT_KEEP_BYTES = 64 * 1024;

/**
 * What TensorFlow's native library (the `tensorflow` backend) prints to stderr when it loads, whatever
 * TF_CPP_MIN_LOG_LEVEL says: absl's notice that logging is not initialised, and two informational lines (oneDNN
 * is on; the CPU has instructions this build does not use), the second with a continuation line.
 */
const TENSORFLOW_NOTICES = [
  /^WARNING: All log messages before absl::InitializeLog\(\) is called are written to STDERR$/,
  /^I\d{4} [\d:.]+\s+\d+ (port|cpu_feature_guard)\.cc:\d+\] /,
  /^To enable the following instructions: .*, in other operations, rebuild TensorFlow with the appropriate compiler flags\.$/,
];

/** `text` without the lines TensorFlow prints on load: they are not the submission's, and say nothing to a student. */
export function withoutTensorFlowNotices(text: string): string {
  if (!text.includes('InitializeLog') && !/\.cc:\d+\] /.test(text)) return text;
  return text
    .split('\n')
    .filter((line) => !TENSORFLOW_NOTICES.some((pattern) => pattern.test(line)))
    .join('\n');
}

/** How long a child that could not be sent a task has to exit (and so say why) before it is called unreachable. */
const SEND_FAILURE_GRACE_MS = 5000;

function permissionFlag(): string {
  return process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
}

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on every Linux ABI Node runs on). */
const USER_HZ = 100;

/** CPU time (user + system, all threads) the process has used so far, in ms; undefined where it cannot be read. */
function readCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may itself contain spaces or parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return Number.isFinite(utime) && Number.isFinite(stime) ? ((utime + stime) * 1000) / USER_HZ : undefined;
  } catch {
    return undefined;
  }
}

function readRssMiB(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

export class Sandbox {
  private child?: ChildProcess;
  private readonly nonce = randomBytes(16).toString('hex');
  /** The key the child seals its replies with; it reaches the child once, before any student code is loaded. */
  private readonly sealKey = randomBytes(32);
  private keySent = false;
  /** Replies found changed on their way from the child. */
  readonly tampering: Tampering[] = [];
  private outputTail = '';
  private outputBytes = 0;
  private nextId = 1;
  private pending?: {
    id: number;
    task: string;
    resolve: (outcome: CallOutcome) => void;
    started: number;
    cpuStart?: number;
    cpuLimitMs?: number;
    lastCpuMs?: number;
    /** When the task last showed it was computing (wall-clock time), and its CPU time then. */
    busyAt?: { at: number; cpuMs: number };
  };
  private deathReason?: string;
  private exitInfo?: { code: number | null; signal: NodeJS.Signals | null };
  private memoryTimer?: NodeJS.Timeout;
  /** Highest resident memory seen, in MiB. */
  peakMemoryMiB = 0;
  backend?: ReadyMessage['backend'];
  /** Startup failures of the grading environment itself (not the student's fault). */
  startupError?: { message: string; code?: string };

  constructor(private readonly options: SandboxOptions) {}

  /**
   * What the submission printed (the last 64 KiB), with workflow commands neutralised and without the lines
   * TensorFlow's native library prints on load (see {@link withoutTensorFlowNotices}).
   */
  get output(): string {
    const dropped = this.outputBytes - Buffer.byteLength(this.outputTail);
    const head = dropped > 0 ? `[${dropped} earlier bytes of output not kept]\n` : '';
    return neutralizeWorkflowCommands(head + withoutTensorFlowNotices(this.outputTail));
  }

  private appendOutput(chunk: Buffer): void {
    this.outputBytes += chunk.length;
    this.outputTail += chunk.toString('utf8');
    if (this.outputTail.length > OUTPUT_KEEP_BYTES) this.outputTail = this.outputTail.slice(-OUTPUT_KEEP_BYTES);
  }

  /** Starts the child and waits until TF.js is ready. Returns false when it could not start. */
  async start(): Promise<boolean> {
    const { staged, backend, seed, memoryMiB } = this.options;
    const configFile = path.join(staged.dir, 'config.json');
    await writeFile(
      configFile,
      JSON.stringify({ backend, seed, studentBundle: staged.studentBundle, dataDir: staged.dataDir, submissionDir: path.resolve(this.options.submissionDir) }),
    );
    const packages = ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm'];
    if (backend === 'tensorflow' || backend === 'auto') packages.push('@tensorflow/tfjs-node');
    if (backend === 'tensorflow-gpu') packages.push('@tensorflow/tfjs-node-gpu');
    const readable = [staged.dir, ...packageClosure(packages)];
    const nodeArgs = [
      permissionFlag(),
      ...readable.map((dir) => `--allow-fs-read=${dir}`),
      ...(backend === 'tensorflow' || backend === 'tensorflow-gpu' || backend === 'auto' ? ['--allow-addons'] : []),
      `--max-old-space-size=${memoryMiB}`,
      '--enable-source-maps',
      '--no-warnings',
      staged.childBundle,
      configFile,
    ];
    const usePdeathsig = process.platform === 'linux' && existsSync('/usr/bin/setpriv');
    const command = usePdeathsig ? '/usr/bin/setpriv' : process.execPath;
    const args = usePdeathsig ? ['--pdeathsig', 'KILL', '--', process.execPath, ...nodeArgs] : nodeArgs;
    const child = spawn(command, args, {
      cwd: staged.dir,
      // No secrets, tokens or CI variables reach student code.
      env: {
        PATH: '/usr/local/bin:/usr/bin:/bin',
        HOME: staged.dir,
        LANG: 'C.UTF-8',
        TF_CPP_MIN_LOG_LEVEL: '2',
        // One thread per TensorFlow op on the native backend: faster here, and the same sums on every machine.
        TF_NUM_INTRAOP_THREADS: NATIVE_INTRA_OP_THREADS,
        LABGRADE_NONCE: this.nonce,
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
      detached: true,
    });
    this.child = child;
    child.stdout!.on('data', (chunk: Buffer) => this.appendOutput(chunk));
    child.stderr!.on('data', (chunk: Buffer) => this.appendOutput(chunk));
    child.on('error', (error) => this.onDeath(`the child process could not run: ${error.message}`));
    child.on('exit', (code, signal) => {
      this.exitInfo = { code, signal };
      this.onDeath(this.describeExit(code, signal));
    });
    this.memoryTimer = setInterval(() => this.watch(), 200);
    this.memoryTimer.unref();

    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.startupError = { message: `The grading process did not start within ${(this.options.startupTimeoutMs ?? 120000) / 1000} s.` };
        this.kill('startup timed out');
        resolve(false);
      }, this.options.startupTimeoutMs ?? 120000);
      const onMessage = (message: unknown) => {
        const request = message as { type?: unknown; nonce?: unknown } | null;
        if (request?.type === 'key' && request.nonce === this.nonce && !this.keySent) {
          this.keySent = true;
          child.send({ type: 'hello', key: this.sealKey.toString('hex') });
          return;
        }
        const ready = ReadyMessage.safeParse(message);
        if (ready.success && ready.data.nonce === this.nonce) {
          this.backend = ready.data.backend;
          clearTimeout(timer);
          child.off('message', onMessage);
          child.on('message', (m: unknown) => this.onMessage(m));
          resolve(true);
          return;
        }
        const failed = StartupFailure.safeParse(message);
        if (failed.success && failed.data.nonce === this.nonce) {
          this.startupError = { message: failed.data.message, code: failed.data.code };
          clearTimeout(timer);
          this.kill('startup failed');
          resolve(false);
        }
      };
      child.on('message', onMessage);
      child.once('exit', () => {
        clearTimeout(timer);
        if (!this.backend) {
          this.startupError ??= { message: `The grading process exited during start-up (${this.describeExit(this.exitInfo?.code ?? null, this.exitInfo?.signal ?? null)}). Output:\n${this.output.slice(-2000)}` };
          resolve(false);
        }
      });
    });
  }

  private describeExit(code: number | null, signal: NodeJS.Signals | null): string {
    if (signal) return `it was stopped by signal ${signal}`;
    if (code === 0) return 'the submission ended the process with exit code 0 (process.exit?) before the task finished';
    if (code === 70) return 'an unhandled promise rejection in the submission ended the process';
    if (code === 134 || /heap out of memory/i.test(this.outputTail)) return 'the process ran out of memory';
    return `the process exited with code ${code}`;
  }

  /** CPU time the current task has used so far, where it can be read. */
  private taskCpuMs(): number | undefined {
    const pid = this.child?.pid;
    const start = this.pending?.cpuStart;
    if (!pid || start === undefined) return undefined;
    const now = readCpuMs(pid);
    if (now === undefined) return this.pending?.lastCpuMs;
    this.pending!.lastCpuMs = now - start;
    return now - start;
  }

  private watch(): void {
    const pid = this.child?.pid;
    if (!pid || this.deathReason) return;
    const limit = this.pending?.cpuLimitMs;
    if (limit !== undefined) {
      const used = this.taskCpuMs();
      if (used !== undefined && used > limit) {
        this.fail('timeout', `Used more than its limit of ${Math.round(limit / 1000)} s of CPU time.`, 'cpu');
        return;
      }
      const pending = this.pending!;
      const now = performance.now();
      if (used !== undefined) {
        pending.busyAt ??= { at: pending.started, cpuMs: 0 };
        if (used - pending.busyAt.cpuMs >= IDLE_CPU_MS) pending.busyAt = { at: now, cpuMs: used };
        else if (now - pending.busyAt.at >= IDLE_WINDOW_MS) {
          this.fail('timeout', `Waited ${Math.round((now - pending.busyAt.at) / 1000)} s without computing.`, 'idle');
          return;
        }
      }
    }
    const rss = readRssMiB(pid);
    if (rss === undefined) return;
    this.peakMemoryMiB = Math.max(this.peakMemoryMiB, rss);
    if (rss > this.options.memoryMiB) {
      this.fail('memory', `The submission used ${Math.round(rss)} MiB of memory, more than the limit of ${this.options.memoryMiB} MiB. Look for data copied many times, or tensors that are never disposed.`);
    }
  }

  private onMessage(message: unknown): void {
    if ((message as { type?: unknown } | null)?.type === 'progress') {
      const progress = ProgressMessage.safeParse(message);
      if (progress.success && progress.data.nonce === this.nonce) {
        const { type: _type, nonce: _nonce, ...rest } = progress.data;
        this.options.onTrainingProgress?.(rest);
      }
      return;
    }
    // A message without the nonce did not come from the driver: student code cannot forge replies.
    const envelope = message as { type?: unknown; nonce?: unknown } | null;
    if (envelope?.type !== 'reply' || envelope.nonce !== this.nonce || !this.pending) return;
    const sealed = SealedReply.safeParse(message);
    const reply = sealed.success ? this.unseal(sealed.data.payload, sealed.data.seal) : this.tampered('it is not sealed');
    if (!reply) return;
    if (reply.id !== this.pending.id) return;
    const cpuMs = this.taskCpuMs();
    const cpu = cpuMs === undefined ? {} : { cpuMs };
    const { resolve } = this.pending;
    this.pending = undefined;
    if (reply.ok) resolve({ ok: true, value: reply.value, ms: reply.ms, ...cpu });
    else resolve({ ok: false, kind: reply.error.kind, message: reply.error.message, error: reply.error, ms: reply.ms, ...cpu });
  }

  /**
   * A sealed reply's body, or undefined when its seal does not match or it is not a reply the driver writes:
   * then it was changed on its way, the current task fails as tampered and the child is stopped.
   */
  private unseal(payload: Uint8Array, seal: Uint8Array): TaskReply | undefined {
    const expected = createHmac('sha256', this.sealKey).update(payload).digest();
    let reason: string | undefined;
    let body: TaskReply | undefined;
    if (seal.length !== expected.length || !timingSafeEqual(seal, expected)) {
      reason = 'its seal does not match its content';
    } else {
      try {
        const parsed = TaskReply.safeParse(decodeReply(payload));
        if (parsed.success) body = parsed.data;
        else reason = 'it is not a reply the grader sends';
      } catch (error) {
        reason = `it cannot be read (${(error as Error).message})`;
      }
    }
    return body ?? this.tampered(reason!);
  }

  /** Fails the current task as tampered (its answer was changed on its way) and stops the child. */
  private tampered(reason: string): undefined {
    this.tampering.push({ task: this.pending!.task, reason });
    this.fail('tampered', `The answer of the step "${this.pending!.task}" was changed on its way from the submission's process to the grader: ${reason}.`);
    return undefined;
  }

  private onDeath(reason: string): void {
    if (this.memoryTimer) clearInterval(this.memoryTimer);
    this.deathReason ??= reason;
    if (this.pending) {
      // The process is gone, and with it its CPU counters: the task's CPU time is the last one the watch saw.
      const { resolve, started, lastCpuMs } = this.pending;
      this.pending = undefined;
      resolve({ ok: false, kind: 'crashed', message: `The submission crashed: ${this.deathReason}.`, ms: performance.now() - started, ...(lastCpuMs === undefined ? {} : { cpuMs: lastCpuMs }) });
    }
  }

  /** Ends the current task with a failure and kills the child. */
  private fail(kind: FailureKind, message: string, limit?: LimitKind): void {
    const cpuMs = this.taskCpuMs();
    const pending = this.pending;
    this.pending = undefined;
    this.kill(message);
    if (pending) {
      pending.resolve({ ok: false, kind, message, ms: performance.now() - pending.started, ...(cpuMs === undefined ? {} : { cpuMs }), ...(limit ? { limit } : {}) });
    }
  }

  /**
   * Runs one driver task with a limit of `timeoutMs` of CPU time (and a wall-clock backstop), or of wall-clock
   * time where CPU time cannot be read. After the child has died, every call is `skipped`.
   */
  call(task: string, args: unknown, timeoutMs: number): Promise<CallOutcome> {
    const child = this.child;
    if (!child || this.deathReason || !child.connected) {
      return Promise.resolve({ ok: false, kind: 'skipped', message: `Not run, because an earlier step failed: ${this.deathReason ?? 'the grading process is not running'}.`, ms: 0 });
    }
    if (this.pending) throw new Error('Sandbox.call: one task at a time');
    const id = this.nextId++;
    const cpuStart = child.pid === undefined ? undefined : readCpuMs(child.pid);
    const wallMs = cpuStart === undefined ? timeoutMs : wallBackstopMs(timeoutMs);
    return new Promise<CallOutcome>((resolve) => {
      const started = performance.now();
      const timer = setTimeout(() => {
        this.fail('timeout', `Did not finish within ${Math.round(wallMs / 1000)} s of wall-clock time.`, 'wall');
      }, wallMs);
      this.pending = {
        id,
        task,
        started,
        ...(cpuStart === undefined ? {} : { cpuStart, cpuLimitMs: timeoutMs }),
        resolve: (outcome) => {
          clearTimeout(timer);
          resolve(outcome);
        },
      };
      child.send({ type: 'task', id, task, args }, (error) => {
        if (!error) return;
        // A send fails (EPIPE) when the child is already on its way out, for instance after an unhandled
        // rejection in student code: its exit, moments later, says why (onDeath). Only a child that stays
        // alive without listening is reported as unreachable.
        if (this.exitInfo) return;
        const unreachable = setTimeout(() => {
          if (this.pending?.id === id) this.fail('crashed', `The grading process could not be reached: ${error.message}`);
        }, SEND_FAILURE_GRACE_MS);
        child.once('exit', () => clearTimeout(unreachable));
      });
    });
  }

  /** Kills the child and its process group. */
  kill(reason = 'grading finished'): void {
    this.deathReason ??= reason;
    if (this.memoryTimer) clearInterval(this.memoryTimer);
    const child = this.child;
    if (!child?.pid || this.exitInfo) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }

  /** Kills the child and waits until it has exited. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child || this.exitInfo) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    this.kill();
    await exited;
  }
}
