/**
 * The Wisconsin Diagnostic Breast Cancer table (569 fine-needle aspirates, 30 features, malignant or benign),
 * shipped in `datasets/wdbc/` and checked against its pinned sha256 on every load.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { bytesDigest } from './checksum.ts';
import { DatasetError, type Localized } from './errors.ts';

/** sha256 of `datasets/wdbc/wdbc.csv` as shipped (CRLF line endings; `.gitattributes` keeps git from changing them). */
export const WDBC_SHA256 = '8a7f7aab9ae65bd9b522dc72e369ecaa5a8d2922aac531f5f0a4963f9abe5c9c';

/** Number of feature columns. */
export const WDBC_FEATURE_COUNT = 30;

/** The breast-cancer table: `features` is `count` x 30, row-major; `labels` is 1 for malignant, 0 for benign. */
export interface WdbcData {
  featureNames: string[];
  features: Float32Array;
  labels: Uint8Array;
  ids: Uint32Array;
  count: number;
}

/** Options of `loadWdbc`. */
export interface LoadWdbcOptions {
  /** CSV file to read. @default wdbcPath() */
  path?: string;
  /** Check the file's sha256 against `WDBC_SHA256`; turn off only to read another file with the same columns. @default true */
  verify?: boolean;
}

const FIX: Localized = {
  en: 'Restore it with `git checkout -- datasets/wdbc/wdbc.csv`.',
  nb: 'Gjenopprett den med `git checkout -- datasets/wdbc/wdbc.csv`.',
};

/** Path of the shipped CSV file. */
export function wdbcPath(): string {
  return fileURLToPath(new URL('./wdbc/wdbc.csv', import.meta.url));
}

/** Reads, verifies and parses the breast-cancer table. */
export async function loadWdbc(options: LoadWdbcOptions = {}): Promise<WdbcData> {
  const path = options.path ?? wdbcPath();
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    const reason = (cause as Error).message;
    throw new DatasetError(
      'LABGRADE_DATASET_MISSING',
      {
        en: `Expected the breast-cancer table at ${path}, but it could not be read (${reason}). ${FIX.en}`,
        nb: `Forventet brystkrefttabellen i ${path}, men den kunne ikke leses (${reason}). ${FIX.nb}`,
      },
      { file: path, cause },
    );
  }
  if (options.verify ?? true) {
    const found = bytesDigest(bytes, 'sha256');
    if (found !== WDBC_SHA256) {
      throw new DatasetError(
        'LABGRADE_DATASET_CORRUPT',
        {
          en: `${path} has sha256 ${found}, expected ${WDBC_SHA256}: it is not the original file ` + `(edited, or its line endings were converted). ${FIX.en}`,
          nb:
            `${path} har sha256-sjekksum ${found}, forventet ${WDBC_SHA256}: det er ikke originalfilen ` +
            `(den er redigert, eller linjeskiftene er konvertert). ${FIX.nb}`,
        },
        { file: path },
      );
    }
  }
  return parseWdbcCsv(bytes.toString('utf8'), path);
}

/**
 * Parses the CSV text (header `id, <30 features>, diagnosis`; diagnosis `M` or `B`). A malformed row raises a
 * `LABGRADE_DATASET_INVALID` DatasetError naming its line and column.
 */
export function parseWdbcCsv(text: string, file = 'wdbc.csv'): WdbcData {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const invalid = (line: number, column: string | undefined, message: Localized): DatasetError =>
    new DatasetError(
      'LABGRADE_DATASET_INVALID',
      {
        en: `${file} line ${line}${column ? `, column ${column}` : ''}: ${message.en}`,
        nb: `${file} linje ${line}${column ? `, kolonne ${column}` : ''}: ${message.nb}`,
      },
      { file, line, ...(column === undefined ? {} : { column }) },
    );

  const header = (lines[0] ?? '').split(',');
  const columns = WDBC_FEATURE_COUNT + 2;
  if (header.length !== columns || header[0] !== 'id' || header[columns - 1] !== 'diagnosis') {
    const start = `${header.slice(0, 3).join(',')}...`;
    throw invalid(1, undefined, {
      en: `expected a header of ${columns} columns "id,<30 features>,diagnosis", found ${header.length} columns "${start}". Use the original file.`,
      nb: `forventet en overskriftslinje med ${columns} kolonner «id,<30 egenskaper>,diagnosis», men fant ${header.length} kolonner «${start}». Bruk originalfilen.`,
    });
  }
  const featureNames = header.slice(1, columns - 1);
  const count = lines.length - 1;
  const features = new Float32Array(count * WDBC_FEATURE_COUNT);
  const labels = new Uint8Array(count);
  const ids = new Uint32Array(count);

  for (let r = 0; r < count; r++) {
    const lineNo = r + 2;
    const cells = lines[r + 1]!.split(',');
    if (cells.length !== columns) {
      throw invalid(lineNo, undefined, {
        en: `expected ${columns} comma-separated values, found ${cells.length}. Use the original file.`,
        nb: `forventet ${columns} kommaseparerte verdier, men fant ${cells.length}. Bruk originalfilen.`,
      });
    }
    const id = cells[0]!.trim();
    if (!/^\d+$/.test(id) || Number(id) > 0xffffffff) {
      throw invalid(lineNo, 'id', { en: `expected a non-negative integer, found "${id}".`, nb: `forventet et ikke-negativt heltall, men fant «${id}».` });
    }
    ids[r] = Number(id);
    for (let c = 0; c < WDBC_FEATURE_COUNT; c++) {
      const cell = cells[c + 1]!.trim();
      const value = Number(cell);
      if (cell === '' || !Number.isFinite(value)) {
        throw invalid(lineNo, featureNames[c], { en: `expected a finite number, found "${cell}".`, nb: `forventet et endelig tall, men fant «${cell}».` });
      }
      features[r * WDBC_FEATURE_COUNT + c] = value;
    }
    const diagnosis = cells[columns - 1]!.trim();
    if (diagnosis !== 'M' && diagnosis !== 'B') {
      throw invalid(lineNo, 'diagnosis', {
        en: `expected "M" (malignant) or "B" (benign), found "${diagnosis}".`,
        nb: `forventet «M» (ondartet) eller «B» (godartet), men fant «${diagnosis}».`,
      });
    }
    labels[r] = diagnosis === 'M' ? 1 : 0;
  }
  return { featureNames, features, labels, ids, count };
}
