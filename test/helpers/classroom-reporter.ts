/**
 * GitHub Classroom's grading reporter (`classroom-resources/autograding-grading-reporter`) run on this
 * project's step outputs. Where LABGRADE_CLASSROOM_REPORTER names a checkout of that action with its
 * dependencies installed (`npm install --omit=dev` in it), its own code runs (`node src/main.js`, as the
 * action does), and its log is read back: the table's rows and the notices. Elsewhere the same two sums are
 * made as that code makes them (src/helpers/test-helpers.js, getTestScore: a runner's score is passed tests /
 * tests x max_score; src/notify-classroom.js: the notices add every test's score, over runners with a
 * max_score), so that a format the table would total differently fails here too.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface ReporterRunner {
  /** The runner id, as in the action's `runners` input. */
  id: string;
  /** The step output: base64 of the result JSON. */
  encoded: string;
}

export interface ReporterOutcome {
  /** Whether the action's own code ran (else its arithmetic). */
  real: boolean;
  /** Each runner's row of the table, as printed: score and max score. */
  rows: { score: string; max: string }[];
  /** The table's total row. */
  total: { score: string; max: string };
  /** The notices it printed, as workflow commands. */
  notices: string[];
  log: string;
}

interface ReporterTest {
  status: string;
  score?: number;
}

/** The checkout of the reporter action, when one is named and installed. */
export function reporterCheckout(): string | undefined {
  const dir = process.env['LABGRADE_CLASSROOM_REPORTER'];
  if (!dir) return undefined;
  if (!existsSync(path.join(dir, 'src', 'main.js')) || !existsSync(path.join(dir, 'node_modules', 'cli-table3'))) {
    throw new Error(
      `Expected LABGRADE_CLASSROOM_REPORTER=${dir} to be a checkout of classroom-resources/autograding-grading-reporter with its dependencies installed (src/main.js, node_modules/cli-table3), but they are not there. Run \`npm install --omit=dev\` in it, or unset the variable.`,
    );
  }
  return dir;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes start with ESC.
const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

/** Runs the reporter over these runners, in order. */
export function runClassroomReporter(runners: ReporterRunner[]): ReporterOutcome {
  const dir = reporterCheckout();
  if (dir) {
    const env: Record<string, string> = { PATH: process.env['PATH'] ?? '', INPUT_RUNNERS: runners.map((r) => r.id).join(',') };
    for (const r of runners) env[`${r.id.toUpperCase()}_RESULTS`] = r.encoded;
    const run = spawnSync(process.execPath, [path.join(dir, 'src', 'main.js')], { env, encoding: 'utf8' });
    const log = stripAnsi(`${run.stdout}`);
    const cells = log
      .split('\n')
      .filter((line) => line.startsWith('│'))
      .map((line) =>
        line
          .split('│')
          .slice(1, -1)
          .map((c) => c.trim()),
      );
    const body = cells.filter((row) => row[0] !== 'Test Runner Name');
    const totalRow = body.find((row) => row[0] === 'Total:');
    if (!totalRow || body.length !== runners.length + 1)
      throw new Error(`Expected the reporter's table with ${runners.length} runners and a total, but its log was:\n${log}${run.stderr}`);
    return {
      real: true,
      rows: body.filter((row) => row !== totalRow).map((row) => ({ score: row[1]!, max: row[2]! })),
      total: { score: totalRow[1]!, max: totalRow[2]! },
      notices: log.split('\n').filter((line) => line.startsWith('::notice')),
      log,
    };
  }
  const decoded = runners.map((r) => JSON.parse(Buffer.from(r.encoded, 'base64').toString('utf8')) as { max_score?: number; tests: ReporterTest[] });
  const rows = decoded.map((results) => {
    const max = results.max_score || 0;
    const passed = results.tests.reduce((acc, { status }) => (status === 'pass' ? acc + 1 : acc), 0);
    return { score: (passed / results.tests.length) * max, max };
  });
  let totalPoints = 0;
  let maxPoints = 0;
  for (const results of decoded) {
    if (!results.max_score) continue;
    maxPoints += results.max_score;
    for (const { score } of results.tests) totalPoints += score ?? 0;
  }
  const notices = maxPoints
    ? [
        `::notice title=Autograding complete::Points ${totalPoints}/${maxPoints}`,
        `::notice title=Autograding report::${JSON.stringify({ totalPoints, maxPoints })}`,
      ]
    : [];
  return {
    real: false,
    rows: rows.map((r) => ({ score: `${r.score}`, max: `${r.max}` })),
    total: { score: `${rows.reduce((a, r) => a + r.score, 0)}`, max: `${rows.reduce((a, r) => a + r.max, 0)}` },
    notices,
    log: '',
  };
}
