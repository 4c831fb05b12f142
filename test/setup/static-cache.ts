/**
 * Global set-up of `npm test`: one static-check cache for the whole run (LABGRADE_STATIC_CACHE, inherited by
 * the test workers and the CLI processes they start). Each distinct submission is type-checked for real the
 * first time it is graded in the run; the same files graded again reuse that report. Removed at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  if (process.env['LABGRADE_STATIC_CACHE']) return () => {};
  const dir = mkdtempSync(path.join(os.tmpdir(), 'labgrade-static-cache-'));
  process.env['LABGRADE_STATIC_CACHE'] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
