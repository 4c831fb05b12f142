/** A `--submissions` run as the class sees it: a table (`--format text`) or a list (`--format json`). */
import type { BatchEntry } from '../engine/batch.ts';

/** The batch as a table: one row per submission, a column per exercise, and the total. */
export function renderBatchText(entries: BatchEntry[], slugs: string[]): string {
  const submissions = [...new Set(entries.map((e) => e.submission))];
  const cell = (e: BatchEntry | undefined) => (e?.result ? `${e.result.score}/${e.result.maxScore}` : 'error');
  const rows = submissions.map((s) => {
    const mine = slugs.map((slug) => entries.find((e) => e.submission === s && e.slug === slug));
    const total = mine.reduce((sum, e) => sum + (e?.result?.score ?? 0), 0);
    const max = mine.reduce((sum, e) => sum + (e?.result?.maxScore ?? 0), 0);
    return [s, ...mine.map(cell), `${Math.round(total * 1000) / 1000}/${max}`];
  });
  const header = ['submission', ...slugs, 'total'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  const errors = entries.filter((e) => e.error).map((e) => `${e.submission} · ${e.slug}: ${e.error}`);
  return `${[line(header), ...rows.map(line)].join('\n')}\n${errors.length ? `\nNot graded:\n${errors.map((e) => `  ${e}`).join('\n')}\n` : ''}`;
}

/** The batch as JSON: one entry per submission and exercise, with the result file's path. */
export function renderBatchJson(entries: BatchEntry[]): string {
  return `${JSON.stringify(
    entries.map((e) => ({
      submission: e.submission,
      exercise: e.slug,
      file: e.file,
      ...(e.result ? { score: e.result.score, maxScore: e.result.maxScore, status: e.result.status, reused: Boolean(e.reused) } : { error: e.error }),
    })),
    null,
    2,
  )}\n`;
}
