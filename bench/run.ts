/**
 * `npm run bench`: times every registered workload on the project's side (each TF.js backend that loads) and on
 * its peer's side, on this machine in one run, and prints one table of medians.
 *
 *     npm run bench -- [--reps N] [--only TEXT] [--grading quick|all|none]
 *
 * Then a second table: the grader's overhead on each exercise's reference solution (bench/grading.ts);
 * `quick` (the default without --only) leaves out the two exercises that train for minutes, `all` grades
 * every exercise, `none` (the default with --only) none.
 *
 * The CPU may be shared with other work; every row is a median of `--reps` runs (default 3) for that reason,
 * the peer and the backends take turns run by run, and CPU time is measured beside wall-clock time.
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { BackendUnavailableError, selectBackend, type BackendName } from '../runtime/backend.ts';
import { listExercises } from '../graders/src/engine/catalogue.ts';
import { formatGradingTable, gradeOnce, LONG_EXERCISES, type GradingSample } from './grading.ts';
import { peerInterpreters } from './peers.ts';
import { markdownTable, median } from './table.ts';
import type { PeerResult, Sample, Workload } from './workload.ts';
import { WORKLOADS } from './workloads/index.ts';

/** One line of the table. */
interface Row {
  workload: string;
  backend: string;
  project?: Sample[];
  projectNote?: string;
  peerName?: string;
  peer?: Sample[];
  peerNote?: string;
}

const log = (message: string): void => void process.stderr.write(`${message}\n`);

function summary(samples: Sample[] | undefined): { seconds?: number; cpuSeconds?: number; accuracy?: number } {
  if (!samples?.length) return {};
  const accuracies = samples.flatMap((s) => (s.accuracy === undefined ? [] : [s.accuracy]));
  const cpu = samples.flatMap((s) => (s.cpuSeconds === undefined ? [] : [s.cpuSeconds]));
  return {
    seconds: median(samples.map((s) => s.seconds)),
    ...(cpu.length === samples.length ? { cpuSeconds: median(cpu) } : {}),
    ...(accuracies.length ? { accuracy: median(accuracies) } : {}),
  };
}

async function useBackend(name: BackendName): Promise<string | undefined> {
  try {
    await selectBackend(name);
    return undefined;
  } catch (error) {
    if (error instanceof BackendUnavailableError) return error.reason;
    throw error;
  }
}

/** One timed run of the project's side, on `backend` (selected first) or, for workloads without TF.js, as is. */
async function runProjectOnce(workload: Workload, row: Row, backend: BackendName | undefined, rep: number, reps: number): Promise<void> {
  if (row.projectNote !== undefined) return;
  const unavailable = backend === undefined ? undefined : await useBackend(backend);
  if (unavailable !== undefined) {
    row.projectNote = `skipped: ${unavailable}`;
    return;
  }
  const before = tf.memory().numTensors;
  const sample = await workload.runProject();
  if (tf.memory().numTensors !== before) log(`  warning: ${workload.name} left ${tf.memory().numTensors - before} tensors behind`);
  log(`  ${workload.name} on ${row.backend}, run ${rep + 1}/${reps}: ${describeSample(sample)}`);
  (row.project ??= []).push(sample);
}

/** One run of the peer, into `peer`; false when the peer cannot run (its note says why). */
async function runPeerOnce(workload: Workload, peer: Pick<Row, 'peerName' | 'peer' | 'peerNote'>, rep: number, reps: number): Promise<boolean> {
  if (!workload.runPeer || peer.peerNote !== undefined) return false;
  const result: PeerResult = await workload.runPeer();
  peer.peerName = result.name;
  if (!result.ok) {
    peer.peerNote = `skipped: ${result.note}`;
    return false;
  }
  log(`  ${workload.name} on ${result.name}, run ${rep + 1}/${reps}: ${describeSample(result.sample)}`);
  (peer.peer ??= []).push(result.sample);
  return true;
}

function describeSample(sample: Sample): string {
  const cpu = sample.cpuSeconds === undefined ? '' : ` (CPU ${sample.cpuSeconds.toFixed(2)} s)`;
  return `${sample.seconds.toFixed(2)} s${cpu}, accuracy ${sample.accuracy?.toFixed(4) ?? '-'}`;
}

