/** The machine and packages a grading runs on: checked before it starts, and recorded in its result. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { BackendChoice } from '../../../runtime/backend-choice.ts';
import { LabgradeError } from '../core/errors.ts';
import { localized } from '../core/i18n.ts';
import { repoRoot } from '../core/paths.ts';
import type { GradeResult } from '../core/result.ts';
import type { SubmissionReport } from '../suite/channel.ts';

/** Fails fast, before any work, when a forced native backend's package is not installed at all. */
export function assertBackendInstalled(backend: BackendChoice): void {
  if (backend !== 'tensorflow' && backend !== 'tensorflow-gpu') return;
  const pkg = backend === 'tensorflow' ? '@tensorflow/tfjs-node' : '@tensorflow/tfjs-node-gpu';
  try {
    createRequire(import.meta.url).resolve(pkg);
  } catch {
    throw new LabgradeError('LABGRADE_BACKEND_UNAVAILABLE', localized('error.backend-missing', { backend, pkg }));
  }
}

export function labgradeVersion(): string {
  return (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The result's record of where it was graded, with the backend the submission ran on (if it started). */
export function environmentOf(backendInfo: SubmissionReport['backend']): GradeResult['environment'] {
  const cpus = os.cpus();
  return {
    labgradeVersion: labgradeVersion(),
    nodeVersion: process.versions.node,
    platform: process.platform,
    arch: process.arch,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus.length,
    memoryMiB: Math.round(os.totalmem() / 2 ** 20),
    backend: backendInfo?.name ?? 'none',
    tfjsVersion: backendInfo?.tfjsVersion ?? 'none',
    ...(backendInfo?.backendPackageVersion ? { backendPackageVersion: backendInfo.backendPackageVersion } : {}),
    ci: Boolean(process.env.CI),
  };
}
