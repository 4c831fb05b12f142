/**
 * Bad input to the real CLI fails fast with a clear message (what was expected, what was found, what to
 * do) and an exit code, never a stack trace, and before any grading starts.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execaSync } from 'execa';
import { afterAll, describe, expect, test } from 'vitest';
import { messages, msg, type MessageKey } from '../../graders/src/core/i18n.ts';
import { repoRoot, runCli } from '../helpers/grade.ts';

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

describe('a reader that stops early', () => {
  test('closes the pipe without a crash: `labgrade list | head -1`', { timeout: 300_000 }, () => {
    const bin = path.join(repoRoot, 'bin', 'labgrade.js');
    const run = execaSync('bash', ['-o', 'pipefail', '-c', `node ${JSON.stringify(bin)} list | head -1`], { reject: false });
    expect(run.stdout).toMatch(/^00-from-python /);
    expect(run.stderr).not.toContain('EPIPE');
    expect(run.exitCode, run.stderr).toBe(0);
  });
});

describe('the list of exercises', () => {
  test('speaks Norwegian with --lang nb: titles, levels and points', { timeout: 300_000 }, async () => {
    const [en, nb] = [await runCli(['list']), await runCli(['list', '--lang', 'nb'])];
    expect(en.exitCode, en.stderr).toBe(0);
    expect(nb.exitCode, nb.stderr).toBe(0);
    expect(en.stdout).toMatch(/^03-mnist-mlp +core +~ *\d+ min +\d+ pts +A multilayer perceptron for handwritten digits$/m);
    expect(nb.stdout).toMatch(/^03-mnist-mlp +kjerne +~ *\d+ min +\d+ poeng +En flerlags perseptron for håndskrevne sifre$/m);
    expect(nb.stdout).toMatch(/^04-mnist-cnn +anbefalt /m);
    expect(nb.stdout).toMatch(/^07-tabular-neuro +valgfri /m);
    expect(nb.stdout).not.toMatch(/\b(core|recommended|optional|pts)\b/);
    expect(nb.stdout.split('\n').length).toBe(en.stdout.split('\n').length);
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

  test.each([
    [['grade', '--all', '--jobs', '0'], 'Expected --jobs to be a positive whole number, but got "0".'],
    [['grade', '--all', '--jobs', '1.5'], 'Expected --jobs to be a positive whole number, but got "1.5".'],
  ])('%j is refused before anything is graded', async (args, message) => {
    const run = await runCli(args);
    expect(run.exitCode, run.stderr).toBe(2);
    expect(run.stderr.startsWith(`labgrade: ${message}\n\nlabgrade: auto-graded deep-learning exercises`)).toBe(true);
    expect(run.stderr).not.toContain('Grading');
    noStack(run.stderr);
  });
});

describe('a command line the CLI cannot read', () => {
  test.each([
    [['grade', '00a-cnn-basics', '--bogus'], "Unknown option '--bogus'."],
    // The grading processes of --submissions --jobs N have their own entry (engine/batch-shard.ts).
    [['grade', '--all', '--shard', '0/2'], "Unknown option '--shard'."],
    [['grade', '00a-cnn-basics', '--out'], "Option '--out <value>' argument missing."],
    [['report', 'results', '--csv'], "Option '--csv <value>' argument missing."],
    [
      ['grade', '00a-cnn-basics', '--out', '--solution'],
      "Option '--out' is followed by another option, not its value. Write its value after it (a value that starts with a dash as --out=-x).",
    ],
    [['list', 'extra'], "Unexpected argument 'extra'. This command does not take positional arguments."],
  ])('%j says what it could not read, with the help, and exits 2', async (args, message) => {
    const run = await runCli(args);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.startsWith(`labgrade: ${message}\n\nlabgrade: auto-graded deep-learning exercises`)).toBe(true);
    expect(run.stderr).not.toContain('unexpected error');
    noStack(run.stderr);
  });
});

describe('the help', () => {
  /** The command lines and every option a help text names. */
  const outline = (text: string) => ({
    commands: text
      .split('\n')
      .filter((l) => l.startsWith('  labgrade '))
      .map((l) => l.trim().split(/\s+/)[1]),
    options: [...new Set(text.match(/--[a-z][a-z-]*/g))].sort(),
  });

  test('exists in English and Norwegian, naming the same commands and options', async () => {
    const en = await runCli(['help']);
    const nb = await runCli(['help', '--lang', 'nb']);
    expect(en.stdout).toContain('Usage:');
    expect(nb.stdout).toContain('Bruk:');
    expect(outline(nb.stdout)).toEqual(outline(en.stdout));
    expect(outline(en.stdout).commands).toEqual(['list', 'grade', 'stubs', 'report', 'export-template', 'unpack-suites', 'schema', 'watch', 'doctor', 'help']);
    // A usage error shows the help in the language asked for.
    const wrong = await runCli(['grade', '--lang', 'nb', '--bogus']);
    expect(wrong.stderr).toContain('Bruk:');
  });
});

