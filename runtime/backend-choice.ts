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
