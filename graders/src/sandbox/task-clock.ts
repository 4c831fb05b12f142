/**
 * The time limit of one task of the child that runs student code, measured by the grader (the host side).
 *
 * Time limits count the CPU time the child uses (on Linux, from /proc), so that a machine busy with other
 * work does not push a submission over its limit: the same submission gets the same grade on a quiet laptop
 * and on a loaded CI runner. A task that stops computing without finishing (a promise that never settles)
 * uses no CPU: it is ended once it has used less than a second of CPU time in a minute. A child that is only
 * slowed down by a busy machine still computes, so it is never ended that way; a last wall-clock backstop
 * (four times the limit plus two minutes) ends anything else. Where CPU time cannot be read, the limit is a
 * wall-clock limit.
 */
import { readFileSync } from 'node:fs';

/**
 * Which limit ended a task: its CPU time, a wait without computing, or the wall-clock backstop (or the only
 * limit, without CPU time).
 */
export type LimitKind = 'cpu' | 'idle' | 'wall';

/** Wall-clock time a task with a CPU-time limit of `limitMs` may take before it is stopped anyway. */
export function wallBackstopMs(limitMs: number): number {
  return 4 * limitMs + 120_000;
}

/** A task that uses less than IDLE_CPU_MS of CPU time in IDLE_WINDOW_MS of wall-clock time is waiting, not computing. */
export const IDLE_WINDOW_MS = 60_000;
export const IDLE_CPU_MS = 1_000;

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on every Linux ABI Node runs on). */
const USER_HZ = 100;

/** CPU time (user + system, all threads) the process has used so far, in ms; undefined where it cannot be read. */
export function readCpuMs(pid: number): number | undefined {
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

/** Resident memory of the process, in MiB; undefined where it cannot be read. */
export function readRssMiB(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** One task's clock: the child's CPU time since the task was sent, and whether it is still computing. */
export class TaskClock {
  /** Wall-clock time the task started (performance.now()). */
  readonly started: number;
  /** The CPU time the task had used when it was last read; it outlives the process. */
  lastCpuMs?: number;
  private readonly cpuStart?: number;
  /** When the task last showed it was computing (wall-clock time), and its CPU time then. */
  private busyAt?: { at: number; cpuMs: number };

  /** Reads the child's CPU time and the wall clock now, as the task's zero. */
  constructor(
    private readonly pid: number | undefined,
    private readonly limitMs: number,
  ) {
    this.cpuStart = pid === undefined ? undefined : readCpuMs(pid);
    this.started = performance.now();
  }

  /** The wall-clock limit: the backstop where CPU time is counted, else the limit itself. */
  get wallMs(): number {
    return this.cpuStart === undefined ? this.limitMs : wallBackstopMs(this.limitMs);
  }

  /** CPU time the task has used so far, where it can be read. */
  cpuMs(): number | undefined {
    if (!this.pid || this.cpuStart === undefined) return undefined;
    const now = readCpuMs(this.pid);
    if (now === undefined) return this.lastCpuMs;
    this.lastCpuMs = now - this.cpuStart;
    return now - this.cpuStart;
  }

  /** Why the task must end now (over its CPU time, or waiting without computing), or undefined. */
  overrun(): { message: string; limit: LimitKind } | undefined {
    if (this.cpuStart === undefined) return undefined;
    const used = this.cpuMs();
    if (used !== undefined && used > this.limitMs)
      return { message: `Used more than its limit of ${Math.round(this.limitMs / 1000)} s of CPU time.`, limit: 'cpu' };
    const now = performance.now();
    if (used !== undefined) {
      this.busyAt ??= { at: this.started, cpuMs: 0 };
      if (used - this.busyAt.cpuMs >= IDLE_CPU_MS) this.busyAt = { at: now, cpuMs: used };
      else if (now - this.busyAt.at >= IDLE_WINDOW_MS)
        return { message: `Waited ${Math.round((now - this.busyAt.at) / 1000)} s without computing.`, limit: 'idle' };
    }
    return undefined;
  }
}
