/**
 * A student who does what 03's README says passes 03's code checks. The submission is built from what the
 * student is given and nothing else: the stub's starter code in `buildModel`, filled in with the values the
 * README names (256 relu units, a softmax over 10, Adam at 0.001, categoricalCrossentropy), and `trainModel`
 * exactly as the README's first code block writes it (`model.fit`, 5 epochs of 128). It is graded by the
 * real CLI on the WebAssembly backend, under the manifest's own limits.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { grade, repoRoot } from '../helpers/grade.ts';

const exercise = path.join(repoRoot, 'exercises', '03-mnist-mlp');

/** The stub's starter lines of buildModel, filled in as the README says, and its trainModel left out. */
function filledStub(): string {
  const stub = readFileSync(path.join(exercise, 'src', 'mlp.ts'), 'utf8');
  const filled = stub
    .replace(
      '// model.add(tf.layers.dense({ inputShape: [784], units: ..., activation: ... }));',
      "model.add(tf.layers.dense({ inputShape: [784], units: 256, activation: 'relu' }));",
    )
    .replace('// model.add(tf.layers.dense({ units: 10, activation: ... }));', "model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));")
    .replace(
      "// model.compile({ optimizer: tf.train.adam(...), loss: ..., metrics: ['accuracy'] });",
      "model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });",
    )
    .replace('// return model;', 'return model;')
    .replace("  throw new NotImplementedError('buildModel');\n", '');
  const start = filled.indexOf('/**\n * Trains the model');
  expect(start, "Expected the stub's trainModel, with its doc comment").toBeGreaterThan(0);
  expect(filled, 'Expected every starter line of buildModel to be filled in').not.toContain("NotImplementedError('buildModel')");
  return `${filled.slice(0, start)}export { trainModel } from './readme-train.ts';\n`;
}

/** The README's first code block: its trainModel, as a student would paste it. */
function readmeTrainModel(): string {
  const readme = readFileSync(path.join(exercise, 'README.md'), 'utf8');
  const block = /^```ts\n([\s\S]*?)^```$/m.exec(readme)?.[1];
  expect(block, "Expected a ts block in 03's README").toBeDefined();
  expect(block).toContain('await model.fit(');
  return block!;
}

test("following 03's README (the stub's starter code filled in with its values, its model.fit block) passes every code check", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'labgrade-readme-03-'));
  await mkdir(path.join(dir, 'src'));
  await writeFile(path.join(dir, 'src', 'mlp.ts'), filledStub());
  await writeFile(path.join(dir, 'src', 'readme-train.ts'), readmeTrainModel());
  await writeFile(path.join(dir, 'src', 'answers.ts'), readFileSync(path.join(exercise, 'src', 'answers.ts'), 'utf8'));
  const run = await grade('03-mnist-mlp', { submission: dir });
  expect(run.exitCode, run.stderr).toBe(0);
  const result = run.result!;
  const code = result.checks.filter((c) => !c.id.startsWith('concept.'));
  expect(code.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.message}`)).toEqual([]);
  expect(result.checks.find((c) => c.id === 'accuracy.test')!.metric!.value).toBeGreaterThanOrEqual(0.97);
  // The concept questions are the student's own to answer: unanswered here.
  expect(result.checks.filter((c) => c.id.startsWith('concept.')).every((c) => c.status === 'fail')).toBe(true);
}, 1_800_000);
