/**
 * A course's worth of pushes: the Classroom workflow's own steps, taken from classroom.yml, run twice in an
 * exported template as GitHub Actions would run them (its outputs, job summary and annotations included),
 * with the Actions cache's restore and save done by copying the folder the workflow names. The first push
 * grades every exercise; the second, with one exercise changed, grades only that one, reuses the others'
 * result files as they were, and still reports the total over all of them. Then the grading reporter's
 * steps from the README run on the same repository: labgrade prints no notice, the reporter one pair.
 */
import { execa } from 'execa';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { GradeResult } from '../../graders/src/core/result.ts';
import { runClassroomReporter } from '../helpers/classroom-reporter.ts';
import { repoRoot } from '../helpers/grade.ts';
import { exportedTemplate, type ExportedTemplate } from '../helpers/template.ts';
import { parseWorkflow, stepRun, type WorkflowStep } from '../helpers/workflow.ts';

vi.setConfig({ testTimeout: 900_000, hookTimeout: 900_000 });

const slugs = readdirSync(path.join(repoRoot, 'exercises'))
  .filter((s) => existsSync(path.join(repoRoot, 'exercises', s, 'exercise.json')))
  .sort();
const workflowText = readFileSync(path.join(repoRoot, '.github', 'workflows', 'classroom.yml'), 'utf8');
const steps = Object.values(parseWorkflow(workflowText).jobs).flatMap((job) => job.steps);
const stepUsing = (action: string): WorkflowStep => {
  const step = steps.find((s) => s.uses?.startsWith(`${action}@`));
  if (!step) throw new Error(`Expected classroom.yml to have a step using ${action}`);
  return step;
};

/** Step outputs as @actions/core writes them to $GITHUB_OUTPUT (`name<<delimiter`, value, delimiter). */
function readOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!match) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== match[2]; i++) value.push(lines[i]!);
    outputs[match[1]!] = value.join('\n');
  }
  return outputs;
}

interface Push {
  stdout: string;
  stderr: string;
  exitCode: number;
  outputs: Record<string, string>;
  summary: string;
  seconds: number;
}

let t: ExportedTemplate;
/** Where the emulated Actions cache keeps the saved folder between runs. */
let cacheDir: string;

/** Runs a shell command in the template, as a step of the workflow on GitHub's runner. */
async function step(command: string, env: Record<string, string> = {}) {
  const run = await execa('bash', ['-c', command], { cwd: t.template, env: { CI: 'true', GITHUB_ACTIONS: '', ...env }, reject: false, timeout: 1_800_000 });
  return { exitCode: run.exitCode ?? -1, stdout: String(run.stdout), stderr: String(run.stderr) };
}

/** One push: the workflow's steps from a fresh checkout on (suites already unpacked), the grading step given. */
async function push(gradeCommand = stepRun(workflowText, 'Grade')): Promise<Push> {
  const restore = stepUsing('actions/cache/restore');
  const save = stepUsing('actions/cache/save');
  // A fresh runner has no results/ but what the checkout brings; the workflow deletes that first.
  await rm(path.join(t.template, 'results'), { recursive: true, force: true });
  await mkdir(path.join(t.template, 'results'));
  await writeFile(path.join(t.template, 'results', '00b-tfjs-basics.result.json'), '{"committed": "by a student"}');
  const forget = await step(stepRun(workflowText, 'Forget results that did not come from this workflow'));
  expect(forget.exitCode, forget.stderr).toBe(0);
  expect(existsSync(path.join(t.template, 'results'))).toBe(false);
  if (existsSync(cacheDir)) await cp(cacheDir, path.join(t.template, String(restore.with!['path'])), { recursive: true });
  const outputFile = path.join(t.work, 'github-output');
  const summaryFile = path.join(t.work, 'github-step-summary');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  const started = performance.now();
  const run = await step(gradeCommand, { GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile });
  const seconds = (performance.now() - started) / 1000;
  await rm(cacheDir, { recursive: true, force: true });
  await cp(path.join(t.template, String(save.with!['path'])), cacheDir, { recursive: true });
  return { ...run, outputs: readOutputs(await readFile(outputFile, 'utf8')), summary: await readFile(summaryFile, 'utf8'), seconds };
}

const resultText = (slug: string) => readFileSync(path.join(t.template, 'results', `${slug}.result.json`), 'utf8');
const result = (slug: string) => GradeResult.parse(JSON.parse(resultText(slug)));

