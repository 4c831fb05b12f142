import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWdbc, parseWdbcCsv, WDBC_FEATURE_COUNT, wdbcPath } from '../../datasets/wdbc.ts';
import { caught, rejected } from '../helpers/dataset-errors.ts';

let dir: string;
let original: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'labgrade-wdbc-'));
  original = await readFile(wdbcPath(), 'utf8');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('loadWdbc', () => {
  it('loads 569 rows of 30 features with 212 malignant and 357 benign', async () => {
    const data = await loadWdbc();
    expect(data.count).toBe(569);
    expect(data.featureNames).toHaveLength(WDBC_FEATURE_COUNT);
    expect(data.features).toHaveLength(569 * 30);
    expect(data.labels.reduce((a, b) => a + b, 0)).toBe(212);
    expect(data.ids[0]).toBe(1);
    expect(data.ids[568]).toBe(569);
  });

  it('reads the first row as in the original table', async () => {
    const data = await loadWdbc();
    expect(data.featureNames[0]).toBe('radius_mean');
    expect(data.featureNames[29]).toBe('fractal_dimension_worst');
    expect(data.features[0]).toBeCloseTo(17.99, 5);
    expect(data.features[3]).toBe(1001);
    expect(data.features[29]).toBeCloseTo(0.1189, 6);
    expect(data.labels[0]).toBe(1);
  });

  it('rejects an altered copy by its sha256, naming both sums and the fix', async () => {
    const path = join(dir, 'altered.csv');
    await writeFile(path, original.replace('17.99', '17.98'));
    const error = await rejected(loadWdbc({ path }));
    expect(error.code).toBe('LABGRADE_DATASET_CORRUPT');
    expect(error.file).toBe(path);
    expect(error.message).toContain('8a7f7aab9ae65bd9b522dc72e369ecaa5a8d2922aac531f5f0a4963f9abe5c9c');
    expect(error.message).toMatch(/sha256 [0-9a-f]{64}, expected/);
    expect(error.message).toContain('git checkout');
  });

  it('rejects a copy whose line endings were converted', async () => {
    const path = join(dir, 'lf.csv');
    await writeFile(path, original.replaceAll('\r\n', '\n'));
    expect((await rejected(loadWdbc({ path }))).code).toBe('LABGRADE_DATASET_CORRUPT');
    expect((await loadWdbc({ path, verify: false })).count).toBe(569);
  });

  it('reports a missing file', async () => {
    const error = await rejected(loadWdbc({ path: join(dir, 'absent.csv') }));
    expect(error.code).toBe('LABGRADE_DATASET_MISSING');
  });
});

describe('parseWdbcCsv', () => {
  const lines = (): string[] => original.split('\r\n');

  it('names the line and column of a value that is not a number', () => {
    const rows = lines();
    rows[3] = rows[3]!.replace(/^(\d+),([^,]+),([^,]+)/, '$1,$2,abc');
    const error = caught(() => parseWdbcCsv(rows.join('\r\n'), 'bad.csv'));
    expect(error.code).toBe('LABGRADE_DATASET_INVALID');
    expect(error.line).toBe(4);
    expect(error.column).toBe('texture_mean');
    expect(error.message).toBe('bad.csv line 4, column texture_mean: expected a finite number, found "abc".');
  });

  it('names the line of a row with a missing value', () => {
    const rows = lines();
    rows[10] = rows[10]!.split(',').slice(0, 31).join(',');
    const error = caught(() => parseWdbcCsv(rows.join('\n')));
    expect(error.line).toBe(11);
    expect(error.message).toContain('expected 32 comma-separated values, found 31');
  });

  it('rejects a diagnosis other than M or B', () => {
    const rows = lines();
    rows[1] = rows[1]!.replace(/,M$/, ',X');
    const error = caught(() => parseWdbcCsv(rows.join('\n')));
    expect(error).toMatchObject({ line: 2, column: 'diagnosis' });
  });

  it('rejects a header that does not match', () => {
    expect(caught(() => parseWdbcCsv('a,b,c\n1,2,3\n')).line).toBe(1);
  });
});
