/**
 * `labgrade doctor` run as students run it, on this machine: the real backend probe, the real datasets and
 * the real exercise files.
 */
import { describe, expect, test, vi } from 'vitest';
import { checkNode } from '../../graders/src/cli/doctor.ts';
import { runCli } from '../helpers/grade.ts';
import { fullRun } from '../helpers/tier.ts';

vi.setConfig({ testTimeout: 600_000 });

describe('labgrade doctor', () => {
  test('reports the backend in use, why tfjs-node is not, the datasets and that every exercise compiles', async () => {
    const run = await runCli(['doctor']);
    expect(run.exitCode, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toMatch(/Node\.js \d+\.\d+\.\d+/);
    expect(run.stdout).toMatch(/runs on the (wasm|tensorflow) backend/);
    if (run.stdout.includes('runs on the wasm backend')) {
      // Both ways to install the native backend: npm's own (with Google's download) and the offline one.
      expect(run.stdout).toContain('@tensorflow/tfjs-node is not installed');
      expect(run.stdout).toContain('`npm install` installs it where libtensorflow can be downloaded');
      expect(run.stdout).toContain('run `npm run install:native`');
    } else {
      expect(run.stdout).toMatch(/runs on the tensorflow backend \(@tensorflow\/tfjs-node \d+\.\d+\.\d+\)/);
    }
    expect(run.stdout).toContain('Dataset MNIST: present, checksums match.');
    for (const slug of [
      '00-from-python',
      '00a-cnn-basics',
      '00b-tfjs-basics',
      '01-mnist-data',
      '02-mnist-random-forest',
      '03-mnist-mlp',
      '04-mnist-cnn',
      '05-brain-tumor-segmentation',
      '06-tabular-dl',
      '07-tabular-neuro',
    ])
      expect(run.stdout).toContain(`✓ ${slug}: your files compile`);
    expect(run.stdout).toContain('Everything needed for grading is in place.');
  });

  // The same checks again, in Norwegian (the i18n test covers that every message has both languages).
  test.runIf(fullRun)('speaks Norwegian with --lang nb', async () => {
    const run = await runCli(['doctor', '--lang', 'nb']);
    expect(run.exitCode, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toContain('Datasett MNIST: finnes, sjekksummene stemmer.');
  });

  test('refuses an unknown language before checking anything', async () => {
    const bad = await runCli(['doctor', '--lang', 'sv']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('Expected --lang to be one of en, nb, but got "sv".');
  });

  test('calls a Node.js older than 20.19 a problem and says what to install', () => {
    expect(checkNode('20.18.3', 'en')).toMatchObject({ status: 'problem', message: expect.stringContaining('Install a current Node.js 20 or 22') });
    expect(checkNode('20.19.0', 'en').status).toBe('ok');
    expect(checkNode('22.1.0', 'en').status).toBe('ok');
  });
});