let first: Push;
let firstResults: Record<string, string>;
let second: Push;
let max: number;

beforeAll(async () => {
  t = await exportedTemplate();
  expect(t.exported.exitCode, t.exported.stderr).toBe(0);
  cacheDir = path.join(t.work, 'actions-cache');
  const unpack = await step(stepRun(workflowText, 'Hidden suites from the encrypted bundle'), {
    LABGRADE_SUITES_KEY: (await readFile(t.keyFile, 'utf8')).trim(),
  });
  expect(unpack.exitCode, unpack.stderr).toBe(0);

  first = await push();
  firstResults = Object.fromEntries(slugs.map((slug) => [slug, resultText(slug)]));
  max = slugs.reduce((sum, slug) => sum + result(slug).maxScore, 0);
  // The student solves 00a and pushes again.
  await cp(path.join(repoRoot, 'solutions', '00a-cnn-basics', 'src'), path.join(t.template, 'exercises', '00a-cnn-basics', 'src'), { recursive: true });
  second = await push();
  console.log(`classroom pushes: first (every exercise graded) ${first.seconds.toFixed(1)} s, second (one changed) ${second.seconds.toFixed(1)} s`);
});

describe('the Classroom workflow keeps results between pushes', () => {
  test('its cache steps save and restore results/ under keys that only a later run of the same grader, lock file and suites finds', () => {
    const restore = stepUsing('actions/cache/restore');
    const save = stepUsing('actions/cache/save');
    expect(restore.with!['path']).toBe('results');
    expect(save.with!['path']).toBe('results');
    const key = String(save.with!['key']);
    expect(restore.with!['key']).toBe(key);
    expect(key).toMatch(/^labgrade-results-\$\{\{ runner\.os \}\}-\$\{\{ hashFiles\('package-lock\.json', 'graders\/\*\*', 'runtime\/\*\*'\) \}\}-/);
    expect(key.startsWith(String(restore.with!['restore-keys']))).toBe(true);
    expect(key).toContain('${{ github.run_id }}-${{ github.run_attempt }}');
    // Saved whatever the grading step did, restored before it, after the suites are in place.
    expect(save.if).toMatch(/^always\(\) && /);
    const order = steps.map((s) => s.name);
    expect(order.indexOf(restore.name)).toBeGreaterThan(order.indexOf('Hidden suites from the encrypted bundle'));
    expect(order.indexOf(restore.name)).toBeLessThan(order.indexOf('Grade'));
    expect(order.indexOf(save.name)).toBeGreaterThan(order.indexOf('Grade'));
  });

  test('the first push grades every exercise and reports the total over all of them', () => {
    expect(first.exitCode, first.stderr).toBe(0);
    for (const slug of slugs) expect(first.stderr).toContain(`Grading ${slug} (exercise)`);
    expect(first.stderr).not.toContain('result is reused');
    expect(first.stdout).toContain(
      `::notice title=Autograding complete::Points 0/${max}\n::notice title=Autograding report::{"totalPoints":0,"maxPoints":${max}}`,
    );
    expect(first.summary).toContain(`## Autograding: 0/${max} points`);
    expect(first.summary).toContain(
      `Graded now: ${slugs.map((s) => `\`${s}\``).join(', ')}. Reused (your files, the exercise, its hidden tests, seed, backend and grader unchanged): none.`,
    );
  });

  test('the second push, with one exercise changed, grades only that one and keeps every other result file as it was', () => {
    expect(second.exitCode, second.stderr).toBe(0);
    expect(second.stderr.match(/^Grading \S+ \(exercise\)/gm)).toEqual(['Grading 00a-cnn-basics (exercise)']);
    expect(second.stderr).toContain('00a-cnn-basics: graded again, since its earlier result was graded from other inputs (submission).');
    for (const slug of slugs.filter((s) => s !== '00a-cnn-basics')) {
      expect(second.stderr).toContain(`${slug}: unchanged since it was graded at ${result(slug).startedAt}`);
      expect(resultText(slug), slug).toBe(firstResults[slug]);
    }
    expect(result('00a-cnn-basics').score).toBe(12);
    expect(resultText('00a-cnn-basics')).not.toBe(firstResults['00a-cnn-basics']);
  });

  test('the second push still reports the total over every exercise, in the notices, the summary and the reporter outputs', () => {
    const total = slugs.reduce((sum, slug) => sum + result(slug).score, 0);
    expect(total).toBe(12);
    expect(second.stdout).toContain(
      `::notice title=Autograding complete::Points ${total}/${max}\n::notice title=Autograding report::{"totalPoints":${total},"maxPoints":${max}}`,
    );
    expect(second.summary).toContain(`## Autograding: ${total}/${max} points`);
    expect(second.summary).toContain('| `00a-cnn-basics` | 12/12 | graded (');
    expect(second.summary).toContain(
      `| \`01-mnist-data\` | 0/14 | reused: unchanged since graded ${result('01-mnist-data').startedAt.slice(0, 16).replace('T', ' ')} UTC |`,
    );
    expect(second.summary).toContain(
      `Graded now: \`00a-cnn-basics\`. Reused (your files, the exercise, its hidden tests, seed, backend and grader unchanged): ${slugs
        .filter((s) => s !== '00a-cnn-basics')
        .map((s) => `\`${s}\``)
        .join(', ')}.`,
    );
    expect(Object.keys(second.outputs).sort()).toEqual(slugs.map((s) => `result-${s}`).sort());
    const reporter = runClassroomReporter(slugs.map((slug) => ({ id: slug.replace(/-.*/, ''), encoded: second.outputs[`result-${slug}`]! })));
    expect(reporter.total).toEqual({ score: String(total), max: String(max) });
  });

  test('annotations: at most the 10 that lose the most points, and every other note in the job summary', () => {
    const annotations = first.stdout.split('\n').filter((line) => line.startsWith('::error '));
    expect(annotations).toHaveLength(10);
    const notes = first.summary
      .slice(first.summary.indexOf('### More notes on your lines'))
      .split('\n')
      .filter((line) => line.startsWith('- `exercises/'));
    const pointing = slugs.flatMap((slug) => GradeResult.parse(JSON.parse(firstResults[slug]!)).checks.filter((c) => c.status !== 'pass' && c.file));
    expect(pointing.length).toBeGreaterThan(10);
    expect(notes).toHaveLength(pointing.length - 10);
    // Those shown lose at least as many points as any left to the summary.
    const pointsOf = (line: string) => pointing.find((c) => line.includes(c.title))!.maxPoints;
    const shownMin = Math.min(...annotations.map(pointsOf));
    expect(Math.max(...notes.map(pointsOf))).toBeLessThanOrEqual(shownMin);
  });
});

