/**
 * Runs a hidden suite under vitest, in this process's vitest instance, and collects each check's outcome
 * from the tests' meta. The suite's own code runs in a vitest worker; student code runs in the sandbox.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { CheckOutcome, GradingContext, SuiteSidecar } from './context.ts';
import { repoRoot, runtimeDir, suitesDir } from './paths.ts';

export interface SuiteRun {
  outcomes: Map<string, CheckOutcome & { durationMs: number }>;
  sidecar?: SuiteSidecar;
  /** Errors that stopped the suite as a whole (a failing hook, an import error in the suite). */
  suiteErrors: string[];
}

interface TestCaseLike {
  name: string;
  meta(): { outcome?: CheckOutcome };
  result(): { state: string; errors?: readonly { message?: string }[] };
  diagnostic(): { duration: number } | undefined;
}

interface TestModuleLike {
  errors(): readonly { message?: string }[];
}

/** Runs `graders/suites/<slug>` with the given context. */
export async function runSuite(context: GradingContext, timeoutMs: number): Promise<SuiteRun> {
  const outcomes = new Map<string, CheckOutcome & { durationMs: number }>();
  const suiteErrors: string[] = [];
  const reporter = {
    onTestCaseResult(testCase: TestCaseLike) {
      const result = testCase.result();
      const meta = testCase.meta().outcome;
      const durationMs = Math.round(testCase.diagnostic()?.duration ?? 0);
      if (meta) outcomes.set(testCase.name, { ...meta, durationMs });
      else if (result.state === 'failed') {
        outcomes.set(testCase.name, { status: 'error', message: result.errors?.[0]?.message ?? 'The check failed without a message.', durationMs });
      }
    },
    onTestModuleEnd(testModule: TestModuleLike) {
      for (const error of testModule.errors()) suiteErrors.push(error.message ?? String(error));
    },
    onTestRunEnd(_modules: unknown, unhandledErrors: readonly { message?: string }[]) {
      for (const error of unhandledErrors) suiteErrors.push(error.message ?? String(error));
    },
  };

  const suiteDir = path.join(suitesDir, context.slug);
  const previousExitCode = process.exitCode;
  const { startVitest } = await import('vitest/node');
  const vitest = await startVitest(
    'test',
    [],
    {
      watch: false,
      config: false,
      root: repoRoot,
      include: [`${path.relative(repoRoot, suiteDir).split(path.sep).join('/')}/**/*.test.ts`],
      reporters: [reporter as never],
      pool: 'threads',
      maxWorkers: 1,
      fileParallelism: false,
      testTimeout: timeoutMs,
      hookTimeout: timeoutMs,
      teardownTimeout: 30_000,
      silent: true,
      passWithNoTests: true,
      provide: { labgrade: context },
    } as never,
    { resolve: { alias: { 'labgrade/runtime': path.join(runtimeDir, 'index.ts') } }, logLevel: 'silent' } as never,
    { stdout: devNull(), stderr: devNull() } as never,
  );
  await vitest.close();
  // A failing check is a grade, not a failure of the grader.
  process.exitCode = previousExitCode;

  const sidecar = existsSync(context.sidecarFile) ? (JSON.parse(readFileSync(context.sidecarFile, 'utf8')) as SuiteSidecar) : undefined;
  return { outcomes, sidecar, suiteErrors };
}

function devNull(): Writable {
  return new Writable({ write: (_chunk, _encoding, callback) => callback() });
}
