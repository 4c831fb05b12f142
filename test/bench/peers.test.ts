/**
 * The bench finds an interpreter that has the peers' modules: LABGRADE_PYTHON when set, else the first
 * candidate that imports them, and says which. Tried on two real virtual environments of this machine's
 * python3, one of which has the module.
 */
import { execa } from 'execa';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { findPeerPython, pythonCandidates } from '../../bench/peers.ts';

let without: string;
let withModule: string;

beforeAll(async () => {
  const work = await mkdtemp(path.join(os.tmpdir(), 'labgrade-peers-'));
  for (const name of ['plain', 'with-peer']) await execa('python3', ['-m', 'venv', '--without-pip', path.join(work, name)]);
  without = path.join(work, 'plain', 'bin', 'python3');
  withModule = path.join(work, 'with-peer', 'bin', 'python3');
  const { stdout } = await execa(withModule, ['-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])']);
  await mkdir(stdout.trim(), { recursive: true });
  await writeFile(path.join(stdout.trim(), 'labgrade_peer_probe.py'), 'VALUE = 1\n');
}, 120_000);

describe("the peers' interpreter", () => {
  test('is the first candidate that imports every module, after those that do not', async () => {
    const found = await findPeerPython(['json', 'labgrade_peer_probe'], [without, withModule]);
    expect(found.python).toBe(withModule);
    expect(found.version).toMatch(/^3\.\d+\.\d+/);
    expect(found.tried).toEqual([`${without} (no labgrade_peer_probe)`, withModule]);
  });

  test('none, with each one tried and what it lacked, when no candidate has the modules', async () => {
    const found = await findPeerPython(['labgrade_peer_probe', 'no_such_module_here'], [without, withModule, path.join(os.tmpdir(), 'no-python-here')]);
    expect(found.python).toBeUndefined();
    expect(found.tried).toEqual([
      `${without} (no labgrade_peer_probe)`,
      `${withModule} (no no_such_module_here)`,
      `${path.join(os.tmpdir(), 'no-python-here')} (does not run)`,
    ]);
  });

  test("LABGRADE_PYTHON alone when set; else the PATH's python3 interpreters, then Debian's", () => {
    expect(pythonCandidates({ LABGRADE_PYTHON: withModule, PATH: path.dirname(without) })).toEqual([withModule]);
    const candidates = pythonCandidates({ PATH: [path.dirname(without), path.dirname(withModule)].join(path.delimiter) });
    expect(candidates.slice(0, 2)).toEqual([without, withModule]);
    expect(candidates).toContain('/usr/bin/python3');
  });
});
