/**
 * The student template's lock file: this repository's package-lock.json without the instructor-only packages
 * (template-lock.ts). Pruning nothing gives the lock back unchanged; pruning the similarity checker drops
 * every package only it needs, keeps every other, and gives the dev and optional flags npm would compute.
 */
import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { INSTRUCTOR_ONLY_PACKAGES, pruneLock, type LockFile } from '../../graders/src/template/lock.ts';
import { repoRoot } from '../helpers/grade.ts';

const lock = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as LockFile;
const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;

describe('pruneLock', () => {
  test('pruning nothing gives the lock back as npm wrote it, flags included', () => {
    expect(pruneLock(lock, [])).toEqual(lock);
  });

  test('pruning the similarity checker drops what only it needs and recomputes the flags of what it shared', () => {
    const pruned = pruneLock(lock, INSTRUCTOR_ONLY_PACKAGES);
    const dropped = Object.keys(lock.packages).filter((p) => !(p in pruned.packages));
    expect(dropped).toEqual(expect.arrayContaining(['node_modules/@dodona/dolos-lib', 'node_modules/@dodona/dolos-parsers', 'node_modules/tree-sitter']));
    expect(Object.keys(pruned.packages).filter((p) => /@dodona|tree-sitter/.test(p))).toEqual([]);
    for (const name of [...Object.keys(pkg['dependencies']!), ...Object.keys(pkg['optionalDependencies']!)])
      expect(pruned.packages[`node_modules/${name}`], name).toBeDefined();
    // Packages the checker shared with others keep what those others give them: whatever was dev only through it
    // is gone, and nothing left is marked dev unless a devDependency still needs it.
    for (const [location, entry] of Object.entries(pruned.packages)) {
      if (location && entry.dev) expect(lock.packages[location]!.dev, location).toBe(true);
    }
  });

  test("npm finds nothing extraneous, missing or invalid in the pruned lock with the template's package.json", { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'labgrade-lock-'));
    const dev = { ...pkg['devDependencies'] };
    for (const name of INSTRUCTOR_ONLY_PACKAGES) delete dev[name];
    await writeFile(path.join(dir, 'package.json'), JSON.stringify({ ...pkg, devDependencies: dev }, null, 2));
    await writeFile(path.join(dir, 'package-lock.json'), JSON.stringify(pruneLock(lock, INSTRUCTOR_ONLY_PACKAGES), null, 2));
    // npm's own reading of the pair, from the lock alone (no install): a package the lock has but nothing needs is
    // "extraneous", one needed but not there "missing", one of the wrong version "invalid".
    const run = await execa('npm', ['ls', '--package-lock-only', '--all'], { cwd: dir, reject: false });
    expect(run.stdout).toContain('@tensorflow/tfjs@');
    // (Optional peer dependencies nobody installs are listed as "UNMET OPTIONAL DEPENDENCY", as for this repository's own lock.)
    const problems = `${run.stdout}\n${run.stderr}`
      .split('\n')
      .filter((line) => /extraneous|missing|invalid|UNMET/.test(line) && !line.includes('UNMET OPTIONAL DEPENDENCY'));
    expect(problems).toEqual([]);
    // The same check finds the checker's packages in the unpruned lock.
    await writeFile(path.join(dir, 'package-lock.json'), JSON.stringify(lock, null, 2));
    const unpruned = await execa('npm', ['ls', '--package-lock-only', '--all'], { cwd: dir, reject: false });
    expect(unpruned.stdout).toMatch(/@dodona\/dolos-lib@\S+ extraneous/);
  });
});
