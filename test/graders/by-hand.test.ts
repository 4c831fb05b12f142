/**
 * The by-hand analysis (graders/src/static/by-hand.ts), through the static checks as grading runs them: which
 * library values a function the exercise asks for by hand reaches, directly, through an alias, a helper of the
 * submission's own or a class, and what it may use (types, the stub sentinel, the language's own built-ins).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { StaticChecker } from '../../graders/src/static/static-checks.ts';

const checker = new StaticChecker();
// The first check loads TypeScript and TensorFlow.js's declarations: slow on a busy 2-core machine.
vi.setConfig({ testTimeout: 600_000 });

function uses(source: string, byHand: string[]) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'labgrade-by-hand-'));
  writeFileSync(path.join(dir, 'a.ts'), source);
  const report = checker.check({ submissionDir: dir, files: ['a.ts'], byHand });
  return report.libraryUses.map((u) => `${u.function}: ${u.what} at ${u.line}${u.via ? ` in ${u.via}` : ''}`);
}

describe('a function asked for by hand', () => {
  test('written with loops over numbers, with types from TF.js and the stub sentinel, uses no library code', () => {
    const found = uses(
      `import * as tf from '@tensorflow/tfjs';
import { NotImplementedError } from 'labgrade/runtime';
export function sum(values: Float32Array, shape: tf.Shape): number {
  if (values.length === 0) throw new NotImplementedError('sum');
  let total = 0;
  for (let i = 0; i < values.length; i++) total += Math.abs(values[i]!);
  return total + shape.length;
}
export function other(x: tf.Tensor): tf.Tensor { return tf.relu(x); }
`,
      ['sum'],
    );
    expect(found).toEqual([]);
  });

  test('that calls TF.js is reported with the expression and its line', () => {
    expect(
      uses(`import * as tf from '@tensorflow/tfjs';\nexport function conv(x: tf.Tensor4D, w: tf.Tensor4D) {\n  return tf.conv2d(x, w, 1, 'same');\n}\n`, [
        'conv',
      ]),
    ).toEqual(['conv: tf.conv2d at 3']);
  });

  test('that reaches TF.js through an alias, a helper of the submission or a class is reported where the library is used', () => {
    const found = uses(
      `import { maxPool, tensor4d } from '@tensorflow/tfjs';
const pool = maxPool;
function helper(values: Float32Array) { return tensor4d(values, [1, 2, 2, 1]); }
class Pooler { run(values: Float32Array) { return pool(helper(values), 2, 1, 'valid'); } }
export function byAlias(values: Float32Array) { return pool(helper(values), 2, 1, 'valid'); }
export function byClass(values: Float32Array) { return new Pooler().run(values); }
`,
      ['byAlias', 'byClass'],
    );
    expect(found).toEqual([
      'byAlias: maxPool at 2 in pool',
      'byAlias: tensor4d at 3 in helper',
      'byClass: maxPool at 2 in pool',
      'byClass: tensor4d at 3 in helper',
    ]);
  });

  test("that uses the runtime's forest is reported, as the project's own version of a split", () => {
    const found = uses(
      `import { RandomForestClassifier } from 'labgrade/runtime';
export function bestSplit(values: number[], labels: number[]) {
  return new RandomForestClassifier({ seed: 1, nTrees: 1, maxDepth: 1 }).fit(Float32Array.from(values), labels);
}
`,
      ['bestSplit'],
    );
    expect(found).toEqual(['bestSplit: RandomForestClassifier at 3']);
  });

  test('that is not there, or not asked for, has nothing reported', () => {
    expect(uses(`import * as tf from '@tensorflow/tfjs';\nexport const model = () => tf.sequential();\n`, ['missing'])).toEqual([]);
  });
});

describe('data written into the code', () => {
  test('a long text or a long array of numbers is a warning; short ones are not', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'labgrade-embedded-'));
    writeFileSync(
      path.join(dir, 'a.ts'),
      `export const LABELS = '${'7'.repeat(2500)}';\nexport const WEIGHTS = [${Array.from({ length: 600 }, (_, i) => (i % 2 ? -i : i) / 10).join(', ')}];\nexport const SOBEL = [-1, 0, 1, -2, 0, 2, -1, 0, 1];\nexport const NAME = 'short';\n`,
    );
    const report = checker.check({ submissionDir: dir, files: ['a.ts'] });
    expect(report.findings.filter((f) => f.kind === 'embedded-data').map((f) => `${f.line}: ${f.message.split(' written')[0]}`)).toEqual([
      '1: Holds a text of 2,500 characters',
      '2: Holds an array of 600 numbers',
    ]);
  });
});
