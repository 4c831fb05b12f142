/** The template files a student repository changed, found once per process and repository. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, solutionsDir } from '../core/paths.ts';
import { shippedHashes, tamperFindings, type TamperFinding } from '../template/integrity.ts';
import type { SubmissionChoice } from './options.ts';

/** Each repository's template changes, found once per process (a repository is graded for every exercise). */
const templateChangesByRoot = new Map<string, TamperFinding[]>();

/**
 * The template files a student repository changed, when the hidden suites carry the template's hashes:
 * checked for the repository being graded, or for `--submission DIR` when DIR is a whole repository.
 */
export function templateChangesFor(slug: string, choice: SubmissionChoice): { templateChanges?: TamperFinding[] } {
  // This repository itself (it has the solutions) is where the template comes from, not a copy of it.
  const root =
    choice.kind === 'exercise'
      ? existsSync(solutionsDir)
        ? undefined
        : repoRoot
      : choice.kind === 'custom' && existsSync(path.join(path.resolve(choice.dir), 'exercises', slug, 'src'))
        ? path.resolve(choice.dir)
        : undefined;
  if (!root) return {};
  if (!templateChangesByRoot.has(root)) {
    const hashes = shippedHashes();
    if (!hashes) return {};
    templateChangesByRoot.set(root, tamperFindings(root, hashes));
  }
  return { templateChanges: templateChangesByRoot.get(root)! };
}
