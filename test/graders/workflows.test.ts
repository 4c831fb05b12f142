/**
 * The GitHub workflows, parsed as YAML (a typo there is otherwise found only on GitHub): every job has a
 * runner, a timeout and steps that each use an action or run a command; permissions are read-only; and each
 * workflow has the shape its platform expects.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { repoRoot } from '../helpers/grade.ts';
import { parseWorkflow, type Workflow } from '../helpers/workflow.ts';

const dir = path.join(repoRoot, '.github', 'workflows');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.yml'))
  .sort();
const read = (file: string): Workflow => parseWorkflow(readFileSync(path.join(dir, file), 'utf8'));

describe.each(files)('.github/workflows/%s', (file) => {
  test('is valid YAML with read-only permissions, and every job has a runner, a timeout and well-formed steps', () => {
    const workflow = read(file);
    expect(typeof workflow.name).toBe('string');
    expect(workflow.permissions).toEqual({ contents: 'read' });
    for (const [id, job] of Object.entries(workflow.jobs)) {
      expect(job['runs-on'], id).toBe('ubuntu-latest');
      expect(job['timeout-minutes'], id).toBeGreaterThan(0);
      expect(job.steps.length, id).toBeGreaterThan(0);
      for (const step of job.steps)
        expect(
          [step.uses, step.run].filter((x) => x !== undefined),
          `${id}: ${step.name ?? step.uses}`,
        ).toHaveLength(1);
    }
  });
});

test('the workflows are the four the README describes', () => {
  expect(files).toEqual(['bench.yml', 'ci.yml', 'classroom.yml', 'regrade.yml']);
});

test('bench.yml runs by hand, installs the peers and the project (tfjs-node included), and keeps the table', () => {
  const workflow = read('bench.yml');
  expect(Object.keys(workflow.on as Record<string, unknown>)).toEqual(['workflow_dispatch']);
  const steps = workflow.jobs['bench']!.steps;
  const runs = steps.map((s) => s.run ?? '').join('\n');
  expect(runs).toContain('npm ci');
  expect(runs).toContain('torch');
  expect(runs).toContain('scikit-learn');
  expect(runs).toMatch(/npm run --silent bench -- --reps "\$REPS" \| tee bench\.txt/);
  // The input reaches the shell through the environment and is checked to be a number.
  expect(runs).not.toContain('${{');
  expect(steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))?.with).toEqual({ name: 'bench', path: 'bench.txt' });
});

test("classroom.yml follows GitHub Classroom's conventions", () => {
  const workflow = read('classroom.yml');
  expect(workflow.name).toBe('Autograding Tests');
  expect(workflow.on).toEqual(['push', 'repository_dispatch']);
  expect(Object.keys(workflow.jobs)).toEqual(['run-autograding-tests']);
  const job = workflow.jobs['run-autograding-tests']!;
  expect(job.if).toBe("github.actor != 'github-classroom[bot]'");
  // The key reaches the one step that needs it, never the grading step that runs student code.
  const withKey = job.steps.filter((s) => JSON.stringify(s).includes('LABGRADE_SUITES_KEY'));
  expect(withKey.map((s) => s.name)).toEqual(['Hidden suites from the encrypted bundle']);
  const grade = job.steps.find((s) => s.name === 'Grade')!;
  expect(grade.env).toBeUndefined();
  expect(grade.run).toMatch(/^npx labgrade grade --all --format classroom /);
});

test('regrade.yml fans a class out over a matrix and reports over every batch', () => {
  const workflow = read('regrade.yml');
  expect(Object.keys(workflow.on as object)).toEqual(['workflow_dispatch']);
  const inputs = (workflow.on as { workflow_dispatch: { inputs: Record<string, { required: boolean }> } }).workflow_dispatch.inputs;
  expect(inputs['prefix']!.required).toBe(true);
  expect(Object.keys(workflow.jobs)).toEqual(['list', 'grade', 'report']);
  expect(workflow.jobs['grade']!.strategy!.matrix).toEqual({ batch: '${{ fromJSON(needs.list.outputs.batches) }}' });
  expect(workflow.jobs['report']!.needs).toEqual(['list', 'grade']);
});

test('ci.yml runs .ci/run on the oldest and newest supported Node.js', () => {
  const workflow = read('ci.yml');
  const job = workflow.jobs['test']!;
  expect(job.strategy!.matrix).toEqual({ node: ['20.19', '22'] });
  expect(job.steps.at(-1)!.run).toBe('bash .ci/run');
});
