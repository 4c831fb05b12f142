/**
 * A synthetic cohort shaped like the OASIS-1 cross-sectional table, for exercise 07 (predicting dementia,
 * CDR > 0, from tabular data), and a validating reader for a real table with the same columns.
 *
 * The data are synthetic because no patient data may be fetched at run time and OASIS is distributed under
 * a data-use agreement. Relations modelled (each cited where it is used below):
 * - dementia prevalence roughly doubling every five years after 60 (Jorm & Jolley 1998, Neurology 51:728);
 * - lower education raising risk (cognitive reserve; Stern 2012, Lancet Neurol 11:1006);
 * - eTIV about 12 % larger in men, unrelated to dementia, and ASF = 1755 / eTIV (Buckner et al. 2004,
 *   NeuroImage 23:724, the atlas scaling factor used by OASIS);
 * - nWBV about 0.87 at 20, falling by about 0.25 % of volume a year, faster after 70, and lower again in very
 *   mild and mild Alzheimer's disease (Fotenos et al. 2005, Neurology 64:1032);
 * - MMSE near ceiling in healthy adults, lower with less education and with CDR (Crum et al. 1993, JAMA
 *   269:2386; Marcus et al. 2007, J Cogn Neurosci 19:1498, the OASIS paper), noisy and sometimes missing.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { createRandom } from '../runtime/seed.ts';
import { DatasetError, type Localized } from './errors.ts';

/** One participant, as in the OASIS cross-sectional table; null where a value is missing. */
export interface CohortRow {
  id: string;
  sex: 'M' | 'F';
  hand: 'R' | 'L';
  age: number;
  /** Education, 1 (less than high school) to 5 (beyond college). */
  educ: number | null;
  /** Socioeconomic status (Hollingshead), 1 (highest) to 5 (lowest). */
  ses: number | null;
  /** Mini-Mental State Examination, 0 to 30. */
  mmse: number | null;
  /** Clinical Dementia Rating: 0 none, 0.5 very mild, 1 mild, 2 moderate. */
  cdr: number | null;
  /** Estimated total intracranial volume, mm^3 / 1000 (cm^3), as OASIS reports it. */
  etiv: number;
  /** Normalised whole-brain volume (brain / eTIV). */
  nwbv: number;
  /** Atlas scaling factor, about 1755 / eTIV. */
  asf: number;
}

/** Column names of the CSV, in order, as in the OASIS table. */
export const COHORT_COLUMNS = ['ID', 'M/F', 'Hand', 'Age', 'Educ', 'SES', 'MMSE', 'CDR', 'eTIV', 'nWBV', 'ASF'] as const;

/** Options of `generateCohort`. */
export interface CohortOptions {
  /** Number of participants. */
  count: number;
  /** Seed; the same seed gives the same rows. */
  seed: number;
}