describe('with the grading reporter, as the README has it', () => {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const block = /```yaml\n([^`]*autograding-grading-reporter[^`]*)```/.exec(readme)?.[1];
  const reporterSteps = parse(block ?? '[]') as WorkflowStep[];

  test('labgrade prints no notice, the reporter prints one pair, and its table totals the result files', async () => {
    expect(reporterSteps.map((s) => s.name)).toEqual(['Grade', 'Autograding Reporter']);
    const [grade, reporterStep] = reporterSteps as [WorkflowStep, WorkflowStep];
    expect(grade.run).toBe(`${stepRun(workflowText, 'Grade')} --no-notices`);
    expect(reporterStep.uses).toBe('classroom-resources/autograding-grading-reporter@v1');
    const runners = String(reporterStep.with!['runners']).split(',');
    // One runner per exercise, each fed the grading step's output for it.
    expect(runners).toHaveLength(slugs.length);
    const run = await push(grade.run);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).not.toContain('::notice');
    const fed = runners.map((id) => {
      const value = reporterStep.env![`${id.toUpperCase()}_RESULTS`];
      const slug = /^\$\{\{ steps\.grade\.outputs\['result-(.+)'\] \}\}$/.exec(value ?? '')?.[1];
      expect(slug, `${id}: ${value}`).toBeDefined();
      return { id, slug: slug!, encoded: run.outputs[`result-${slug}`]! };
    });
    expect(fed.map((f) => f.slug).sort()).toEqual(slugs);
    const reporter = runClassroomReporter(fed);
    const total = slugs.reduce((sum, slug) => sum + result(slug).score, 0);
    expect(reporter.notices).toEqual([
      `::notice title=Autograding complete::Points ${total}/${max}`,
      `::notice title=Autograding report::${JSON.stringify({ totalPoints: total, maxPoints: max })}`,
    ]);
    expect(reporter.rows).toEqual(fed.map((f) => ({ score: String(result(f.slug).score), max: String(result(f.slug).maxScore) })));
    // Nothing changed since the last push: every result reused.
    expect(run.stderr).not.toMatch(/^Grading /m);
  });
});
