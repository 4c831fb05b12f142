/**
 * `labgrade doctor`: whether this machine can grade, and how to fix what is missing: Node's version, the
 * TensorFlow.js backend that loads (and why a faster one does not), the datasets and their checksums, and
 * whether each exercise's files compile.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DATASET_NAMES, datasetEntry, isStored } from '../../../datasets/registry.ts';
import { msg } from '../core/i18n.ts';
import type { Language, Manifest } from '../core/manifest.ts';
import { exercisesDir, relativeToRepo } from '../core/paths.ts';

export type DoctorStatus = 'ok' | 'warn' | 'problem';

export interface DoctorFinding {
  topic: 'node' | 'backend' | 'dataset' | 'compile';
  status: DoctorStatus;
  message: string;
}

/** The oldest Node.js the project supports (package.json `engines`). */
export const MIN_NODE = '20.19.0';

function atLeast(version: string, minimum: string): boolean {
  const a = version.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

export function checkNode(version: string, language: Language): DoctorFinding {
  const ok = atLeast(version, MIN_NODE);
  return { topic: 'node', status: ok ? 'ok' : 'problem', message: msg(ok ? 'doctor.node.ok' : 'doctor.node.old', language, { version, required: MIN_NODE }) };
}

/** Why a faster backend is not in use, and what installs it; for the native backend, both ways to install it. */
function skippedMessage(skipped: { backend: string; reason: string; fix: string; problem?: string }, language: Language): string {
  if (skipped.backend === 'tensorflow' && skipped.problem === 'not-installed')
    return msg('doctor.backend.native-missing', language, { pkg: '@tensorflow/tfjs-node' });
  if (skipped.backend === 'tensorflow' && skipped.problem === 'not-loading') return msg('doctor.backend.native-broken', language, { reason: skipped.reason });
  return msg('doctor.backend.skipped', language, { name: skipped.backend, reason: skipped.reason, fix: skipped.fix });
}

async function checkBackend(language: Language): Promise<DoctorFinding[]> {
  const { selectBackend } = await import('../../../runtime/backend.ts');
  try {
    const info = await selectBackend('auto');
    const pkg = info.backendPackageVersion
      ? `${info.name === 'wasm' ? '@tensorflow/tfjs-backend-wasm' : info.name === 'cpu' ? '@tensorflow/tfjs-backend-cpu' : '@tensorflow/tfjs-node'} ${info.backendPackageVersion}`
      : '';
    return [
      { topic: 'backend', status: 'ok', message: msg('doctor.backend.ok', language, { name: info.name, tfjs: info.tfjsVersion, pkg }) },
      ...info.skipped.map((s): DoctorFinding => ({ topic: 'backend', status: 'warn', message: skippedMessage(s, language) })),
    ];
  } catch (error) {
    return [{ topic: 'backend', status: 'problem', message: msg('doctor.backend.failed', language, { reason: (error as Error).message }) }];
  }
}

/** One finding per dataset in the registry, in its order; a dataset's problems are one line each. */
export async function checkDatasets(language: Language): Promise<DoctorFinding[]> {
  const findings: DoctorFinding[] = [];
  for (const name of DATASET_NAMES) {
    const entry = datasetEntry(name);
    const { title } = entry;
    if (!isStored(entry)) {
      findings.push({ topic: 'dataset', status: 'ok', message: msg('doctor.dataset.generated', language, { name: title }) });
      continue;
    }
    const problems = await entry.verify(language);
    findings.push(
      problems.length
        ? {
            topic: 'dataset',
            status: 'problem',
            message: problems.map((problem) => msg('doctor.dataset.problem', language, { name: title, problem })).join('\n'),
          }
        : { topic: 'dataset', status: 'ok', message: msg('doctor.dataset.ok', language, { name: title }) },
    );
  }
  return findings;
}

/** Type-checks every exercise's student files in one TypeScript program (TensorFlow.js's declarations are read once). */
async function checkExercises(manifests: Manifest[], language: Language): Promise<DoctorFinding[]> {
  const { CheckerPrograms, typeErrorsOf } = await import('../static/type-check.ts');
  const perExercise = manifests.map((m) => {
    const dir = path.join(exercisesDir, m.id, 'src');
    const full = m.files.map((file) => path.join(exercisesDir, m.id, file));
    return { manifest: m, dir, full: full.filter((f) => existsSync(f)), missing: m.files.filter((_, i) => !existsSync(full[i]!)) };
  });
  const program = new CheckerPrograms().create(perExercise.flatMap((e) => e.full));
  return perExercise.map(({ manifest, dir, full, missing }): DoctorFinding => {
    const files = full.map((f) => program.getSourceFile(f)!).filter(Boolean);
    if (missing.length) {
      const file = missing[0]!;
      return {
        topic: 'compile',
        status: 'problem',
        message: msg('doctor.compile.missing', language, { slug: manifest.id, file, path: relativeToRepo(path.join(exercisesDir, manifest.id, file)) }),
      };
    }
    const errors = typeErrorsOf(program, files, dir);
    if (!errors.length)
      return { topic: 'compile', status: 'ok', message: msg('doctor.compile.ok', language, { slug: manifest.id, files: manifest.files.join(', ') }) };
    const first = errors[0]!;
    return {
      topic: 'compile',
      status: 'problem',
      message: msg('doctor.compile.errors', language, {
        slug: manifest.id,
        count: errors.length,
        first: `${first.file}:${first.line ?? '?'} ${first.message}`,
      }),
    };
  });
}

/** Every finding, in the order they are printed. */
export async function runDoctor(manifests: Manifest[], language: Language): Promise<DoctorFinding[]> {
  return [
    checkNode(process.versions.node, language),
    ...(await checkBackend(language)),
    ...(await checkDatasets(language)),
    ...(await checkExercises(manifests, language)),
  ];
}

/** The findings as terminal text, ending with a summary line. */
export function formatDoctor(findings: DoctorFinding[], language: Language): string {
  const mark: Record<DoctorStatus, string> = { ok: '✓', warn: '!', problem: '✗' };
  const problems = findings.filter((f) => f.status === 'problem').length;
  const lines = findings.map((f) =>
    f.message
      .split('\n')
      .map((line, i) => `${i ? '  ' : `${mark[f.status]} `}${line}`)
      .join('\n'),
  );
  return `${msg('doctor.title', language)}\n\n${lines.join('\n')}\n\n${problems ? msg('doctor.summary.problems', language, { count: problems }) : msg('doctor.summary.ok', language)}\n`;
}