const round = (v: number, digits: number): number => Number(v.toFixed(digits));
const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** Generates a seeded synthetic cohort (about a quarter with CDR > 0, nearly all of them over 60). */
export function generateCohort(options: CohortOptions): CohortRow[] {
  const { count, seed } = options;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`Expected count to be a non-negative integer, but got ${count}.`);
  const random = createRandom(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const rows: CohortRow[] = [];
  for (let k = 0; k < count; k++) {
    // OASIS-1 is about 60 % women; half its participants are over 60, recruited with the aim of including
    // dementia, so the older half is skewed older.
    const sex = random() < 0.61 ? 'F' : 'M';
    const hand = random() < 0.92 ? 'R' : 'L';
    const older = random() < 0.55;
    const age = Math.round(older ? 60 + 36 * random() ** 0.8 : 18 + 42 * random());
    const educ = clamp(Math.round(3.1 + 1.2 * normal()), 1, 5);
    // Hollingshead SES: 1 is highest, so it runs against education.
    const sesValue = clamp(Math.round(5.6 - 0.85 * educ + 0.9 * normal()), 1, 5);

    // Dementia: logit rising by ln 2 every 5 years after 60 (Jorm & Jolley), lower with more education,
    // slightly higher in women.
    const logit = -1.6 + (Math.log(2) / 5) * (age - 72) - 0.35 * (educ - 3) + (sex === 'F' ? 0.15 : 0) + 0.6 * normal();
    const demented = age >= 55 && random() < 1 / (1 + Math.exp(-logit));
    let cdr = 0;
    if (demented) {
      const severity = random() + 0.006 * (age - 75);
      cdr = severity < 0.68 ? 0.5 : severity < 0.95 ? 1 : 2;
    }

    // eTIV (cm^3): about 12 % larger in men (Buckner et al.); ASF = 1755 / eTIV.
    const etiv = clamp(Math.round((sex === 'M' ? 1590 : 1420) + 140 * normal()), 1100, 2000);
    const asf = round((1755 / etiv) * (1 + 0.002 * normal()), 3);

    // nWBV: 0.87 at 20, about -0.0022 a year, faster after 70 (Fotenos et al.), lower with dementia.
    const ageing = 0.0022 * (age - 20) + 0.0012 * Math.max(0, age - 70);
    const disease = cdr === 0 ? 0 : 0.006 + 0.01 * cdr;
    const nwbv = round(clamp(0.87 - ageing - disease + 0.025 * normal(), 0.6, 0.9), 3);

    // MMSE: near ceiling when healthy, lower with less education and with CDR; noisy, sometimes missing.
    const mmseMean = 29 - 0.35 * (3 - educ) - 0.02 * Math.max(0, age - 70) - (cdr === 0 ? 0 : cdr === 0.5 ? 2 : cdr === 1 ? 6 : 10);
    const mmseValue = clamp(Math.round(mmseMean + (cdr === 0 ? 1.5 : 3.2) * normal()), 0, 30);
    const mmse = random() < (age < 60 ? 0.5 : 0.12) ? null : mmseValue;
    const ses = random() < 0.08 ? null : sesValue;

    rows.push({ id: `SYN_${String(k + 1).padStart(4, '0')}`, sex, hand, age, educ, ses, mmse, cdr, etiv, nwbv, asf });
  }
  return rows;
}

/** Serialises rows as CSV with the OASIS header (`COHORT_COLUMNS`), empty cells for missing values, LF line ends. */
export function cohortToCsv(rows: CohortRow[]): string {
  const cell = (v: string | number | null): string => (v === null ? '' : String(v));
  const lines = rows.map((r) => [r.id, r.sex, r.hand, r.age, r.educ, r.ses, r.mmse, r.cdr, r.etiv, r.nwbv, r.asf].map(cell).join(','));
  return `${COHORT_COLUMNS.join(',')}\n${lines.join('\n')}\n`;
}

/** The schema's own messages; zod carries the English, `issueNb` finds the Norwegian by it. */
const EXPECTED_NUMBER: Localized = { en: 'expected a number', nb: 'forventet et tall' };
const EXPECTED_CDR: Localized = { en: 'expected one of 0, 0.5, 1, 2, 3', nb: 'forventet en av 0; 0,5; 1; 2; 3' };

const numberCell = (lo: number, hi: number, integer = false) =>
  z
    .string()
    .trim()
    .refine((s) => s !== '' && Number.isFinite(Number(s)), { message: EXPECTED_NUMBER.en })
    .transform(Number)
    .pipe(integer ? z.number().int().min(lo).max(hi) : z.number().min(lo).max(hi));
const optional = <T extends z.ZodType>(schema: T) =>
  z.union([
    z
      .string()
      .trim()
      .length(0)
      .transform(() => null),
    schema,
  ]);

/** Zod schema of one CSV row (cells as strings), giving a `CohortRow`. */
export const cohortRowSchema = z.object({
  ID: z.string().trim().min(1),
  'M/F': z.enum(['M', 'F']),
  Hand: z.enum(['R', 'L']),
  Age: numberCell(0, 120, true),
  Educ: optional(numberCell(1, 5, true)),
  SES: optional(numberCell(1, 5, true)),
  MMSE: optional(numberCell(0, 30, true)),
  CDR: optional(numberCell(0, 3).refine((v) => [0, 0.5, 1, 2, 3].includes(v), { message: EXPECTED_CDR.en })),
  eTIV: numberCell(900, 2400),
  nWBV: numberCell(0.5, 1),
  ASF: numberCell(0.5, 2),
});

