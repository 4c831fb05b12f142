/** The record of repeated failures that makes hints grow more specific, on real files. */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { HintHistory } from '../../graders/src/engine/hint-history.ts';

const tempFile = async (name = 'hint-history.json') => path.join(await mkdtemp(path.join(os.tmpdir(), 'labgrade-hints-')), name);

describe('HintHistory', () => {
  test('shows the next hint after each failure on changed files, up to the last, and starts over after a pass', async () => {
    const file = await tempFile();
    const history = await HintHistory.open(file);
    expect(history.failed('00b', 'fit', 3, 'a')).toBe(1);
    expect(history.failed('00b', 'fit', 3, 'a'), 'the same files graded again').toBe(1);
    expect(history.failed('00b', 'fit', 3, 'b')).toBe(2);
    expect(history.failed('00b', 'fit', 3, 'c')).toBe(3);
    expect(history.failed('00b', 'fit', 3, 'd'), 'never past the last hint').toBe(3);
    expect(history.failed('00b', 'other', 3, 'd'), 'each check counts on its own').toBe(1);
    history.passed('00b', 'fit');
    expect(history.failed('00b', 'fit', 3, 'e')).toBe(1);
  });

  test('keeps its record in a file between gradings', async () => {
    const file = await tempFile();
    const first = await HintHistory.open(file);
    first.failed('03-mnist-mlp', 'accuracy.test', 3, 'a');
    expect(await first.save()).toBeUndefined();
    const second = await HintHistory.open(file);
    expect(second.failed('03-mnist-mlp', 'accuracy.test', 3, 'b')).toBe(2);
    await second.save();
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, checks: { '03-mnist-mlp/accuracy.test': { failures: 2, sha256: 'b' } } });
  });

  test('starts empty from a missing or damaged file', async () => {
    expect((await HintHistory.open(await tempFile('missing.json'))).failed('x', 'y', 2, 'a')).toBe(1);
    const damaged = await tempFile();
    await writeFile(damaged, '{ not json');
    expect((await HintHistory.open(damaged)).failed('x', 'y', 2, 'a')).toBe(1);
    await writeFile(damaged, JSON.stringify({ version: 1, checks: { 'x/y': { failures: -3 } } }));
    expect((await HintHistory.open(damaged)).failed('x', 'y', 2, 'a')).toBe(1);
  });

  test('keeps every update when saves overlap, as exercises graded at once (--jobs) save', async () => {
    const file = await tempFile();
    const history = await HintHistory.open(file);
    const saves: Promise<string | undefined>[] = [];
    for (let i = 0; i < 20; i++) {
      history.failed(`ex-${i}`, 'check', 2, 'a');
      saves.push(history.save());
    }
    expect(await Promise.all(saves)).toEqual(new Array(20).fill(undefined));
    const saved = JSON.parse(await readFile(file, 'utf8')) as { checks: Record<string, unknown> };
    expect(Object.keys(saved.checks).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `ex-${i}/check`).sort());
    expect(
      (await readdir(path.dirname(file))).filter((f) => f.endsWith('.tmp')),
      'no temporary file left behind',
    ).toEqual([]);
  });

  test('returns a warning instead of failing when the record cannot be written', async () => {
    const dir = path.dirname(await tempFile());
    const blocker = path.join(dir, 'a-file');
    await writeFile(blocker, '');
    const history = await HintHistory.open(path.join(blocker, 'hint-history.json'));
    history.failed('x', 'y', 2, 'a');
    expect(await history.save()).toMatch(/^Hints will not grow more specific: Could not write .*: a file stands where a folder is needed/);
  });
});
