import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { stubSource } from '../../graders/src/template/stubs.ts';
import { repoRoot, runCli } from '../helpers/grade.ts';

const solution = `import * as tf from '@tensorflow/tfjs';

/** Adds one. */
export function addOne(x: number): number {
  // BEGIN SOLUTION
  return x + 1;
  // END SOLUTION
}

// BEGIN SOLUTION
function helper(): number {
  return 2;
}
// END SOLUTION

export const double = (x: number): number => {
  // BEGIN SOLUTION
  // STUB: const factor = 2;
  return x * helper();
  // END SOLUTION
};
`;

describe('stub generation', () => {
  const stub = stubSource(solution);

  test('replaces a marked function body with the sentinel naming the function', () => {
    expect(stub).toContain("throw new NotImplementedError('addOne');");
    expect(stub).not.toContain('return x + 1');
  });

  test('keeps signatures and doc comments', () => {
    expect(stub).toContain('/** Adds one. */\nexport function addOne(x: number): number {');
  });

  test('removes marked top-level code and keeps STUB lines as starter code', () => {
    expect(stub).not.toContain('function helper');
    expect(stub).toContain("  const factor = 2;\n  throw new NotImplementedError('double');");
  });

  test('adds the NotImplementedError import when the solution lacks it', () => {
    expect(stub).toContain("import { NotImplementedError } from 'labgrade/runtime';");
  });

  test('fails on a region that is never closed', () => {
    expect(() => stubSource('function f() {\n  // BEGIN SOLUTION\n  return 1;\n}\n', 'x.ts')).toThrow(/x\.ts:2: "\/\/ BEGIN SOLUTION" has no matching/);
  });

  test('the committed stubs match the solutions (labgrade stubs --check)', { timeout: 600_000 }, async () => {
    // A real CLI process: on a busy 2-core machine, starting it alone can take a minute.
    const run = await runCli(['stubs', '--check']);
    expect(run.exitCode, run.stderr).toBe(0);
  });

  test('names the innermost function, a method, and a function assigned to a variable', () => {
    const source = [
      'export function outer() {',
      '  const inner = () => {',
      '    // BEGIN SOLUTION',
      '    return 1;',
      '    // END SOLUTION',
      '  };',
      '  return inner;',
      '}',
      'export class Model {',
      '  step(): number {',
      '    // BEGIN SOLUTION',
      '    return 2;',
      '    // END SOLUTION',
      '  }',
      '}',
      '',
    ].join('\n');
    const out = stubSource(source, 'x.ts');
    expect(out).toContain("throw new NotImplementedError('inner');");
    expect(out).toContain("throw new NotImplementedError('step');");
  });
});

describe("the exercises' model stubs", () => {
  // A student starts from a shape and fills in the learning: every function that builds a model keeps its
  // skeleton (the model made, its layers' order, its compile call) as starter code before the sentinel.
  test.each([
    ['00-from-python', 'from-python.ts', 'buildModel', 'tf.sequential()'],
    ['03-mnist-mlp', 'mlp.ts', 'buildModel', 'tf.sequential()'],
    ['04-mnist-cnn', 'cnn.ts', 'buildModel', 'tf.sequential()'],
    ['05-brain-tumor-segmentation', 'unet.ts', 'buildUnet', 'tf.input('],
    ['06-tabular-dl', 'tabular.ts', 'buildMlp', 'tf.sequential()'],
    ['07-tabular-neuro', 'neuro.ts', 'buildModel', 'tf.sequential()'],
  ])('%s: %s keeps the skeleton of %s', (slug, file, fn, made) => {
    const stub = readFileSync(path.join(repoRoot, 'exercises', slug, 'src', file), 'utf8');
    const start = stub.indexOf(`export function ${fn}(`);
    const body = stub.slice(start, stub.indexOf(`throw new NotImplementedError('${fn}');`, start));
    expect(start).toBeGreaterThan(0);
    expect(body).toContain(made);
    expect(body).toMatch(/\/\/ model\.compile\(\{ optimizer: /);
    expect(body).toMatch(/\/\/ return model;/);
    if (slug === '05-brain-tumor-segmentation') expect(body).toContain('as tf.SymbolicTensor');
  });
});
