/**
 * Verifies the datasets an exercise needs before grading starts, so a missing or corrupt file stops grading
 * with a clear error (exit code 1) instead of turning into failed checks.
 */
import { datasetEntry, isStored } from '../../../datasets/registry.ts';
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
 * Checks every dataset the manifest names (datasets/registry.ts says how); throws DatasetUnavailableError
 * listing every problem, in the language of the CLI's error messages (`--lang`).
 */
export async function verifyDatasets(manifest: Manifest): Promise<void> {
  const language = getErrorLanguage();
  const problems: string[] = [];
  for (const name of manifest.datasets) {
    const entry = datasetEntry(name);
    // Generated datasets have no files to verify.
    if (isStored(entry)) problems.push(...(await entry.verify(language)));
  }
  if (problems.length) {
    throw new DatasetUnavailableError(`${errorMsg('error.dataset-unavailable', { slug: manifest.id })}\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}
