/**
 * The backend names a user can choose, without loading TensorFlow.js: the CLI parses `--backend` with this
 * before it knows whether it will need TF.js at all (importing @tensorflow/tfjs takes seconds).
 */
export const BACKEND_CHOICES = ['auto', 'tensorflow', 'tensorflow-gpu', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];
/** A backend that actually runs (what `auto` resolves to). */
export type BackendName = Exclude<BackendChoice, 'auto'>;

/** Parses a `--backend` value, naming the choices when it is not one of them. */
export function parseBackendChoice(value: string): BackendChoice {
  if ((BACKEND_CHOICES as readonly string[]).includes(value)) return value as BackendChoice;
  throw new Error(`Expected --backend to be one of ${BACKEND_CHOICES.join(', ')}, but got "${value}".`);
}

/**
 * Threads TensorFlow splits one op over, unless set already: 1. TensorFlow reads it once, when the library
 * loads. On the lab's workloads one thread per op is faster than one per core (a training step is hundreds of
 * small ops, and handing each to another thread costs more than it saves: the CNN epoch 1.8 s instead of
 * 2.7 s on 2 cores), spends no CPU time waiting for other threads (phase limits count CPU time), and sums in
 * the same order on every machine, whatever its number of cores, so that a grade does not depend on it. The
 * grading child sets it in its environment (graders/src/sandbox/spawn-child.ts); `selectBackend` sets it where it
 * is not set.
 */
export const NATIVE_INTRA_OP_THREADS = '1';
