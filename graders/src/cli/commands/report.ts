/**
 * `labgrade report <results...>`: the class report over every result file in the files and folders given:
 * a summary on stdout, and as asked a CSV, an HTML page, a similarity check, and with the class roster a
 * Canvas gradebook and a plain one.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../../core/errors.ts';
import { localized } from '../../core/i18n.ts';
import { writeFileAtomic } from '../../engine/output.ts';
import { CANVAS_ID_COLUMNS, type CanvasIdColumn } from '../../reporters/class/gradebook.ts';
import type { StudentResult } from '../../reporters/class/report.ts';
import type { SimilarPair } from '../../reporters/class/similarity.ts';

const parseReport = (argv: string[]) =>
  parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      csv: { type: 'string' },
      html: { type: 'string' },
      roster: { type: 'string' },
      canvas: { type: 'string' },
      gradebook: { type: 'string' },
      'canvas-assignment': { type: 'string' },
      'canvas-id': { type: 'string' },
      similarity: { type: 'boolean', default: false },
      'similarity-threshold': { type: 'string' },
      submissions: { type: 'string' },
    },
  });

type Values = ReturnType<typeof parseReport>['values'];

const warn = (line: string) => void process.stderr.write(`${line}\n`);

/** Checks the options against each other; the Canvas column and the similarity threshold, read. */
function checkOptions(values: Values, positionals: string[]): { canvasId: CanvasIdColumn; threshold?: number } {
  if (!positionals.length) throw new UsageError(localized('usage.report-inputs'));
  if ((values.canvas !== undefined || values.gradebook !== undefined) && values.roster === undefined) throw new UsageError(localized('usage.roster-needed'));
  const canvasId = values['canvas-id'] ?? 'sis-login-id';
  if (!(CANVAS_ID_COLUMNS as readonly string[]).includes(canvasId))
    throw new UsageError(localized('usage.one-of', { option: '--canvas-id', choices: CANVAS_ID_COLUMNS.join(', '), value: canvasId }));
  if ((values['similarity-threshold'] !== undefined || values.submissions !== undefined) && !values.similarity)
    throw new UsageError(localized('usage.similarity-options'));
  const threshold = values['similarity-threshold'] === undefined ? undefined : Number(values['similarity-threshold']);
  if (threshold !== undefined && !(threshold > 0 && threshold <= 1))
    throw new UsageError(localized('usage.similarity-threshold', { value: values['similarity-threshold']! }));
  return { canvasId: canvasId as CanvasIdColumn, ...(threshold !== undefined ? { threshold } : {}) };
}

/** `--similarity`: the pairs of students whose code is alike, said on stderr. */
async function similarPairs(results: StudentResult[], values: Values, threshold: number | undefined): Promise<SimilarPair[]> {
  const { findSimilarPairs } = await import('../../reporters/class/similarity.ts');
  const similar = await findSimilarPairs({
    results,
    ...(values.submissions !== undefined ? { submissionsDir: path.resolve(values.submissions) } : {}),
    ...(threshold !== undefined ? { threshold } : {}),
  });
  similar.warnings.forEach(warn);
  const pairs = similar.pairs.length
    ? similar.pairs.map((p) => `${p.left} and ${p.right} in ${p.exercise}, ${Math.round(p.similarity * 100)}%`).join('; ')
    : 'no pair reaches the threshold';
  warn(`Similar code (a flag for a person to look at; grades are unchanged): ${pairs}.`);
  return similar.pairs;
}

/** `--roster`: joins the class roster, writes the gradebooks asked for, and says who is missing where. */
async function rosterReports(results: StudentResult[], values: Values, canvasId: CanvasIdColumn): Promise<void> {
  const { joinRoster, readRoster } = await import('../../reporters/class/roster.ts');
  const { renderCanvasCsv, renderGradebookCsv, rosterFindings } = await import('../../reporters/class/gradebook.ts');
  const roster = readRoster(path.resolve(values.roster!));
  roster.warnings.forEach(warn);
  const students = joinRoster(roster.entries, results);
  if (values.canvas !== undefined) {
    const assignment = values['canvas-assignment'];
    await writeFileAtomic(path.resolve(values.canvas), renderCanvasCsv(students, { canvasId, ...(assignment !== undefined ? { assignment } : {}) }));
    warn(`Canvas gradebook written to ${values.canvas}`);
  }
  if (values.gradebook !== undefined) {
    await writeFileAtomic(path.resolve(values.gradebook), renderGradebookCsv(students));
    warn(`Gradebook written to ${values.gradebook}`);
  }
  rosterFindings(students).forEach(warn);
}

export async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseReport(argv);
  const { canvasId, threshold } = checkOptions(values, positionals);
  const { collectResults, renderCsv, renderSummary } = await import('../../reporters/class/report.ts');
  const { results, warnings } = collectResults(positionals);
  warnings.forEach(warn);
  const pairs = values.similarity ? await similarPairs(results, values, threshold) : undefined;
  if (values.csv !== undefined) {
    const similar = pairs && (await import('../../reporters/class/similarity.ts')).similarTo(pairs);
    await writeFileAtomic(path.resolve(values.csv), renderCsv(results, similar));
    warn(`CSV written to ${values.csv}`);
  }
  if (values.html !== undefined) {
    const { renderHtml } = await import('../../reporters/class/html.ts');
    await writeFileAtomic(path.resolve(values.html), renderHtml(results, undefined, pairs));
    warn(`HTML report written to ${values.html}`);
  }
  if (values.roster !== undefined) await rosterReports(results, values, canvasId);
  process.stdout.write(renderSummary(results));
}
