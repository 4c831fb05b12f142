/** `--format text` (the default): a plain-text report per exercise, for the terminal; with --submissions, the class table. */
import { msg } from '../core/i18n.ts';
import type { GradeResult } from '../core/result.ts';
import { neutralizeWorkflowCommands } from '../core/safe-text.ts';
import { renderBatchText } from './batch-table.ts';
import type { Reporter } from './reporter.ts';

const MARK = { pass: '✓', fail: '✗', error: '!' } as const;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

export function renderText(result: GradeResult): string {
  const language = result.language;
  const word = (key: 'report.expected' | 'report.found' | 'report.hint' | 'report.at') => msg(key, language);
  const lines: string[] = [];
  lines.push(`${result.exercise.id} · ${result.exercise.title} · v${result.exercise.version}`);
  lines.push(
    `${msg('report.submission', language)}: ${result.submission.path} (${result.submission.kind}) · backend ${result.environment.backend} · seed ${result.seed}`,
  );
  lines.push('');
  const width = Math.max(...result.checks.map((c) => c.id.length));
  for (const check of result.checks) {
    lines.push(`  ${MARK[check.status]} ${check.id.padEnd(width)}  ${`${check.points}/${check.maxPoints}`.padStart(5)}  ${check.title}`);
    if (check.status !== 'pass' || check.metric) {
      const details: string[] = [];
      if (check.status !== 'pass') details.push(check.message);
      if (check.expected !== undefined) details.push(`${word('report.expected')}: ${check.expected}`);
      if (check.found !== undefined) details.push(`${word('report.found')}:    ${check.found}`);
      if (check.metric && check.status === 'pass')
        details.push(`${check.metric.name} = ${check.metric.value} (${check.metric.comparator} ${check.metric.threshold})`);
      // A passing measured check may say more than "Passed." (what a model relies on, say).
      if (check.metric && check.status === 'pass' && check.message !== msg('check.pass', result.language)) details.push(check.message);
      if (check.hint) {
        const level = check.hints && check.hintLevel ? ` ${check.hintLevel}/${check.hints.length}` : '';
        details.push(`${word('report.hint')}${level}: ${check.hint}`);
      }
      if (check.file) details.push(`${word('report.at')} ${check.file}${check.line ? `:${check.line}` : ''}`);
      lines.push(indent(details.join('\n'), ' '.repeat(width + 14)));
    }
  }
  lines.push('');
  const { timing } = result;
  const status = msg(`report.status.${result.status}`, language);
  lines.push(
    msg('report.score', language, {
      score: result.score,
      max: result.maxScore,
      status,
      total: seconds(timing.totalMs),
      student: seconds(timing.studentMs),
      grader: seconds(timing.graderMs),
    }),
  );
  if (result.notAttempted.length) lines.push(msg('report.not-attempted', language, { names: result.notAttempted.join(', ') }));
  if (result.gradingError) lines.push(msg('report.note', language, { message: result.gradingError }));
  if (result.templateChanges?.length) lines.push(templateChangesLine(result));
  if (result.tampering?.length) lines.push(tamperingLine(result));
  for (const curve of result.curves ?? []) {
    lines.push(`${curve.title}: ${curve.values.map((v) => (v === null ? 'NaN' : Number(v.toPrecision(3)))).join(' → ')}`);
  }
  return `${neutralizeWorkflowCommands(lines.join('\n'))}\n`;
}

/** One line saying which replies of the submission's process were changed on their way to the grader. */
export function tamperingLine(result: GradeResult): string {
  const tasks = [...new Set((result.tampering ?? []).map((t) => t.task))].join(', ');
  return msg('report.tampering', result.language, { names: tasks });
}

/** One line naming the template files a repository changed, for the student and the instructor alike. */
export function templateChangesLine(result: GradeResult): string {
  const changes = result.templateChanges ?? [];
  const shown = changes
    .slice(0, 5)
    .map((c) => msg(c.change === 'changed' ? 'report.template-file.changed' : 'report.template-file.missing', result.language, { file: c.file }));
  return msg('report.template-changes', result.language, { files: shown.join(', '), count: Math.max(0, changes.length - 5) });
}

export const textReporter: Reporter = {
  name: 'text',
  onResult: (result) => renderText(result),
  onBatch: renderBatchText,
};
