/**
 * Whether the native `tensorflow` backend (@tensorflow/tfjs-node) works on this machine, checked once per test
 * file by loading it in a separate Node process (loading it here would put TensorFlow into the test worker).
 *
 * Tests that need it are skipped where it does not load, with the reason in their title; where CI installed
 * it (`LABGRADE_REQUIRE_NATIVE=1`, set by .ci/run after `npm run install:native` succeeded) a missing backend
 * is a failure instead.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface NativeBackendStatus {
  available: boolean;
  /** Why it is not available, with the fix. */
  reason: string;
}

function probe(): NativeBackendStatus {
  const run = spawnSync(
    process.execPath,
    ['-e', "const tf = require('@tensorflow/tfjs-node'); if (tf.getBackend() !== 'tensorflow') throw new Error('backend ' + tf.getBackend());"],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  if (run.status === 0) return { available: true, reason: '' };
  const message = `${run.stderr ?? ''}${run.error?.message ?? ''}`;
  const missing = /Cannot find module '@tensorflow\/tfjs-node'/.test(message);
  const firstError =
    message
      .split('\n')
      .find((line) => /Error/.test(line))
      ?.trim() ?? `exit code ${run.status}`;
  return {
    available: false,
    reason: missing
      ? '@tensorflow/tfjs-node is not installed; run `npm run install:native`'
      : `@tensorflow/tfjs-node does not load (${firstError}); run \`npm run install:native -- --force\``,
  };
}

export const nativeBackend: NativeBackendStatus = probe();

/** Set by .ci/run where it installed the native backend: its tests must run, not be skipped. */
export const nativeRequired = process.env['LABGRADE_REQUIRE_NATIVE'] === '1';

/** `title`, with why it is skipped where the native backend is not available. */
export function nativeTitle(title: string): string {
  return nativeBackend.available ? title : `${title} (skipped: ${nativeBackend.reason})`;
}

/** A describe block that runs only where the native backend is available, and says why where it is not. */
export function describeNative(title: string, body: () => void): void {
  describe.skipIf(!nativeBackend.available)(nativeTitle(title), body);
}

/** Declares the test that fails where the native backend is required but does not load. */
export function requireNativeWhereInstalled(): void {
  test.runIf(nativeRequired && !nativeBackend.available)('the native backend loads where LABGRADE_REQUIRE_NATIVE=1', () => {
    throw new Error(`Expected @tensorflow/tfjs-node to load (LABGRADE_REQUIRE_NATIVE=1), but ${nativeBackend.reason}.`);
  });
}