describe('errors in the language asked for', () => {
  test('an exercise that does not exist is named, in Norwegian with --lang nb, before anything is graded', async () => {
    const nb = await runCli(['grade', 'nope', '--lang', 'nb']);
    expect(nb.exitCode).toBe(1);
    expect(nb.stderr).toMatch(/^labgrade: Det finnes ingen oppgave «nope»\. Forventet en av: 00-from-python, 00a-cnn-basics, .*Kjør `npx labgrade list`/m);
    expect(nb.stderr).not.toContain('Grading');
    const en = await runCli(['grade', '00a-cnn-basics', 'nope']);
    expect(en.exitCode).toBe(1);
    expect(en.stderr).toMatch(/^labgrade: There is no exercise "nope"\./m);
    expect(en.stderr).not.toContain('Grading');
  });

  test.each([
    [['grade', '--all', '--jobs', '0', '--lang', 'nb'], 'Forventet at --jobs er et positivt heltall, men fikk «0».'],
    [
      ['grade', '00a-cnn-basics', '--backend', 'gpu', '--lang', 'nb'],
      'Forventet at --backend er en av auto, tensorflow, tensorflow-gpu, wasm, cpu, men fikk «gpu».',
    ],
    [['--lang', 'nb', 'bogus'], 'Ukjent kommando «bogus».'],
    // What Node's parseArgs could not read, in Norwegian too.
    [['grade', '00a-cnn-basics', '--bogus', '--lang', 'nb'], 'Ukjent valg «--bogus».'],
    [['grade', '00a-cnn-basics', '--lang', 'nb', '--out'], 'Valget «--out» mangler verdien sin: skriv den etter valget.'],
    [['--lang', 'nb', 'grade', '00a-cnn-basics', '--solution=yes'], 'Valget «--solution» tar ingen verdi.'],
  ])('a usage error, %j, is said in Norwegian with --lang nb, then the Norwegian help', async (args, message) => {
    const run = await runCli(args);
    expect(run.exitCode, run.stderr).toBe(2);
    expect(run.stderr.startsWith(`labgrade: ${message}\n\nlabgrade: automatisk rettede oppgaver i dyp læring\n\nBruk:`)).toBe(true);
    noStack(run.stderr);
  });

  test('the help is in Norwegian with --lang nb, before the command or after it', async () => {
    for (const args of [
      ['--lang', 'nb', '--help'],
      ['help', '--lang=nb'],
      ['-h', '--lang', 'nb'],
    ]) {
      const run = await runCli(args);
      expect(run.exitCode, run.stderr).toBe(0);
      expect(run.stdout.startsWith('labgrade: automatisk rettede oppgaver i dyp læring\n\nBruk:\n'), args.join(' ')).toBe(true);
      expect(run.stdout).not.toContain('Usage:');
    }
  });
});

describe('the usage errors in the catalogue', () => {
  test('each has a Norwegian text of its own, not the English again', () => {
    const keys = (Object.keys(messages) as MessageKey[]).filter((key) => key.startsWith('usage.'));
    expect(keys.length).toBeGreaterThanOrEqual(20);
    for (const key of keys)
      expect(msg(key, 'nb', { option: '--x', choices: 'a', value: 'v', count: 2, path: 'p', file: 'f', reason: 'r' }), key).not.toBe(
        msg(key, 'en', { option: '--x', choices: 'a', value: 'v', count: 2, path: 'p', file: 'f', reason: 'r' }),
      );
  });
});

describe('a full disk', () => {
  // A real full file system: a 64 KiB tmpfs, filled up. Mounting needs root; elsewhere this is skipped.
  const mountPoint = path.join(os.tmpdir(), `labgrade-full-${process.pid}`);
  let mounted = false;
  try {
    execaSync('mkdir', ['-p', mountPoint]);
    execaSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mountPoint]);
    mounted = true;
  } catch {
    mounted = false;
  }
  afterAll(() => {
    if (mounted) execaSync('umount', [mountPoint], { reject: false });
  });

  test.runIf(mounted)('is reported as such, before grading, with what to do', { timeout: 300_000 }, async () => {
    execaSync('dd', ['if=/dev/zero', `of=${path.join(mountPoint, 'filler')}`, 'bs=4k'], { reject: false });
    const run = await runCli(['grade', '00a-cnn-basics', '--solution', '--out', path.join(mountPoint, 'results')]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^labgrade: Could not write .*results.*: the disk is full\. Free some space or choose another folder with --out DIR\./m);
    expect(run.stderr).not.toContain('Grading 00a-cnn-basics');
    noStack(run.stderr);
  });
});
