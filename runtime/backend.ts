/**
 * TensorFlow.js backend selection, shared by the grader, the sandboxed child and students' own scripts.
 *
 * `auto` takes the native `tensorflow` backend when `@tensorflow/tfjs-node` loads, else WebAssembly (`wasm`,
 * with the training kernels it lacks supplied by this project), else the pure-JS `cpu` backend.
 */
import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { registerWasmTrainingKernels } from './kernels/index.ts';

import type { BackendChoice, BackendName } from './backend-choice.ts';

export { BACKEND_CHOICES, parseBackendChoice } from './backend-choice.ts';
export type { BackendChoice, BackendName } from './backend-choice.ts';

/** Why a backend could not be used, with the command that fixes it. */
export class BackendUnavailableError extends Error {
  readonly code = 'LABGRADE_BACKEND_UNAVAILABLE';
  constructor(
    readonly backend: BackendName,
    readonly reason: string,
    readonly fix: string,
  ) {
    super(`The "${backend}" backend is not available: ${reason}. ${fix}`);
    this.name = 'BackendUnavailableError';
  }
}

export interface BackendInfo {
  /** The backend in use. */
  name: BackendName;
  /** The backend name TF.js reports (`tensorflow`, `wasm`, `cpu`). */
  tfBackend: string;
  /** Version of @tensorflow/tfjs-core. */
  tfjsVersion: string;
  /** Version of the package behind the backend (tfjs-node, tfjs-backend-wasm), if any. */
  backendPackageVersion?: string;
  /** For `auto`: why faster backends were skipped, with their fixes. */
  skipped: { backend: BackendName; reason: string; fix: string }[];
}

const require = createRequire(import.meta.url);

const NATIVE_PACKAGES: Record<'tensorflow' | 'tensorflow-gpu', string> = {
  tensorflow: '@tensorflow/tfjs-node',
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
};

function packageVersion(name: string): string | undefined {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return undefined;
  }
}

function describeLoadError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/Cannot find (module|package)/.test(message)) return 'is not installed';
  // The native binding is missing when the install script could not download libtensorflow.
  return `is installed but its native library did not load (${message.split('\n')[0]})`;
}

async function useNative(name: 'tensorflow' | 'tensorflow-gpu'): Promise<void> {
  const pkg = NATIVE_PACKAGES[name];
  try {
    // tfjs-node is CommonJS; requiring it registers the "tensorflow" backend with the shared tfjs-core.
    require(pkg);
  } catch (error) {
    throw new BackendUnavailableError(
      name,
      `${pkg} ${describeLoadError(error)}`,
      `Install it with \`npm install ${pkg}@${tf.version_core}\` on a machine that can download libtensorflow ` +
        `(GitHub runners and most laptops can), or use \`--backend wasm\`.`,
    );
  }
  if (!(await tf.setBackend('tensorflow'))) {
    throw new BackendUnavailableError(name, `${pkg} loaded but its backend failed to initialise`, 'Run `npx labgrade doctor` for details.');
  }
}

async function useWasm(): Promise<void> {
  try {
    await import('@tensorflow/tfjs-backend-wasm');
  } catch (error) {
    throw new BackendUnavailableError('wasm', `@tensorflow/tfjs-backend-wasm ${describeLoadError(error)}`, 'Run `npm install` in the project folder.');
  }
  registerWasmTrainingKernels();
  if (!(await tf.setBackend('wasm'))) {
    throw new BackendUnavailableError('wasm', 'the WebAssembly module failed to initialise', 'Use `--backend cpu`, and run `npx labgrade doctor`.');
  }
}

/**
 * Selects and initialises a backend. A forced choice that is not installed throws
 * {@link BackendUnavailableError}; `auto` falls through to the next backend and records why.
 */
export async function selectBackend(choice: BackendChoice = 'auto'): Promise<BackendInfo> {
  const skipped: BackendInfo['skipped'] = [];
  let name: BackendName;
  if (choice === 'auto') {
    name = 'cpu';
    for (const candidate of ['tensorflow', 'wasm'] as const) {
      try {
        if (candidate === 'tensorflow') await useNative('tensorflow');
        else await useWasm();
        name = candidate;
        break;
      } catch (error) {
        if (!(error instanceof BackendUnavailableError)) throw error;
        skipped.push({ backend: candidate, reason: error.reason, fix: error.fix });
      }
    }
    if (name === 'cpu') await tf.setBackend('cpu');
  } else {
    name = choice;
    if (choice === 'tensorflow' || choice === 'tensorflow-gpu') await useNative(choice);
    else if (choice === 'wasm') await useWasm();
    else await tf.setBackend('cpu');
  }
  await tf.ready();
  const backendPackage =
    name === 'wasm' ? '@tensorflow/tfjs-backend-wasm' : name === 'cpu' ? '@tensorflow/tfjs-backend-cpu' : NATIVE_PACKAGES[name];
  return {
    name,
    tfBackend: tf.getBackend(),
    tfjsVersion: tf.version_core,
    backendPackageVersion: packageVersion(backendPackage),
    skipped,
  };
}
