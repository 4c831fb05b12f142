/** A student template exported by the real CLI into a temporary folder, with this repository's packages. */
import { existsSync } from 'node:fs';
import { mkdtemp, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, runCli, type CliRun } from './grade.ts';

export interface ExportedTemplate {
  work: string;
  template: string;
  keyFile: string;
  suitesCopy: string;
  hashesFile: string;
  exported: CliRun;
}

/** Runs `labgrade export-template` (bundle key, suites copy and hashes all outside the template). */
export async function exportedTemplate(): Promise<ExportedTemplate> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'labgrade-template-'));
  const template = path.join(work, 'lab2');
  const keyFile = path.join(work, 'suites.key');
  const suitesCopy = path.join(work, 'lab2-suites');
  const hashesFile = path.join(work, 'template.json');
  const exported = await runCli(['export-template', template, '--bundle-key', keyFile, '--suites-copy', suitesCopy, '--hashes', hashesFile]);
  // What `npm ci` would install there is what this repository has installed.
  if (existsSync(template)) await symlink(path.join(repoRoot, 'node_modules'), path.join(template, 'node_modules'), 'dir');
  return { work, template, keyFile, suitesCopy, hashesFile, exported };
}
