import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { StaticChecker } from '../../graders/src/static/static-checks.ts';
import { StaticCache, StaticService } from '../../graders/src/engine/static-run.ts';

// One checker for the whole file, as a batch of gradings uses it: TensorFlow.js's declarations are read once.
const checker = new StaticChecker();
const runStaticChecks = checker.check.bind(checker);
// The first check loads TypeScript and TensorFlow.js's declarations: slow on a busy 2-core machine.
vi.setConfig({ testTimeout: 600_000 });

function submission(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'labgrade-static-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('static checks', () => {
  test('list functions that still throw the stub sentinel as not attempted', () => {
    const dir = submission({
      'a.ts': `import { NotImplementedError } from 'labgrade/runtime';
export function done(): number { return 1; }
export function todo(): number { throw new NotImplementedError('todo'); }
export const arrow = (): number => { throw new NotImplementedError('arrow'); };
`,
    });
    const report = runStaticChecks({ submissionDir: dir, files: ['a.ts'], skipTypeCheck: true });
    expect(report.notAttempted).toEqual(['arrow', 'todo']);
  });

  test('flag child_process, fs, other packages and paths outside the submission, with their lines', () => {
    const dir = submission({
      'a.ts': `import { execSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs';
import fs from 'fs';
import _ from 'lodash';
import { buildModel } from '../../solutions/03-mnist-mlp/src/mlp.ts';
export const x = () => import('net');
`,
    });
    const report = runStaticChecks({ submissionDir: dir, files: ['a.ts'], skipTypeCheck: true });
    expect(report.forbiddenImports.map((f) => f.line)).toEqual([1, 3, 4, 5, 6]);
    expect(report.forbiddenImports[0]!.message).toContain('node:child_process');
    expect(report.forbiddenImports[3]!.message).toContain('outside your submission');
    // Both languages, for the check's message and the finding itself.
    expect(report.forbiddenImports.map((f) => f.what.nb)).toEqual([
      'Node-modulen "node:child_process"',
      'Node-modulen "fs"',
      'pakken "lodash"',
      '"../../solutions/03-mnist-mlp/src/mlp.ts" (utenfor innleveringsmappen din)',
      'Node-modulen "net"',
    ]);
    expect(report.forbiddenImports[2]!.nb).toBe('Importerer pakken "lodash", som ikke er tillatt under retting.');
  });

  test("flag TypeScript's `import x = require()` and re-exports the same way", () => {
    const dir = submission({ 'a.ts': `import cp = require('child_process');\nexport * from 'lodash';\nexport const n = 1;\n` });
    const report = runStaticChecks({ submissionDir: dir, files: ['a.ts'], skipTypeCheck: true });
    expect(report.forbiddenImports.map((f) => [f.line, f.what.en])).toEqual([
      [1, 'the Node module "child_process"'],
      [2, 'the package "lodash"'],
    ]);
  });

  test('report a missing file', () => {
    const dir = submission({});
    const report = runStaticChecks({ submissionDir: dir, files: ['mlp.ts'], skipTypeCheck: true });
    expect(report.missingFiles).toEqual(['mlp.ts']);
    expect(report.findings[0]).toMatchObject({ kind: 'missing-file', nb: 'Forventet filen mlp.ts, men den mangler. Hent den tilbake fra oppgavemalen.' });
  });

  test('report type errors with file and line', () => {
    const dir = submission({ 'a.ts': `export const n: number = 'text';\n` });
    const report = runStaticChecks({ submissionDir: dir, files: ['a.ts'] });
    expect(report.typeErrors).toHaveLength(1);
    expect(report.typeErrors[0]).toMatchObject({ kind: 'type', file: 'a.ts', line: 1 });
  });

  test("know the globals a submission may use without Node's declarations, and leave Node imports to the import check", () => {
    const dir = submission({
      'a.ts': `import { readFileSync } from 'node:fs';
export async function f(): Promise<number> {
  console.log('start', performance.now(), process.env['HOME']);
  await new Promise((resolve) => setTimeout(resolve, 1));
  return readFileSync('x').length;
}
export const g = (): number => require('os').cpus().length;
`,
    });
    const report = runStaticChecks({ submissionDir: dir, files: ['a.ts'] });
    expect(report.forbiddenImports.map((f) => f.line)).toEqual([1, 7]);
    // \`require\` is not a global of an ES module: named, with its line.
    expect(report.typeErrors.map((f) => [f.line, f.message.slice(0, 7)])).toEqual([[7, 'TS2591:']]);
  });

  test("one checker keeps submissions apart: a later one sees none of an earlier one's files, errors or stubs", () => {
    const first = submission({
      'a.ts': `import { NotImplementedError } from 'labgrade/runtime';\nimport { helper } from './b.ts';\nexport const n: number = 'text';\nexport function todo(): number { throw new NotImplementedError('todo'); }\nexport const m = helper;\n`,
      'b.ts': `export const helper = 1;\n`,
    });
    const second = submission({ 'a.ts': `import { helper } from './b.ts';\nexport const n: number = helper;\n` });
    const one = runStaticChecks({ submissionDir: first, files: ['a.ts'] });
    expect(one.typeErrors.map((f) => [f.file, f.line])).toEqual([['a.ts', 3]]);
    expect(one.notAttempted).toEqual(['todo']);
    const two = runStaticChecks({ submissionDir: second, files: ['a.ts'] });
    // b.ts belongs to the first submission only: the second cannot resolve it.
    expect(two.typeErrors.map((f) => [f.file, f.line, f.message.slice(0, 7)])).toEqual([['a.ts', 1, 'TS2307:']]);
    expect(two.notAttempted).toEqual([]);
  });
});

