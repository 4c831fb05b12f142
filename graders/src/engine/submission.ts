/** The code being graded: where it is for a choice of submission, and its fingerprint. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/errors.ts';
import { localized } from '../core/i18n.ts';
import { exercisesDir, relativeToRepo, solutionsDir } from '../core/paths.ts';
import type { SubmissionChoice } from './options.ts';

/** The folder of the submitted files (the exercise's `src/`) for `choice`. */
export function submissionDirOf(slug: string, choice: SubmissionChoice): string {
  if (choice.kind === 'exercise') return path.join(exercisesDir, slug, 'src');
  if (choice.kind === 'solution') {
    const dir = path.join(solutionsDir, slug, 'src');
    if (!existsSync(dir)) throw new UsageError(localized('error.no-solution', { path: relativeToRepo(dir), slug }));
    return dir;
  }
  const dir = path.resolve(choice.dir);
  // `--submission` may name a student's repository, an exercise folder or its src/ folder.
  for (const candidate of [path.join(dir, 'exercises', slug, 'src'), path.join(dir, 'src'), dir]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new UsageError(localized('error.submission-missing', { path: dir }));
}

/** The fingerprint of the submitted `files` (a missing one counts as such). */
export function submissionHash(dir: string, files: string[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort()) {
    const full = path.join(dir, file);
    hash.update(`${file}\0`);
    hash.update(existsSync(full) ? readFileSync(full) : Buffer.from('(missing)'));
    hash.update('\0');
  }
  return hash.digest('hex');
}
