/**
 * Starts the child process that runs student code, from the grader: Node's permission model (no reads
 * outside the staging folder and TF.js), a clean environment, a memory cap, its own process group (killed
 * whole when done), and on Linux a parent-death signal, so that the child never outlives the grader.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { NATIVE_INTRA_OP_THREADS, type BackendChoice } from '../../../runtime/backend-choice.ts';
import { packageClosure } from './closure.ts';
import type { StagedSubmission } from './stage.ts';

/** What the child is started with. */
export interface ChildLaunch {
  staged: StagedSubmission;
  submissionDir: string;
  backend: BackendChoice;
  seed: number;
  memoryMiB: number;
  /** Passed in the environment; the driver's messages carry it (protocol.ts). */
  nonce: string;
}

function permissionFlag(): string {
  return process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
}

/** Node's flags and the child's entry: reads limited to the staging folder and the TF.js packages. */
function nodeArgs({ staged, backend, memoryMiB }: ChildLaunch, configFile: string): string[] {
  const packages = ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm'];
  if (backend === 'tensorflow' || backend === 'auto') packages.push('@tensorflow/tfjs-node');
  if (backend === 'tensorflow-gpu') packages.push('@tensorflow/tfjs-node-gpu');
  const readable = [staged.dir, ...packageClosure(packages)];
  return [
    permissionFlag(),
    ...readable.map((dir) => `--allow-fs-read=${dir}`),
    ...(backend === 'tensorflow' || backend === 'tensorflow-gpu' || backend === 'auto' ? ['--allow-addons'] : []),
    `--max-old-space-size=${memoryMiB}`,
    '--enable-source-maps',
    '--no-warnings',
    staged.childBundle,
    configFile,
  ];
}

/** Writes the child's config.json into the staging folder and starts it; it talks over IPC. */
export async function spawnChild(launch: ChildLaunch): Promise<ChildProcess> {
  const { staged, backend, seed } = launch;
  const configFile = path.join(staged.dir, 'config.json');
  await writeFile(
    configFile,
    JSON.stringify({ backend, seed, studentBundle: staged.studentBundle, dataDir: staged.dataDir, submissionDir: path.resolve(launch.submissionDir) }),
  );
  const usePdeathsig = process.platform === 'linux' && existsSync('/usr/bin/setpriv');
  const command = usePdeathsig ? '/usr/bin/setpriv' : process.execPath;
  const node = nodeArgs(launch, configFile);
  const args = usePdeathsig ? ['--pdeathsig', 'KILL', '--', process.execPath, ...node] : node;
  return spawn(command, args, {
    cwd: staged.dir,
    // No secrets, tokens or CI variables reach student code.
    env: {
      PATH: '/usr/local/bin:/usr/bin:/bin',
      HOME: staged.dir,
      LANG: 'C.UTF-8',
      TF_CPP_MIN_LOG_LEVEL: '2',
      // One thread per TensorFlow op on the native backend: faster here, and the same sums on every machine.
      TF_NUM_INTRAOP_THREADS: NATIVE_INTRA_OP_THREADS,
      LABGRADE_NONCE: launch.nonce,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
    detached: true,
  });
}