describe('the static-check service (a worker thread that keeps its program between submissions)', () => {
  // One service (one worker, one TypeScript program) for the tests that need a real check.
  const service = new StaticService();
  afterAll(() => service.close());

  test("answers requests in order, each with its own submission's report", async () => {
    const bad = submission({ 'a.ts': `export const n: number = 'text';\n` });
    const good = submission({ 'a.ts': `import * as tf from '@tensorflow/tfjs';\nexport const t = (): tf.Tensor => tf.zeros([1]);\n` });
    const [badReport, goodReport] = await Promise.all([
      service.check({ submissionDir: bad, files: ['a.ts'] }).report,
      service.check({ submissionDir: good, files: ['a.ts'] }).report,
    ]);
    expect(badReport.typeErrors.map((f) => f.line)).toEqual([1]);
    expect(goodReport.typeErrors).toEqual([]);
  });

  test("keys a report by the folder's content, not its path, and gives a stored report back without checking again", async () => {
    const cache = new StaticCache(mkdtempSync(path.join(os.tmpdir(), 'labgrade-cache-')));
    const text = `export const n: number = 'text';\n`;
    const one = submission({ 'a.ts': text });
    const same = submission({ 'a.ts': text });
    const other = submission({ 'a.ts': text.replace('text', 'other') });
    const key = cache.keyOf({ submissionDir: one, files: ['a.ts'] })!;
    expect(cache.keyOf({ submissionDir: same, files: ['a.ts'] })).toBe(key);
    expect(cache.keyOf({ submissionDir: other, files: ['a.ts'] })).not.toBe(key);
    expect(cache.keyOf({ submissionDir: one, files: ['b.ts'] })).not.toBe(key);

    // LABGRADE_STATIC_CACHE is read at each request; this repository's tests set it to a cache of their own.
    const previous = process.env['LABGRADE_STATIC_CACHE'];
    process.env['LABGRADE_STATIC_CACHE'] = cache.dir;
    try {
      const checked = await service.check({ submissionDir: one, files: ['a.ts'] }).report;
      expect(checked.typeErrors.map((f) => f.line)).toEqual([1]);
      // Stored under its key once checked (written after the report is handed over).
      await vi.waitFor(() => expect(cache.read(key)).toEqual(checked));
      // A report in the cache is given back as it is: a stand-in proves the check did not run again.
      const standIn = { ...checked, notAttempted: ['from-the-cache'] };
      cache.write(key, standIn);
      expect(await service.check({ submissionDir: same, files: ['a.ts'] }).report).toEqual(standIn);
    } finally {
      if (previous === undefined) delete process.env['LABGRADE_STATIC_CACHE'];
      else process.env['LABGRADE_STATIC_CACHE'] = previous;
    }
  });

  test('reports a check that runs past its limit as an unfinished type check instead of waiting for it', async () => {
    const service = new StaticService(0.001);
    try {
      const report = await service.check({ submissionDir: submission({ 'a.ts': 'export const n = 1;\n' }), files: ['a.ts'] }).report;
      expect(report.typeErrors[0]!.message).toContain('did not finish within');
    } finally {
      service.close();
    }
  });
});
