import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runStaticChecks } from '../../graders/src/static-checks.ts';

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
  });

  test('report a missing file', () => {
    const dir = submission({});
    const report = runStaticChecks({ submissionDir: dir, files: ['mlp.ts'], skipTypeCheck: true });
    expect(report.missingFiles).toEqual(['mlp.ts']);
  });

  test('report type errors with file and line', () => {
    const dir = submission({ 'a.ts': `export const n: number = 'text';\n` });
    const report = runStaticChecks({ submissionDir: dir, files: ['a.ts'] });
    expect(report.typeErrors).toHaveLength(1);
    expect(report.typeErrors[0]).toMatchObject({ kind: 'type', file: 'a.ts', line: 1 });
  });
});
