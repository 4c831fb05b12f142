/**
 * Runs the peer baselines (the Python scripts in bench/peers) and reads their one-line results, on the first
 * Python interpreter that has the peers' modules.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { PeerResult } from './workload.ts';

const run = promisify(execFile);

/** The repository root (bench/ is one level below it). */
export const REPO_ROOT = resolve(import.meta.dirname, '..');

/** The peers folder: `$LABGRADE_PEERS`, else `bench/peers`. */
export function peersDir(): string {
  return process.env['LABGRADE_PEERS'] ?? resolve(REPO_ROOT, 'bench', 'peers');
}

/**
 * The Python interpreters to try for the peers, in order: `$LABGRADE_PYTHON` alone when it is set; else every
 * `python3` and `python3.N` on the PATH, in PATH order, then Debian's and the usual local installs
 * (/usr/bin/python3, where `apt-get install python3-torch python3-sklearn` puts the peers' modules, and
 * /usr/local/bin/python3). The same interpreter reached twice (a link in the same folder) is tried once.
 */
export function pythonCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env['LABGRADE_PYTHON']) return [env['LABGRADE_PYTHON']];
  const onPath = (env['PATH'] ?? '')
    .split(delimiter)
    .filter(Boolean)
    .flatMap((dir) => {
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        return [];
      }
      const pythons = names.filter((n) => /^python3(\.\d+)?$/.test(n)).sort((a, b) => a.length - b.length || a.localeCompare(b));
      return pythons.map((n) => join(dir, n));
    });
  const seen = new Set<string>();
  return [...onPath, '/usr/bin/python3', '/usr/local/bin/python3'].filter((candidate) => {
    let key: string;
    try {
      // One interpreter in one folder (python3 and python3.11 beside it, /bin and /usr/bin); a virtual
      // environment's link to the same binary is another interpreter, with its own modules.
      key = `${realpathSync(dirname(candidate))}:${realpathSync(candidate)}`;
    } catch {
      return false;
    }
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The first interpreter that imports every module, or why none could; and each one tried. */
export async function findPeerPython(modules: string[], candidates = pythonCandidates()): Promise<{ python?: string; version?: string; tried: string[] }> {
  const tried: string[] = [];
  for (const python of candidates) {
    try {
      const { stdout } = await run(python, ['-c', `import sys; ${modules.map((m) => `import ${m}`).join('; ')}; print(sys.version.split()[0])`], {
        timeout: 120_000,
      });
      return { python, version: stdout.trim(), tried: [...tried, python] };
    } catch (error) {
      const missing = /No module named '([^']+)'/.exec(String((error as { stderr?: string }).stderr ?? ''))?.[1];
      tried.push(`${python}${missing ? ` (no ${missing})` : ' (does not run)'}`);
    }
  }
  return { tried };
}

/** The interpreter each module set ran on, for the bench to say which it used. */
export const peerInterpreters = new Map<string, string>();

const peerChecks = new Map<string, Promise<{ python: string } | { why: string }>>();

/** The interpreter to run the peer script with, or why it cannot run (no peers folder, no interpreter with the modules). */
function peerPython(script: string, modules: string[]): Promise<{ python: string } | { why: string }> {
  const key = `${script}:${modules.join(',')}`;
  let check = peerChecks.get(key);
  if (check === undefined) {
    check = (async () => {
      if (!existsSync(join(peersDir(), script))) return { why: `${script} not found in ${peersDir()} (set LABGRADE_PEERS)` };
      const found = await findPeerPython(modules);
      if (!found.python) {
        const tried = found.tried.length ? found.tried.join(', ') : 'no python3 on the PATH or in /usr/bin';
        return {
          why: `no Python interpreter has ${modules.join(' and ')} (tried ${tried}); apt-get update && apt-get install -y python3-torch python3-sklearn, or name one with LABGRADE_PYTHON`,
        };
      }
      peerInterpreters.set(modules.join(', '), `${found.python} (Python ${found.version})`);
      return { python: found.python };
    })();
    peerChecks.set(key, check);
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
  const peer = await peerPython(script, options.modules);
  if ('why' in peer) return { ok: false, name, note: peer.why };
  // A peer asked for N threads gets them from its thread pools too: torch.set_num_threads alone leaves
  // OpenMP's pool at one thread per core, whose threads spin between ops (CPU time near twice the wall
  // time on 2 cores for "1 thread").
  const threads = args.indexOf('--threads') >= 0 ? args[args.indexOf('--threads') + 1] : undefined;
  const env = threads ? { ...process.env, OMP_NUM_THREADS: threads, MKL_NUM_THREADS: threads } : process.env;
  const { stdout } = await run(peer.python, [join(peersDir(), script), ...args], { cwd: REPO_ROOT, timeout: 1_800_000, env });
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
