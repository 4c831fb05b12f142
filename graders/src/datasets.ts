/**
 * Verifies the datasets an exercise needs before grading starts, so a missing or corrupt file stops grading
 * with a clear error (exit code 1) instead of turning into failed checks.
 */
import type { Manifest } from './manifest.ts';
import { LabgradeError } from './errors.ts';

export class DatasetUnavailableError extends LabgradeError {
  constructor(message: string) {
    super('LABGRADE_DATASET_UNAVAILABLE', message);
    this.name = 'DatasetUnavailableError';
  }
}

/** Checks every dataset the manifest names; throws DatasetUnavailableError listing every problem. */
export async function verifyDatasets(manifest: Manifest): Promise<void> {
  const problems: string[] = [];
  for (const name of manifest.datasets) {
    if (name === 'mnist') {
      const { verifyMnist } = await import('../../datasets/mnist.ts');
      for (const check of await verifyMnist()) if (!check.ok) problems.push(check.problem ?? `${check.file} failed verification`);
    } else if (name === 'wdbc') {
      const { loadWdbc } = await import('../../datasets/wdbc.ts');
      try {
        await loadWdbc();
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
    // Generated datasets (mri-phantoms, neuro-cohort) have no files to verify.
  }
  if (problems.length) {
    throw new DatasetUnavailableError(`Grading ${manifest.id} needs data that is missing or damaged:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}
