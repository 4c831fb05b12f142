/** Where exercises live: the exercises of this repository, their manifests, and their hidden suites' drivers. */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { LabgradeError, UnknownExerciseError } from '../core/errors.ts';
import { localized } from '../core/i18n.ts';
import { loadManifest, type Manifest } from '../core/manifest.ts';
import { exercisesDir, relativeToRepo, solutionsDir, suitesDir } from '../core/paths.ts';

/** Exercise slugs in the repository, in order. */
export async function listExercises(): Promise<string[]> {
  if (!existsSync(exercisesDir)) return [];
  const entries = await readdir(exercisesDir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && existsSync(path.join(exercisesDir, e.name, 'exercise.json')))
    .map((e) => e.name)
    .sort();
}

export async function loadExercise(slug: string): Promise<Manifest> {
  const file = path.join(exercisesDir, slug, 'exercise.json');
  if (!existsSync(file)) throw new UnknownExerciseError(slug, await listExercises());
  return loadManifest(file);
}

/** The driver of the exercise's hidden suite; a repository without the suite cannot grade the exercise. */
export function suiteDriverOf(slug: string): string {
  const driverFile = path.join(suitesDir, slug, 'driver.ts');
  if (!existsSync(driverFile)) {
    throw new LabgradeError(
      'LABGRADE_SUITE_MISSING',
      existsSync(solutionsDir)
        ? localized('error.suite-missing', { slug, path: relativeToRepo(path.dirname(driverFile)) })
        : localized('error.suite-not-here', { slug }),
    );
  }
  return driverFile;
}
