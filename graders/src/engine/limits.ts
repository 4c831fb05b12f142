/** How long a grading may take: the phases' limits (optionally scaled for tests) and the suite's own bound. */
import { UsageError } from '../core/errors.ts';
import type { Manifest } from '../core/manifest.ts';
import { wallBackstopMs } from '../sandbox/sandbox.ts';
import { localized } from '../core/i18n.ts';

/** Shortest limit LABGRADE_LIMIT_SCALE can give a phase: below it, a slow machine's normal work would time out. */
const MIN_SCALED_LIMIT_SECONDS = 10;

/**
 * Phase limits, optionally shortened by LABGRADE_LIMIT_SCALE (a number in (0, 1]) so that the grader's own
 * tests of timeouts run quickly. Limits can only be shortened, never lengthened, and a scaled limit is never
 * below 10 seconds (or the manifest's own limit, when that is shorter).
 */
export function scaledLimits(limits: Manifest['limits']): Manifest['limits'] {
  const raw = process.env.LABGRADE_LIMIT_SCALE;
  if (raw === undefined || raw === '') return limits;
  const scale = Number(raw);
  if (!(scale > 0 && scale <= 1)) throw new UsageError(localized('usage.limit-scale', { value: raw }));
  const shorten = (seconds: number) => Math.min(seconds, Math.max(MIN_SCALED_LIMIT_SECONDS, seconds * scale));
  return {
    ...limits,
    buildSeconds: shorten(limits.buildSeconds),
    trainSeconds: shorten(limits.trainSeconds),
    predictSeconds: shorten(limits.predictSeconds),
  };
}

/** The phases' limits count CPU time; the suite as a whole waits at most for their wall-clock backstops. */
export function suiteTimeoutMs(limits: Manifest['limits']): number {
  return [limits.buildSeconds, limits.trainSeconds, limits.predictSeconds].reduce((sum, s) => sum + wallBackstopMs(1000 * s), 120_000);
}
