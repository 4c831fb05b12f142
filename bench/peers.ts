/** Runs the peer baselines (the Python scripts in bench/peers) and reads their one-line results. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { PeerResult } from './workload.ts';

const run = promisify(execFile);

/** The repository root (bench/ is one level below it). */
export const REPO_ROOT = resolve(import.meta.dirname, '..');

/** The peers folder: `$LABGRADE_PEERS`, else `bench/peers`. */
export function peersDir(): string {
  return process.env['LABGRADE_PEERS'] ?? resolve(REPO_ROOT, 'bench', 'peers');
}

/** Debian's interpreter, where the peers' PyTorch and scikit-learn packages are installed. */
export const PYTHON = process.env['LABGRADE_PYTHON'] ?? '/usr/bin/python3';

const moduleChecks = new Map<string, Promise<string | undefined>>();

/** Why the peer script cannot run (no peers folder, no python3, a missing module), or undefined when it can. */
function whyPeerCannotRun(script: string, modules: string[]): Promise<string | undefined> {
  const key = `${script}:${modules.join(',')}`;
  let check = moduleChecks.get(key);
  if (check === undefined) {
    check = (async () => {
      if (!existsSync(join(peersDir(), script))) return `${script} not found in ${peersDir()} (set LABGRADE_PEERS)`;
      if (!existsSync(PYTHON)) return `${PYTHON} not found (apt-get install -y python3)`;
      try {
        await run(PYTHON, ['-c', modules.map((m) => `import ${m}`).join('; ')], { timeout: 120_000 });
        return undefined;
      } catch {
        return `python3 lacks ${modules.join(' or ')} (apt-get update && apt-get install -y python3-torch python3-sklearn)`;
      }
    })();
    moduleChecks.set(key, check);
  }
  return check;
}

/**
 * Runs `python3 <script> <args>` from the peers folder and parses its line: seconds from `<secondsKey>=`, CPU
 * seconds from `<cpuSecondsKey>=`, accuracy from `<accuracyKey>=`.
 */
export async function runPeer(
  name: string,
  script: string,
  args: string[],
  options: { modules: string[]; secondsKey: string; cpuSecondsKey?: string; accuracyKey?: string },
): Promise<PeerResult> {
  const why = await whyPeerCannotRun(script, options.modules);
  if (why !== undefined) return { ok: false, name, note: why };
  const { stdout } = await run(PYTHON, [join(peersDir(), script), ...args], { cwd: REPO_ROOT, timeout: 1_800_000 });
  const number = (key: string): number | undefined => {
    const match = new RegExp(`${key}=([0-9.eE+-]+)`).exec(stdout);
    return match ? Number(match[1]) : undefined;
  };
  const seconds = number(options.secondsKey);
  if (seconds === undefined) return { ok: false, name, note: `could not read ${options.secondsKey}= from: ${stdout.trim()}` };
  const accuracy = options.accuracyKey ? number(options.accuracyKey) : undefined;
  const cpuSeconds = options.cpuSecondsKey ? number(options.cpuSecondsKey) : undefined;
  return { ok: true, name, sample: { seconds, ...(cpuSeconds === undefined ? {} : { cpuSeconds }), ...(accuracy === undefined ? {} : { accuracy }) } };
}
