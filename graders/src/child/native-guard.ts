/**
 * The native backend inside the grading child, confined to what TensorFlow.js's kernels do.
 *
 * Node's permission model stops JavaScript from reading or writing files outside the staging folder, but the
 * TensorFlow library behind @tensorflow/tfjs-node is native code that Node does not watch: its binding runs
 * any TensorFlow op by name, `ReadFile` and `WriteFile` among them, and loads SavedModels from any path. A
 * submission could read the hidden suites or overwrite the grader that way. So, before any student code
 * runs, the child:
 * - replaces the binding everywhere JavaScript can reach it (the backend, the module cache, the backend's
 *   factory) with one that runs only the ops TensorFlow.js's kernels call, read from the installed
 *   package's kernels (and the project's, runtime/kernels/native.ts), less TensorBoard's summary writers
 *   (they write files), and loads no SavedModel;
 * - turns off `process.dlopen`, so that no native addon is loaded afterwards (the binding again, fresh from
 *   disk, or any other `.node` file the child can read).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as tfType from '@tensorflow/tfjs';
import { NATIVE_KERNEL_OPS } from '../../../runtime/kernels/native.ts';

/** Ops TensorFlow.js's kernels call that write files: TensorBoard's summary writers. */
const FILE_OPS = ['SummaryWriter', 'CreateSummaryFileWriter', 'WriteSummary', 'WriteScalarSummary', 'WriteHistogramSummary', 'FlushSummaryWriter'];

/** The binding's functions that load or run a SavedModel from a path. */
const SAVED_MODEL_FUNCTIONS = ['loadSavedModel', 'runSavedModel', 'deleteSavedModel'];

export class NativeGuardError extends Error {
  readonly code = 'LABGRADE_NATIVE_GUARD';
  constructor(message: string) {
    super(message);
    this.name = 'NativeGuardError';
  }
}

type Binding = Record<string, unknown> & { executeOp: (name: string, ...rest: unknown[]) => unknown };

/**
 * The TensorFlow op names that the kernels of the tfjs-node package in `distDir` call (string literals and
 * TF.js kernel names, `tfjs_1.Conv2D`, passed first to the backend's execute functions), and those the
 * project's own native kernels call.
 */
export function nativeOpsOf(distDir: string, tf: typeof tfType): Set<string> {
  const ops = new Set<string>();
  const kernelNames = tf as unknown as Record<string, unknown>;
  const call = /execute(?:SingleOutput|MultipleOutputs|SingleInput|EncodeImageOp|Op)\(\s*(?:'([A-Za-z0-9_]+)'|"([A-Za-z0-9_]+)"|tfjs_1\.([A-Za-z0-9_]+))/g;
  for (const file of readdirSync(distDir, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.js') || file.endsWith('_test.js')) continue;
    const source = readFileSync(path.join(distDir, file), 'utf8');
    for (const match of source.matchAll(call)) {
      const literal = match[1] ?? match[2];
      if (literal) ops.add(literal);
      else if (typeof kernelNames[match[3]!] === 'string') ops.add(kernelNames[match[3]!] as string);
    }
  }
  for (const op of NATIVE_KERNEL_OPS) ops.add(op);
  for (const op of FILE_OPS) ops.delete(op);
  return ops;
}

function guardBinding(raw: Binding, ops: ReadonlySet<string>): Binding {
  const guarded: Record<string, unknown> = {};
  for (const name of Object.getOwnPropertyNames(raw)) {
    const value = raw[name];
    if (typeof value !== 'function') guarded[name] = value;
    else if (SAVED_MODEL_FUNCTIONS.includes(name)) {
      guarded[name] = () => {
        throw new NativeGuardError(`Loading a TensorFlow SavedModel (${name}) is not available when grading: it reads files outside the submission.`);
      };
    } else if (name === 'executeOp') {
      guarded[name] = (op: string, ...rest: unknown[]) => {
        if (!ops.has(op)) {
          throw new NativeGuardError(
            FILE_OPS.includes(op)
              ? `The TensorFlow op "${op}" is not available when grading: it writes files.`
              : `The TensorFlow op "${op}" is not available when grading: only the ops TensorFlow.js's own kernels use are. Use TensorFlow.js's functions (tf.*).`,
          );
        }
        return raw.executeOp(op, ...rest);
      };
    } else guarded[name] = (...args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(raw, args);
  }
  return Object.freeze(guarded) as Binding;
}

/**
 * Confines the loaded native backend (see the module's comment). Call it once, after the backend is selected
 * and before any student code loads; it throws when the binding cannot be found, since grading must not go on
 * with an unguarded one.
 */
export function guardNativeBackend(tf: typeof tfType): { ops: number } {
  const require = createRequire(import.meta.url);
  const modules = Object.values(require.cache).filter((m): m is NodeJS.Module => m !== undefined);
  const bindingModule = modules.find((m) => path.basename(m.filename) === 'tfjs_binding.node');
  const index = modules.find((m) => /[\\/]@tensorflow[\\/]tfjs-node(-gpu)?[\\/]dist[\\/]index\.js$/.test(m.filename));
  if (!bindingModule || !index) {
    throw new NativeGuardError(
      "Expected the native backend's binding (tfjs_binding.node) in the module cache after loading @tensorflow/tfjs-node, but it is not there. Grade with `--backend wasm`, and run `npx labgrade doctor`.",
    );
  }
  const ops = nativeOpsOf(path.dirname(index.filename), tf);
  if (ops.size < 50) {
    throw new NativeGuardError(
      `Expected @tensorflow/tfjs-node's kernels to call well over 50 TensorFlow ops, but found ${ops.size} in ${path.dirname(index.filename)}. Reinstall it (\`npm ci\`, then \`npm run install:native\`).`,
    );
  }
  const raw = bindingModule.exports as Binding;
  const guarded = guardBinding(raw, ops);
  bindingModule.exports = guarded;

  const engine = tf.engine() as unknown as {
    registry: Record<string, { binding?: Binding } | undefined>;
    registryFactory: Record<string, { factory: () => unknown; priority: number } | undefined>;
  };
  const backend = engine.registry['tensorflow'];
  if (!backend || backend.binding !== raw) {
    throw new NativeGuardError(
      'Expected the "tensorflow" backend to be initialised with the binding from the module cache, but it is not. Grade with `--backend wasm`.',
    );
  }
  Object.defineProperty(backend, 'binding', { value: guarded, writable: false, configurable: false, enumerable: true });
  const factory = engine.registryFactory['tensorflow'];
  // The factory closes over the raw binding: a new backend from it would run any op.
  if (factory) factory.factory = () => backend;

  Object.defineProperty(process, 'dlopen', {
    value: () => {
      throw new NativeGuardError('Loading native addons is not available when grading.');
    },
    writable: false,
    configurable: false,
  });
  return { ops: ops.size };
}
