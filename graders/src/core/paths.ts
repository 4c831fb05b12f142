/** Where things live in the repository, resolved from this file so the CLI works from any folder. */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const exercisesDir = path.join(repoRoot, 'exercises');
export const solutionsDir = path.join(repoRoot, 'solutions');
export const gradersDir = path.join(repoRoot, 'graders');
export const suitesDir = path.join(gradersDir, 'suites');
export const runtimeDir = path.join(repoRoot, 'runtime');
export const datasetsDir = path.join(repoRoot, 'datasets');
export const nodeModulesDir = path.join(repoRoot, 'node_modules');

/** A path relative to the repository root, with forward slashes, for messages and results. */
export function relativeToRepo(p: string): string {
  const rel = path.relative(repoRoot, p);
  return (rel.startsWith('..') ? p : rel).split(path.sep).join('/');
}
