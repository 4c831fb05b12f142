/**
 * The lint and format gate: Biome checks formatting and its lint rules (biome.jsonc says which are off and
 * why) over the repository's own code. `npm run format` fixes formatting; lint findings name file and line.
 */
import { execa } from 'execa';
import path from 'node:path';
import { expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '..');

it('formats and lints clean under biome.jsonc (fix with `npm run format`, then read what `npm run lint` reports)', async () => {
  const run = await execa('node_modules/.bin/biome', ['ci', '--colors=off', '--max-diagnostics=50', '.'], { cwd: repoRoot, reject: false, all: true });
  expect(run.exitCode, run.all).toBe(0);
}, 60_000);
