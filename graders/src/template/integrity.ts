/**
 * Tamper detection, run by the grader in the main process: the SHA-256 of every file the student template
 * shipped outside the students' src/ folders (`template.json`, carried with the hidden suites), and the files
 * of a student repository that differ from them. Grading imports this file alone, not the exporter.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { suitesDir } from '../core/paths.ts';
import { BUNDLE_FILE, walk } from './tree.ts';

/** The hashes' file name, in graders/suites and among the suites a template ships. */
export const TEMPLATE_HASHES_FILE = 'template.json';

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

const TemplateHashes = z.object({
  format: z.literal('labgrade-template'),
  version: z.literal(1),
  files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
});
export type TemplateHashes = z.infer<typeof TemplateHashes>;

/** The SHA-256 of every template file a student is not meant to change (all but exercises/<slug>/src/). */
export function templateHashes(dir: string): TemplateHashes {
  const files: Record<string, string> = {};
  for (const file of walk(dir, dir)) {
    if (/^exercises\/[^/]+\/src\//.test(file) || file === BUNDLE_FILE) continue;
    files[file] = sha256(readFileSync(path.join(dir, file)));
  }
  return { format: 'labgrade-template', version: 1, files };
}

/** The hashes the template shipped with, when the hidden suites carry them. */
export function shippedHashes(): TemplateHashes | undefined {
  const file = path.join(suitesDir, TEMPLATE_HASHES_FILE);
  if (!existsSync(file)) return undefined;
  return TemplateHashes.parse(JSON.parse(readFileSync(file, 'utf8')));
}

export interface TamperFinding {
  file: string;
  change: 'changed' | 'missing';
}

/** The shipped files that differ in, or are missing from, the repository at `root`. */
export function tamperFindings(root: string, hashes: TemplateHashes): TamperFinding[] {
  const findings: TamperFinding[] = [];
  for (const [file, expected] of Object.entries(hashes.files)) {
    const full = path.join(root, file);
    if (!existsSync(full)) findings.push({ file, change: 'missing' });
    else if (sha256(readFileSync(full)) !== expected) findings.push({ file, change: 'changed' });
  }
  return findings;
}
