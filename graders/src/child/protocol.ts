/**
 * Messages between the grader (host) and the child process that runs student code. The child's replies
 * are validated before use: student code shares that process and could try to forge them.
 */
import { z } from 'zod';

/** A request from the host: run one task of the exercise's driver. */
export interface TaskRequest {
  type: 'task';
  id: number;
  task: string;
  args: unknown;
}

export const ErrorInfo = z.object({
  /** `not-implemented`: the stub sentinel; `exception`: student code threw; `invalid`: returned something unusable. */
  kind: z.enum(['not-implemented', 'exception', 'invalid']),
  name: z.string(),
  message: z.string(),
  /** For `invalid`, the message in Norwegian (bokmål); `message` is the English one. */
  nb: z.string().optional(),
  /** For `not-implemented`, the function still a stub. */
  functionName: z.string().optional(),
  /** Stack frames inside the submission only, as `file:line`. */
  frames: z.array(z.object({ file: z.string(), line: z.number() })).default([]),
});
export type ErrorInfo = z.infer<typeof ErrorInfo>;

/** A task's answer as it travels: its body encoded by reply-seal.ts, and the body's seal (HMAC-SHA-256). */
export const SealedReply = z.object({ type: z.literal('reply'), nonce: z.string(), payload: z.instanceof(Uint8Array), seal: z.instanceof(Uint8Array) });

/** A task's answer once its seal is checked and its payload decoded. */
export const TaskReply = z.discriminatedUnion('ok', [
  z.object({ id: z.number(), ok: z.literal(true), value: z.unknown(), ms: z.number() }),
  z.object({ id: z.number(), ok: z.literal(false), error: ErrorInfo, ms: z.number() }),
]);
export type TaskReply = z.infer<typeof TaskReply>;

/** Training progress of the current task (for display; nothing is graded on it). */
export const ProgressMessage = z.object({
  type: z.literal('progress'),
  nonce: z.string(),
  epoch: z.number().int().min(0),
  epochs: z.number().int().min(0),
  batch: z.number().int().min(0),
  batches: z.number().int().min(0),
  loss: z.number().optional(),
  acc: z.number().optional(),
  epochDone: z.boolean(),
});

export const ReadyMessage = z.object({
  type: z.literal('ready'),
  nonce: z.string(),
  backend: z.object({
    name: z.string(),
    tfBackend: z.string(),
    tfjsVersion: z.string(),
    backendPackageVersion: z.string().optional(),
  }),
});
export type ReadyMessage = z.infer<typeof ReadyMessage>;

export const StartupFailure = z.object({ type: z.literal('startup-failed'), nonce: z.string(), message: z.string(), code: z.string().optional() });
