/**
 * TensorFlow.js backend selection, shared by the grader, the sandboxed child and students' own scripts.
 *
 * `auto` takes the native `tensorflow` backend when `@tensorflow/tfjs-node` loads, else WebAssembly (`wasm`,
 * with the training kernels it lacks supplied by this project), else the pure-JS `cpu` backend.
 */
/// <reference path="./native-modules.d.ts" />
import * as tf from '@tensorflow/tfjs';
import { registerNativeKernelGuards, registerWasmTrainingKernels } from './kernels/index.ts';

import { NATIVE_INTRA_OP_THREADS, type BackendChoice, type BackendName } from './backend-choice.ts';

export { BACKEND_CHOICES, NATIVE_INTRA_OP_THREADS, parseBackendChoice } from './backend-choice.ts';
export type { BackendChoice, BackendName } from './backend-choice.ts';

/** What kept a backend from being used: its package is missing, does not load, or did not initialise. */
export type BackendProblem = 'not-installed' | 'not-loading' | 'not-initialising';

/** Why a backend could not be used, with the command that fixes it. */
export class BackendUnavailableError extends Error {
  readonly code = 'LABGRADE_BACKEND_UNAVAILABLE';
  constructor(
    readonly backend: BackendName,
    readonly reason: string,
    readonly fix: string,
    readonly problem: BackendProblem = 'not-loading',
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
  skipped: { backend: BackendName; reason: string; fix: string; problem: BackendProblem }[];
}

const NATIVE_PACKAGES: Record<'tensorflow' | 'tensorflow-gpu', string> = {
  tensorflow: '@tensorflow/tfjs-node',
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
};

/** Where a machine that cannot download libtensorflow gets the native backend: this repository's offline install. */
export const NATIVE_OFFLINE_INSTALL = 'npm run install:native';

/** What a native package exports that this module reads: its version. */
interface NativeModule {
  version?: Record<string, string>;
}

/**
 * Imports a native package. The specifiers are literal so that the grader's bundler resolves them to the
 * installed package's files: the grading child runs from a private folder, where a bare name would not resolve.
 * Importing registers the "tensorflow" backend with the shared tfjs-core.
 */
async function importNative(name: 'tensorflow' | 'tensorflow-gpu'): Promise<NativeModule> {
  const loaded: unknown = name === 'tensorflow' ? await import('@tensorflow/tfjs-node') : await import('@tensorflow/tfjs-node-gpu');
  // A CommonJS package imported as ESM keeps its exports both on the namespace and on `default`.
  return ((loaded as { default?: NativeModule }).default ?? loaded) as NativeModule;
}

/** Whether `error` says that the package `pkg` itself is missing (rather than something it loads). */
function isPackageMissing(error: unknown, pkg: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && message.includes(`'${pkg}'`);
}

function describeNativeLoadError(error: unknown, pkg: string): { reason: string; fix: string; problem: BackendProblem } {
  if (isPackageMissing(error, pkg)) {
    return {
      problem: 'not-installed',
      reason: `${pkg} is not installed`,
      fix:
        `Install it with \`npm install ${pkg}@${tf.version_core}\` on a machine that can download libtensorflow (GitHub runners and most ` +
        `laptops can); where that download is blocked but a TensorFlow wheel can be had, run \`${NATIVE_OFFLINE_INSTALL}\` after \`npm ci\`. ` +
        `Or use \`--backend wasm\`.`,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  // The package is there but its binding or libtensorflow is not: its install script could not download them.
  return {
    problem: 'not-loading',
    reason: `${pkg} is installed but its native library did not load (${message.split('\n')[0]})`,
    fix: `Run \`${NATIVE_OFFLINE_INSTALL}\`, which builds the binding against a TensorFlow wheel, or use \`--backend wasm\`.`,
  };
}

async function useNative(name: 'tensorflow' | 'tensorflow-gpu'): Promise<string | undefined> {
  const pkg = NATIVE_PACKAGES[name];
  process.env['TF_NUM_INTRAOP_THREADS'] ??= NATIVE_INTRA_OP_THREADS;
  let loaded: NativeModule;
  try {
    loaded = await importNative(name);
  } catch (error) {
    const { reason, fix, problem } = describeNativeLoadError(error, pkg);
    throw new BackendUnavailableError(name, reason, fix, problem);
  }
  registerNativeKernelGuards();
  if (!(await tf.setBackend('tensorflow'))) {
    throw new BackendUnavailableError(name, `${pkg} loaded but its backend failed to initialise`, 'Run `npx labgrade doctor` for details.', 'not-initialising');
  }
  return loaded.version?.[pkg.slice('@tensorflow/'.length)];
}

async function useWasm(): Promise<string> {
  let version: string;
  try {
    ({ version_wasm: version } = await import('@tensorflow/tfjs-backend-wasm'));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new BackendUnavailableError('wasm', `@tensorflow/tfjs-backend-wasm did not load (${message.split('\n')[0]})`, 'Run `npm ci` in the project folder.');
  }
  registerWasmTrainingKernels();
  if (!(await tf.setBackend('wasm'))) {
    throw new BackendUnavailableError(
      'wasm',
      'the WebAssembly module failed to initialise',
      'Use `--backend cpu`, and run `npx labgrade doctor`.',
      'not-initialising',
    );
  }
  return version;
}

/**
 * Selects and initialises a backend. A forced choice that is not installed throws
 * {@link BackendUnavailableError}; `auto` falls through to the next backend and records why.
 */
export async function selectBackend(choice: BackendChoice = 'auto'): Promise<BackendInfo> {
  const skipped: BackendInfo['skipped'] = [];
  let name: BackendName;
  let backendPackageVersion: string | undefined;
  if (choice === 'auto') {
    name = 'cpu';
    for (const candidate of ['tensorflow', 'wasm'] as const) {
      try {
        backendPackageVersion = candidate === 'tensorflow' ? await useNative('tensorflow') : await useWasm();
        name = candidate;
        break;
      } catch (error) {
        if (!(error instanceof BackendUnavailableError)) throw error;
        skipped.push({ backend: candidate, reason: error.reason, fix: error.fix, problem: error.problem });
      }
    }
    if (name === 'cpu') await tf.setBackend('cpu');
  } else {
    name = choice;
    if (choice === 'tensorflow' || choice === 'tensorflow-gpu') backendPackageVersion = await useNative(choice);
    else if (choice === 'wasm') backendPackageVersion = await useWasm();
    else await tf.setBackend('cpu');
  }
  await tf.ready();
  if (name === 'cpu') backendPackageVersion = (tf.version as Record<string, string>)['tfjs-backend-cpu'];
  return {
    name,
    tfBackend: tf.getBackend(),
    tfjsVersion: tf.version_core,
    ...(backendPackageVersion ? { backendPackageVersion } : {}),
    skipped,
  };
}
