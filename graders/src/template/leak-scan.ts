/**
 * The export's leak scan: any line of a reference solution that its stub does not share, and any line of a
 * hidden suite, found in the template folder stops the export (export.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, solutionsDir, suitesDir } from '../core/paths.ts';
import { BUNDLE_FILE, walk } from './tree.ts';

/** Lines of `text` worth looking for elsewhere: long enough to be specific, not blank or punctuation. */
function distinctiveLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length >= 24 && /[A-Za-z0-9]/.test(l));
}

export interface Leak {
  /** The template file the text was found in. */
  file: string;
  /** Where the text comes from: a solution or hidden suite file. */
  source: string;
  line: string;
}

/**
 * Lines that must not appear in a student template: those of every hidden suite file, and those of every
 * reference solution that its stub does not share (the stub keeps signatures and doc comments). A line also
 * present in a file the template ships on purpose (a runtime import, say) is not secret and is left out.
 */
export function secretLines(): Map<string, string> {
  const shipped = new Set<string>();
  for (const dir of ['exercises', 'runtime', 'datasets', 'graders/src', 'graders/submission-env', 'bin']) {
    for (const file of walk(path.join(repoRoot, dir), repoRoot)) {
      for (const line of distinctiveLines(readFileSync(path.join(repoRoot, file), 'utf8'))) shipped.add(line);
    }
  }
  const secrets = new Map<string, string>();
  const add = (file: string) => {
    for (const line of distinctiveLines(readFileSync(path.join(repoRoot, file), 'utf8'))) {
      if (!shipped.has(line) && !secrets.has(line)) secrets.set(line, file);
    }
  };
  for (const file of walk(solutionsDir, repoRoot)) add(file);
  for (const file of walk(suitesDir, repoRoot)) add(file);
  return secrets;
}

/** Every place in the template folder `dir` where a secret line appears, and any solutions/ or suites/ path. */
export function findLeaks(dir: string, secrets = secretLines()): Leak[] {
  const leaks: Leak[] = [];
  for (const file of walk(dir, dir)) {
    if (file === BUNDLE_FILE) continue; // encrypted
    if (/^(solutions|graders\/suites)\//.test(file)) {
      leaks.push({ file, source: file, line: '(the whole file)' });
      continue;
    }
    const text = readFileSync(path.join(dir, file), 'utf8');
    for (const line of distinctiveLines(text)) {
      const source = secrets.get(line);
      if (source) leaks.push({ file, source, line });
    }
  }
  return leaks;
}