function formatTable(rows: Row[], reps: number): string {
  const header = ['workload', 'project backend', 'project s (median)', 'peer', 'peer s (median)', 'ratio', 'CPU ratio', 'project acc', 'peer acc'];
  const seconds = (s?: number): string => (s === undefined ? '-' : s.toFixed(2));
  const accuracy = (a?: number): string => (a === undefined ? '-' : a.toFixed(4));
  const ratio = (a?: number, b?: number): string => (a !== undefined && b ? `${(a / b).toFixed(2)}x` : '-');
  const lines = rows.map((row) => {
    const project = summary(row.project);
    const peer = summary(row.peer);
    return [
      row.workload,
      row.backend,
      seconds(project.seconds),
      row.peerName ?? '-',
      seconds(peer.seconds),
      ratio(project.seconds, peer.seconds),
      ratio(project.cpuSeconds, peer.cpuSeconds),
      accuracy(project.accuracy),
      accuracy(peer.accuracy),
    ];
  });
  const notes = rows.flatMap((row) => [
    ...(row.projectNote ? [`- ${row.workload} on ${row.backend}: ${row.projectNote}`] : []),
    ...(row.peerNote ? [`- ${row.workload}, peer ${row.peerName}: ${row.peerNote}`] : []),
  ]);
  return [
    ...markdownTable(header, lines),
    '',
    `Medians of ${reps} runs each, the peer's and the project's backends taking turns run by run; ratio = project / peer,`,
    'in wall-clock time and in CPU time (every thread counted; steadier where other work shares the machine).',
    'Accuracy is the running training accuracy of the epoch.',
    ...[...new Set(notes)],
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { reps: { type: 'string', default: '3' }, only: { type: 'string' }, grading: { type: 'string' } } });
  const grading = values.grading ?? (values.only === undefined ? 'quick' : 'none');
  if (!['quick', 'all', 'none'].includes(grading)) throw new Error(`Expected --grading to be quick, all or none, but got "${grading}".`);
  const reps = Number(values.reps);
  if (!Number.isInteger(reps) || reps < 1) throw new Error(`Expected --reps to be a positive integer, but got "${values.reps}".`);
  const workloads = WORKLOADS.filter((w) => values.only === undefined || w.name.includes(values.only));
  if (workloads.length === 0 && values.only !== undefined && grading === 'none')
    throw new Error(`No workload name contains "${values.only}". Workloads: ${WORKLOADS.map((w) => w.name).join(', ')}.`);

  const rows: Row[] = [];
  for (const workload of workloads) {
    log(`${workload.name}: ${workload.description}`);
    const backends = workload.backends ?? ['wasm'];
    const own: Row[] = (backends.length ? backends : [undefined]).map((backend) => ({ workload: workload.name, backend: backend ?? '-' }));
    const peer: Pick<Row, 'peerName' | 'peer' | 'peerNote'> = {};
    // Run by run, the peer and then each backend: a change in the machine's load touches every side alike.
    for (let rep = 0; rep < reps; rep++) {
      await runPeerOnce(workload, peer, rep, reps);
      for (const [i, row] of own.entries()) await runProjectOnce(workload, row, backends[i], rep, reps);
    }
    // A peer's runs are shown against every backend.
    for (const row of own) rows.push({ ...row, ...peer });
  }
  if (rows.length) process.stdout.write(`${formatTable(rows, reps)}\n`);
  // Which interpreter ran the peers: the first with their modules (LABGRADE_PYTHON, else the PATH's, then /usr/bin).
  for (const [modules, python] of peerInterpreters) process.stdout.write(`Peers with ${modules}: ${python}.\n`);

  if (grading === 'none') return;
  const slugs = (await listExercises()).filter((slug) => grading === 'all' || !LONG_EXERCISES.includes(slug));
  const gradings: { slug: string; samples: GradingSample[] }[] = [];
  for (const slug of slugs) {
    const samples: GradingSample[] = [];
    for (let rep = 0; rep < reps; rep++) {
      const sample = await gradeOnce(slug);
      log(`  grading ${slug}, run ${rep + 1}/${reps}: overhead ${(sample.graderMs / 1000).toFixed(2)} s, student ${(sample.studentMs / 1000).toFixed(2)} s`);
      samples.push(sample);
    }
    gradings.push({ slug, samples });
  }
  process.stdout.write(`\n${formatGradingTable(gradings, reps)}\n`);
}

await main();
