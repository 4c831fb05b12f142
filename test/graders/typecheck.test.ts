/**
 * The whole repository type-checks (`npm run typecheck`): engine, runtime, suites, drivers, solutions, stubs,
 * tests. Nothing else compiles the project (tsx strips types), so a wrong type would otherwise go unseen,
 * such as a driver message given in one language where both are required.
 */
import { execa } from 'execa';
import { expect, test } from 'vitest';
import { repoRoot } from '../helpers/grade.ts';

test('tsc --noEmit reports no errors', async () => {
  const run = await execa(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.'], {
    cwd: repoRoot,
    reject: false,
    all: true,
    timeout: 600_000,
  });
  expect(run.all, 'Run `npm run typecheck` to see the errors.').toBe('');
  expect(run.exitCode).toBe(0);
}, 600_000);
