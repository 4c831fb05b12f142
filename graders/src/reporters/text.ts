/** Plain-text report for the terminal. */
import { msg } from '../core/i18n.ts';
import type { GradeResult } from '../core/result.ts';
import { neutralizeWorkflowCommands } from '../core/safe-text.ts';

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
  const nb = result.language === 'nb';
  const lines: string[] = [];
  lines.push(`${result.exercise.id} · ${result.exercise.title} · v${result.exercise.version}`);
  lines.push(
    `${nb ? 'Innlevering' : 'Submission'}: ${result.submission.path} (${result.submission.kind}) · backend ${result.environment.backend} · seed ${result.seed}`,
  );
  lines.push('');
  const width = Math.max(...result.checks.map((c) => c.id.length));
  for (const check of result.checks) {
    lines.push(`  ${MARK[check.status]} ${check.id.padEnd(width)}  ${`${check.points}/${check.maxPoints}`.padStart(5)}  ${check.title}`);
    if (check.status !== 'pass' || check.metric) {
      const details: string[] = [];
      if (check.status !== 'pass') details.push(check.message);
      if (check.expected !== undefined) details.push(`${nb ? 'forventet' : 'expected'}: ${check.expected}`);
      if (check.found !== undefined) details.push(`${nb ? 'fant' : 'found'}:    ${check.found}`);
      if (check.metric && check.status === 'pass') details.push(`${check.metric.name} = ${check.metric.value} (${check.metric.comparator} ${check.metric.threshold})`);
      // A passing measured check may say more than "Passed." (what a model relies on, say).
      if (check.metric && check.status === 'pass' && check.message !== msg('check.pass', result.language)) details.push(check.message);
      if (check.hint) {
        const level = check.hints && check.hintLevel ? ` ${check.hintLevel}/${check.hints.length}` : '';
        details.push(`${nb ? 'tips' : 'hint'}${level}: ${check.hint}`);
      }
      if (check.file) details.push(`${nb ? 'i' : 'at'} ${check.file}${check.line ? `:${check.line}` : ''}`);
      lines.push(indent(details.join('\n'), ' '.repeat(width + 14)));
    }
  }
  lines.push('');
  const status = { pass: nb ? 'bestått' : 'pass', fail: nb ? 'ikke bestått' : 'fail', error: nb ? 'feil' : 'error' }[result.status];
  lines.push(
    `${nb ? 'Poeng' : 'Score'}: ${result.score}/${result.maxScore} (${status}) · ${seconds(result.timing.totalMs)} (${nb ? 'din kode' : 'your code'} ${seconds(result.timing.studentMs)}, ${nb ? 'retting' : 'grader'} ${seconds(result.timing.graderMs)})`,
  );
  if (result.notAttempted.length) lines.push(`${nb ? 'Ikke implementert ennå' : 'Not implemented yet'}: ${result.notAttempted.join(', ')}`);
  if (result.gradingError) lines.push(`${nb ? 'Merk' : 'Note'}: ${result.gradingError}`);
  if (result.templateChanges?.length) lines.push(templateChangesLine(result));
  if (result.tampering?.length) lines.push(tamperingLine(result));
  for (const curve of result.curves ?? []) {
    lines.push(`${curve.title}: ${curve.values.map((v) => (v === null ? 'NaN' : Number(v.toPrecision(3)))).join(' → ')}`);
  }
  return neutralizeWorkflowCommands(lines.join('\n')) + '\n';
}

/** One line saying which replies of the submission's process were changed on their way to the grader. */
export function tamperingLine(result: GradeResult): string {
  const tasks = [...new Set((result.tampering ?? []).map((t) => t.task))].join(', ');
  return result.language === 'nb'
    ? `Endret på veien til retteren (rapporteres til læreren): svaret fra ${tasks}. Fjern kode som skriver om TensorFlow.js, typede tabeller eller Nodes interne deler.`
    : `Changed on the way to the grader (reported to your teacher): the answer of ${tasks}. Remove code that rewrites TensorFlow.js, typed arrays or Node's internals.`;
}

/** One line naming the template files a repository changed, for the student and the instructor alike. */
export function templateChangesLine(result: GradeResult): string {
  const nb = result.language === 'nb';
  const changes = result.templateChanges ?? [];
  const shown = changes.slice(0, 5).map((c) => `${c.file} (${c.change === 'changed' ? (nb ? 'endret' : 'changed') : nb ? 'mangler' : 'missing'})`);
  const more = changes.length > 5 ? (nb ? ` og ${changes.length - 5} til` : ` and ${changes.length - 5} more`) : '';
  return nb
    ? `Endret fra malen (rapporteres til læreren): ${shown.join(', ')}${more}. Bare filene i exercises/<oppgave>/src/ er dine å endre.`
    : `Changed from the template (reported to your teacher): ${shown.join(', ')}${more}. Only the files in exercises/<slug>/src/ are yours to change.`;
}