/** What a zod issue of `cohortRowSchema` says, in Norwegian bokmål (zod's own messages are English). */
function issueNb(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'custom':
      return [EXPECTED_NUMBER, EXPECTED_CDR].find((m) => m.en === issue.message)?.nb ?? `ugyldig verdi (${issue.message})`;
    case 'too_small':
      return issue.origin === 'string' ? `forventet minst ${issue.minimum} tegn` : `forventet et tall ${issue.inclusive ? '>=' : '>'} ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string' ? `forventet høyst ${issue.maximum} tegn` : `forventet et tall ${issue.inclusive ? '<=' : '<'} ${issue.maximum}`;
    case 'invalid_value': {
      const values = issue.values.map((v) => `«${String(v)}»`);
      return `forventet ${values.length > 1 ? `${values.slice(0, -1).join(', ')} eller ${values.at(-1)}` : values[0]}`;
    }
    case 'invalid_type':
      return issue.expected === 'int' ? 'forventet et heltall' : issue.expected === 'number' ? 'forventet et tall' : `forventet ${issue.expected}`;
    case 'invalid_union': {
      // An optional cell: empty, or a value; what the value was expected to be says the most.
      const inner = issue.errors.at(-1)?.[0];
      return inner ? issueNb(inner) : 'ugyldig verdi';
    }
    default:
      return `ugyldig verdi (${issue.message})`;
  }
}

/**
 * Reads a CSV with the OASIS cross-sectional columns (others, such as `Delay`, are ignored), validating each
 * row; a bad row raises a `LABGRADE_DATASET_INVALID` DatasetError naming its line, column and what was expected.
 */
export async function readCohortCsv(path: string): Promise<CohortRow[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    const reason = (cause as Error).message;
    throw new DatasetError(
      'LABGRADE_DATASET_MISSING',
      {
        en: `Expected a cohort CSV at ${path}, but it could not be read (${reason}).`,
        nb: `Forventet en kohorttabell (CSV) i ${path}, men den kunne ikke leses (${reason}).`,
      },
      { file: path, cause },
    );
  }
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  const missing = COHORT_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new DatasetError(
      'LABGRADE_DATASET_INVALID',
      {
        en: `${path} line 1: expected the columns ${COHORT_COLUMNS.join(', ')}, but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing. Use the OASIS cross-sectional header.`,
        nb: `${path} linje 1: forventet kolonnene ${COHORT_COLUMNS.join(', ')}, men ${missing.join(', ')} mangler. Bruk kolonneoverskriftene fra OASIS cross-sectional.`,
      },
      { file: path, line: 1, column: missing[0]! },
    );
  }
  const rows: CohortRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i]!.split(',');
    if (cells.length !== header.length) {
      throw new DatasetError(
        'LABGRADE_DATASET_INVALID',
        {
          en: `${path} line ${i + 1}: expected ${header.length} comma-separated values, found ${cells.length}.`,
          nb: `${path} linje ${i + 1}: forventet ${header.length} kommaseparerte verdier, men fant ${cells.length}.`,
        },
        { file: path, line: i + 1 },
      );
    }
    const record = Object.fromEntries(header.map((h, j) => [h, cells[j]!]));
    const parsed = cohortRowSchema.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const column = String(issue.path[0] ?? '');
      throw new DatasetError(
        'LABGRADE_DATASET_INVALID',
        {
          en: `${path} line ${i + 1}, column ${column}: ${issue.message}, found "${record[column] ?? ''}".`,
          nb: `${path} linje ${i + 1}, kolonne ${column}: ${issueNb(issue)}, men fant «${record[column] ?? ''}».`,
        },
        { file: path, line: i + 1, column },
      );
    }
    const r = parsed.data;
    rows.push({
      id: r.ID,
      sex: r['M/F'],
      hand: r.Hand,
      age: r.Age,
      educ: r.Educ,
      ses: r.SES,
      mmse: r.MMSE,
      cdr: r.CDR,
      etiv: r.eTIV,
      nwbv: r.nWBV,
      asf: r.ASF,
    });
  }
  return rows;
}
