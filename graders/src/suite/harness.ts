/**
 * The toolkit hidden suites are written with, and the one module they import. A suite declares checks with
 * `check(id, fn)`; each check awaits the tasks it needs (`submission.task(...)`), which run once in the
 * sandboxed child and are shared between checks, and either returns (pass) or calls `fail(...)` with what
 * was expected and found.
 */
export { afterAll, beforeAll } from './suite-runtime.ts';
export { gradingContext, shapeText, t } from './text.ts';
export { CheckFailure, TaskFailure, check, fail, type CheckApi, type FailureDetail, type MetricInput } from './checks.ts';
export type { Phase } from './phase-ledger.ts';
export { derived, discardEarlySandbox, settled, startSandboxEarly, useSubmission, type Submission, type Task } from './submission.ts';
export { pictures, recordCurve, type SavePicture } from './pictures-record.ts';
export { localized, type Localized } from '../core/i18n.ts';
