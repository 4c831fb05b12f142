/**
 * `npm test` (and CI) grades what guards the invariant and each feature once: every reference solution and
 * untouched stub, a golden of each kind, the whole hostile corpus (its endless loops under shortened limits).
 * `npm run test:full` adds what repeats a kind already covered or waits out a limit: the endless loops under
 * their full limits, the visible tests against the stubs, doctor in Norwegian. Tests left out are reported as
 * skipped, never silently dropped.
 */
export const fullRun = process.env['npm_lifecycle_event'] === 'test:full' || process.env['LABGRADE_FULL_TESTS'] === '1';
