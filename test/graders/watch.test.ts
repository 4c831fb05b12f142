/**
 * `labgrade watch` as a student uses it, in an exported student template: one round with --once, then a real
 * watching process that reacts to saves (a finished solution, then a type error) and stops on Ctrl+C.
 */
import { execa, type ResultPromise } from 'execa';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { repoRoot } from '../helpers/grade.ts';
import { exportedTemplate } from '../helpers/template.ts';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

let template: string;
const bin = () => path.join(template, 'bin', 'labgrade.js');
const source = () => path.join(template, 'exercises', '00a-cnn-basics', 'src', 'cnn-basics.ts');

beforeAll(async () => {
  ({ template } = await exportedTemplate());
});

/** Resolves once the process has printed `text` (counting from `from` characters into its output). */
function waitFor(child: ResultPromise, output: { text: string }, text: string, from: number, timeoutMs = 240_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Expected "${text}" in the output within ${timeoutMs / 1000} s; it printed:\n${output.text.slice(from)}`)),
      timeoutMs,
    );
    const check = () => {
      if (output.text.indexOf(text, from) >= 0) {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    check();
  });
}

describe('labgrade watch', () => {
  test('--once checks the stub: what is not written yet, and the visible tests failing (exit 1), in either language', async () => {
    const en = await execa(process.execPath, [bin(), 'watch', '00a-cnn-basics', '--once'], { cwd: template, reject: false });
    expect(en.exitCode).toBe(1);
    expect(en.stdout).toContain('Static checks: your files parse, type-check and import only what is allowed.');
    expect(en.stdout).toContain('Not implemented yet: conv2d, maxPool2d, outputSize, sobelEdges.');
    expect(en.stdout).toContain('Visible tests: some failed (above).');
    expect(en.stdout).toContain('NotImplementedError');
    const nb = await execa(process.execPath, [bin(), 'watch', '00a-cnn-basics', '--once', '--lang', 'nb'], { cwd: template, reject: false });
    expect(nb.stdout).toContain('Ikke implementert ennå: conv2d, maxPool2d, outputSize, sobelEdges.');
  });

  test('reruns on each save: a finished solution passes, a type error is named with its line; Ctrl+C stops it', async () => {
    const child = execa(process.execPath, [bin(), 'watch', '00a-cnn-basics'], { cwd: template, reject: false });
    const output = { text: '' };
    child.stdout!.on('data', (chunk: Buffer) => void (output.text += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => void (output.text += chunk.toString()));
    await waitFor(child, output, 'Waiting for the next save…', 0);
    expect(output.text).toContain('Watching exercises/00a-cnn-basics/src for changes');

    let from = output.text.length;
    const solution = await readFile(path.join(repoRoot, 'solutions', '00a-cnn-basics', 'src', 'cnn-basics.ts'), 'utf8');
    await writeFile(source(), solution);
    await waitFor(child, output, 'Waiting for the next save…', from);
    const second = output.text.slice(from);
    expect(second).toContain('Checking cnn-basics.ts…');
    expect(second).toContain('Visible tests: all passed.');
    expect(second).not.toContain('Not implemented yet');

    from = output.text.length;
    const broken = solution.replace(
      /export function outputSize\(([^)]*)\): number \{/,
      'export function outputSize($1): number {\n  const wrong: string = 42;',
    );
    expect(broken).not.toBe(solution);
    const line = broken.split('\n').findIndex((l) => l.includes('const wrong: string = 42;')) + 1;
    await writeFile(source(), broken);
    await waitFor(child, output, 'Waiting for the next save…', from);
    const third = output.text.slice(from);
    expect(third).toMatch(/Static checks: 1 problem\(s\):\n {2}cnn-basics\.ts:(\d+) {2}.*number.*string/);
    expect(Number(/cnn-basics\.ts:(\d+)/.exec(third)![1])).toBe(line);

    child.kill('SIGINT');
    const done = await child;
    expect(done.exitCode).toBe(0);
  });
});
