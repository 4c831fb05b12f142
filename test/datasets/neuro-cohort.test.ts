import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetError } from '../../datasets/errors.ts';
import { cohortToCsv, generateCohort, readCohortCsv, type CohortRow } from '../../datasets/neuro-cohort.ts';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

let dir: string;
let rows: CohortRow[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'labgrade-cohort-'));
  rows = generateCohort({ count: 2000, seed: 5 });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('generateCohort', () => {
  it('gives the same CSV bytes for the same seed and different ones for another seed', () => {
    expect(sha256(cohortToCsv(generateCohort({ count: 2000, seed: 5 })))).toBe(sha256(cohortToCsv(rows)));
    expect(sha256(cohortToCsv(generateCohort({ count: 2000, seed: 6 })))).not.toBe(sha256(cohortToCsv(rows)));
  });

  it('keeps every value within its OASIS range', () => {
    const outOfRange = rows.filter(
      (r) =>
        !['M', 'F'].includes(r.sex) ||
        !['R', 'L'].includes(r.hand) ||
        !(r.age >= 18 && r.age <= 96) ||
        ![0, 0.5, 1, 2].includes(r.cdr!) ||
        !(r.etiv >= 1100 && r.etiv <= 2000) ||
        (r.mmse !== null && !(r.mmse >= 0 && r.mmse <= 30)) ||
        (r.ses !== null && !(r.ses >= 1 && r.ses <= 5)),
    );
    expect(outOfRange).toEqual([]);
  });

  it('has a plausible dementia prevalence, higher over 60 and none under 55', () => {
    const demented = (r: CohortRow): number => (r.cdr! > 0 ? 1 : 0);
    expect(mean(rows.map(demented))).toBeGreaterThan(0.15);
    expect(mean(rows.map(demented))).toBeLessThan(0.35);
    expect(mean(rows.filter((r) => r.age >= 60).map(demented))).toBeGreaterThan(0.3);
    expect(rows.filter((r) => r.age < 55 && r.cdr! > 0)).toEqual([]);
  });

  it('leaves some SES and MMSE values missing as null, and few left-handed', () => {
    expect(rows.some((r) => r.ses === null)).toBe(true);
    expect(rows.some((r) => r.mmse === null)).toBe(true);
    expect(mean(rows.map((r) => (r.hand === 'L' ? 1 : 0)))).toBeLessThan(0.15);
  });

  it('gives men a larger eTIV and ASF close to 1755 / eTIV', () => {
    expect(mean(rows.filter((r) => r.sex === 'M').map((r) => r.etiv))).toBeGreaterThan(mean(rows.filter((r) => r.sex === 'F').map((r) => r.etiv)) + 100);
    expect(Math.max(...rows.map((r) => Math.abs(r.asf - 1755 / r.etiv)))).toBeLessThan(0.02);
  });

  it('lowers nWBV with age and further with dementia', () => {
    const young = mean(rows.filter((r) => r.age < 30).map((r) => r.nwbv));
    expect(young).toBeGreaterThan(0.84);
    expect(young).toBeLessThan(0.9);
    const band = rows.filter((r) => r.age >= 70 && r.age < 80);
    expect(mean(band.filter((r) => r.cdr! > 0).map((r) => r.nwbv))).toBeLessThan(mean(band.filter((r) => r.cdr === 0).map((r) => r.nwbv)));
    expect(mean(band.map((r) => r.nwbv))).toBeLessThan(young - 0.1);
  });

  it('makes MMSE informative but not a give-away', () => {
    const withMmse = rows.filter((r) => r.mmse !== null);
    const healthy = withMmse.filter((r) => r.cdr === 0).map((r) => r.mmse!);
    const mild = withMmse.filter((r) => r.cdr === 0.5).map((r) => r.mmse!);
    expect(mean(mild)).toBeLessThan(mean(healthy) - 1);
    // Scores overlap: many very mild cases score as high as the healthy median.
    expect(mild.filter((m) => m >= 28).length).toBeGreaterThan(mild.length * 0.1);
  });
});

describe('readCohortCsv', () => {
  it('reads back a generated cohort exactly', async () => {
    const path = join(dir, 'cohort.csv');
    await writeFile(path, cohortToCsv(rows.slice(0, 200)));
    expect(await readCohortCsv(path)).toEqual(rows.slice(0, 200));
  });

  it('ignores extra columns such as Delay and accepts CRLF line ends', async () => {
    const path = join(dir, 'extra.csv');
    await writeFile(path, 'ID,M/F,Hand,Age,Educ,SES,MMSE,CDR,eTIV,nWBV,ASF,Delay\r\nOAS1_0001_MR1,F,R,74,2,3,29,0,1344,0.743,1.306,\r\n');
    expect(await readCohortCsv(path)).toEqual([
      { id: 'OAS1_0001_MR1', sex: 'F', hand: 'R', age: 74, educ: 2, ses: 3, mmse: 29, cdr: 0, etiv: 1344, nwbv: 0.743, asf: 1.306 },
    ]);
  });

  it('names the line and column of a bad value and what was expected', async () => {
    const path = join(dir, 'bad.csv');
    const lines = cohortToCsv(rows.slice(0, 5)).split('\n');
    lines[3] = lines[3]!.replace(/^([^,]+),[MF],/, '$1,X,');
    await writeFile(path, lines.join('\n'));
    const error = await readCohortCsv(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect(error).toMatchObject({ code: 'LABGRADE_DATASET_INVALID', line: 4, column: 'M/F' });
    expect((error as Error).message).toContain(`${path} line 4, column M/F`);
    expect((error as Error).message).toContain('found "X"');
  });

  it('rejects an MMSE out of range and a CDR that is not a rating', async () => {
    const header = 'ID,M/F,Hand,Age,Educ,SES,MMSE,CDR,eTIV,nWBV,ASF\n';
    const path = join(dir, 'range.csv');
    await writeFile(path, `${header}a,F,R,70,3,2,31,0,1400,0.75,1.25\n`);
    await expect(readCohortCsv(path)).rejects.toMatchObject({ line: 2, column: 'MMSE' });
    await writeFile(path, `${header}a,F,R,70,3,2,28,0.7,1400,0.75,1.25\n`);
    await expect(readCohortCsv(path)).rejects.toMatchObject({ line: 2, column: 'CDR' });
  });

  it('names a missing column in the header', async () => {
    const path = join(dir, 'header.csv');
    await writeFile(path, 'ID,Age\n1,70\n');
    await expect(readCohortCsv(path)).rejects.toMatchObject({ code: 'LABGRADE_DATASET_INVALID', line: 1, column: 'M/F' });
  });
});
