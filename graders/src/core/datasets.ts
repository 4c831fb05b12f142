/**
 * Verifies the datasets an exercise needs before grading starts, so a missing or corrupt file stops grading
 * with a clear error (exit code 1) instead of turning into failed checks.
 */
import { datasetEntry, isStored } from '../../../datasets/registry.ts';
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
 * Checks every dataset the manifest names (datasets/registry.ts says how); throws DatasetUnavailableError
 * listing every problem in English and Norwegian bokmål (the CLI prints the language of `--lang`).
 */
export async function verifyDatasets(manifest: Manifest): Promise<void> {
  const problems: Localized[] = [];
  const inBoth = (say: (language: 'en' | 'nb') => string): Localized => ({ en: say('en'), nb: say('nb') });
  for (const name of manifest.datasets) {
    const entry = datasetEntry(name);
    // Generated datasets have no files to verify; stored ones are read again for the Norwegian only when wrong.
    if (!isStored(entry)) continue;
    const en = await entry.verify('en');
    if (!en.length) continue;
    const nb = await entry.verify('nb');
    problems.push(...en.map((line, i) => ({ en: line, nb: nb[i] ?? line })));
  }
  if (problems.length) {
    const heading = localized('error.dataset-unavailable', { slug: manifest.id });
    throw new DatasetUnavailableError(inBoth((language) => `${heading[language]}\n${problems.map((p) => `  - ${p[language]}`).join('\n')}`));
  }
}
