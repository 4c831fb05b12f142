/**
 * Bad input to the real CLI fails fast with a clear message (what was expected, what was found, what to
 * do) and an exit code, never a stack trace, and before any grading starts.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/grade.ts';

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('an output folder that cannot be written', () => {
  test('is refused before grading, for one submission and for a class', { timeout: 600_000 }, async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'labgrade-out-'));
    const file = path.join(dir, 'results');
    await writeFile(file, 'not a folder');
    for (const args of [
      ['grade', '00b-tfjs-basics', '--solution', '--out', file],
      ['grade', '00b-tfjs-basics', '--submissions', dir, '--out', path.join(file, 'class')],
    ]) {
      const run = await runCli(args);
      expect(run.exitCode, run.stderr).toBe(1);
      expect(run.stderr).toMatch(/^labgrade: Could not write .*results.*: a file stands where a folder is needed\. .*choose another folder with --out DIR\./m);
      expect(run.stderr).not.toContain('Grading 00b-tfjs-basics');
      noStack(run.stderr);
    }
  });
});

describe('usage errors', () => {
  test('name what was expected and what was found, then print the help', { timeout: 300_000 }, async () => {
    const run = await runCli(['grade', '00b-tfjs-basics', '--backend', 'gpu']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('Expected --backend to be one of auto, tensorflow, tensorflow-gpu, wasm, cpu, but got "gpu".');
    expect(run.stderr).toContain('Usage:');
    noStack(run.stderr);
  });
});
