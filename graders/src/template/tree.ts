/**
 * The files of a template folder (or of this repository), as the exporter, the leak scan and the tamper check
 * all see them: everything but installed packages, grading output and Finder litter.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Never copied, wherever they appear below a copied folder. */
const SKIPPED_NAMES = new Set(['node_modules', '.labgrade', 'results', '.DS_Store']);

/** The encrypted hidden suites, when the template carries them; a path inside the template. */
export const BUNDLE_FILE = 'graders/suites.bundle';

const toPosix = (p: string) => p.split(path.sep).join('/');

/** Every file below `dir`, as paths relative to `base`, sorted. */
export function walk(dir: string, base: string): string[] {
  if (!existsSync(dir)) return [];
  if (statSync(dir).isFile()) return [toPosix(path.relative(base, dir))];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED_NAMES.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full, base));
    else if (entry.isFile()) out.push(toPosix(path.relative(base, full)));
  }
  return out.sort();
}
