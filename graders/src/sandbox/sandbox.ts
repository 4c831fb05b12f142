/**
 * The grader's side of the child process that runs student code: starting it (spawn-child.ts: permissions,
 * a clean environment, a memory cap, no outliving the grader), one task at a time with a time limit
 * (task-clock.ts: CPU time, with a wall-clock backstop), output captured and bounded (child-output.ts), replies
 * unsealed and checked, and the whole process group killed when done.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { ProgressMessage, ReadyMessage, SealedReply, StartupFailure, TaskReply } from '../child/protocol.ts';
import { openReply } from './reply-decode.ts';
import { ChildOutput } from './child-output.ts';
import { spawnChild } from './spawn-child.ts';
import { readRssMiB, TaskClock, type LimitKind } from './task-clock.ts';
import type { CallOutcome, FailureKind, SandboxOptions, Tampering } from './types.ts';

export { IDLE_CPU_MS, IDLE_WINDOW_MS, wallBackstopMs, type LimitKind } from './task-clock.ts';
export type { CallOutcome, FailureKind, SandboxOptions, Tampering };

/** How long a child that could not be sent a task has to exit (and so say why) before it is called unreachable. */
const SEND_FAILURE_GRACE_MS = 5000;

export class Sandbox {
  private child?: ChildProcess;
  private readonly nonce = randomBytes(16).toString('hex');
  /** The key the child seals its replies with; it reaches the child once, before any student code is loaded. */
  private readonly sealKey = randomBytes(32);
  private keySent = false;
  /** Replies found changed on their way from the child. */
  readonly tampering: Tampering[] = [];
  private readonly printed = new ChildOutput();
  private nextId = 1;
  private pending?: { id: number; task: string; resolve: (outcome: CallOutcome) => void; clock: TaskClock };
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
   * TensorFlow's native library prints on load (see child-output.ts).
   */
  get output(): string {
    return this.printed.shown();
  }

  /** Starts the child and waits until TF.js is ready. Returns false when it could not start. */
  async start(): Promise<boolean> {
    const { staged, submissionDir, backend, seed, memoryMiB } = this.options;
    const child = await spawnChild({ staged, submissionDir, backend, seed, memoryMiB, nonce: this.nonce });
    this.child = child;
    child.stdout!.on('data', (chunk: Buffer) => this.printed.append(chunk));
    child.stderr!.on('data', (chunk: Buffer) => this.printed.append(chunk));
    child.on('error', (error) => this.onDeath(`the child process could not run: ${error.message}`));
    child.on('exit', (code, signal) => {
      this.exitInfo = { code, signal };
      this.onDeath(this.describeExit(code, signal));
    });
    this.memoryTimer = setInterval(() => this.watch(), 200);
    this.memoryTimer.unref();
    return this.handshake(child);
  }

  /**
   * Sends the seal key once, when the driver asks with the nonce (before any student code is loaded), and
   * waits for the driver to say TF.js is ready, or why it could not start.
   */
  private handshake(child: ChildProcess): Promise<boolean> {
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
          this.startupError ??= {
            message: `The grading process exited during start-up (${this.describeExit(this.exitInfo?.code ?? null, this.exitInfo?.signal ?? null)}). Output:\n${this.output.slice(-2000)}`,
          };
          resolve(false);
        }
      });
    });
  }

  private describeExit(code: number | null, signal: NodeJS.Signals | null): string {
    if (signal) return `it was stopped by signal ${signal}`;
    if (code === 0) return 'the submission ended the process with exit code 0 (process.exit?) before the task finished';
    if (code === 70) return 'an unhandled promise rejection in the submission ended the process';
    if (code === 134 || /heap out of memory/i.test(this.printed.tail)) return 'the process ran out of memory';
    return `the process exited with code ${code}`;
  }

  private watch(): void {
    const pid = this.child?.pid;
    if (!pid || this.deathReason) return;
    const overrun = this.pending?.clock.overrun();
    if (overrun) {
      this.fail('timeout', overrun.message, overrun.limit);
      return;
    }
    const rss = readRssMiB(pid);
    if (rss === undefined) return;
    this.peakMemoryMiB = Math.max(this.peakMemoryMiB, rss);
    if (rss > this.options.memoryMiB) {
      this.fail(
        'memory',
        `The submission used ${Math.round(rss)} MiB of memory, more than the limit of ${this.options.memoryMiB} MiB. Look for data copied many times, or tensors that are never disposed.`,
      );
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
    const cpuMs = this.pending.clock.cpuMs();
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
    const opened = openReply(this.sealKey, payload, seal);
    if (!opened.ok) return this.tampered(opened.reason);
    const parsed = TaskReply.safeParse(opened.value);
    return parsed.success ? parsed.data : this.tampered('it is not a reply the grader sends');
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
      const { resolve, clock } = this.pending;
      const { started, lastCpuMs } = clock;
      this.pending = undefined;
      resolve({
        ok: false,
        kind: 'crashed',
        message: `The submission crashed: ${this.deathReason}.`,
        ms: performance.now() - started,
        ...(lastCpuMs === undefined ? {} : { cpuMs: lastCpuMs }),
      });
    }
  }

  /** Ends the current task with a failure and kills the child. */
  private fail(kind: FailureKind, message: string, limit?: LimitKind): void {
    const cpuMs = this.pending?.clock.cpuMs();
    const pending = this.pending;
    this.pending = undefined;
    this.kill(message);
    if (pending) {
      pending.resolve({
        ok: false,
        kind,
        message,
        ms: performance.now() - pending.clock.started,
        ...(cpuMs === undefined ? {} : { cpuMs }),
        ...(limit ? { limit } : {}),
      });
    }
  }

  /**
   * Runs one driver task with a limit of `timeoutMs` of CPU time (and a wall-clock backstop), or of wall-clock
   * time where CPU time cannot be read. After the child has died, every call is `skipped`.
   */
  call(task: string, args: unknown, timeoutMs: number): Promise<CallOutcome> {
    const child = this.child;
    if (!child || this.deathReason || !child.connected) {
      return Promise.resolve({
        ok: false,
        kind: 'skipped',
        message: `Not run, because an earlier step failed: ${this.deathReason ?? 'the grading process is not running'}.`,
        ms: 0,
      });
    }
    if (this.pending) throw new Error('Sandbox.call: one task at a time');
    const id = this.nextId++;
    const clock = new TaskClock(child.pid, timeoutMs);
    const wallMs = clock.wallMs;
    return new Promise<CallOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.fail('timeout', `Did not finish within ${Math.round(wallMs / 1000)} s of wall-clock time.`, 'wall');
      }, wallMs);
      this.pending = {
        id,
        task,
        clock,
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
