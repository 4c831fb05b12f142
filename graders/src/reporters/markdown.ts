/** Markdown report, for job summaries and pull-request comments. */
import type { GradeResult } from '../result.ts';
import { neutralizeWorkflowCommands } from '../safe-text.ts';
import { templateChangesLine } from './text.ts';

const ICON = { pass: '✅', fail: '❌', error: '⚠️' } as const;

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
}

export function renderMarkdown(result: GradeResult): string {
  const nb = result.language === 'nb';
  const lines: string[] = [];
  lines.push(`### ${result.exercise.title} (\`${result.exercise.id}\`): ${result.score}/${result.maxScore}`);
  lines.push('');
  lines.push(nb ? '| | Sjekk | Poeng | Tilbakemelding |' : '| | Check | Points | Feedback |');
  lines.push('|---|---|---|---|');
  for (const c of result.checks) {
    const feedback = [c.status === 'pass' ? '' : c.message, c.expected !== undefined ? `${nb ? 'forventet' : 'expected'}: \`${c.expected}\`` : '', c.found !== undefined ? `${nb ? 'fant' : 'found'}: \`${c.found}\`` : '', c.hint ? `${nb ? 'tips' : 'hint'}: ${c.hint}` : '']
      .filter(Boolean)
      .join('\n');
    lines.push(`| ${ICON[c.status]} | ${cell(c.title)} <br><sub>\`${c.id}\`</sub> | ${c.points}/${c.maxPoints} | ${cell(feedback)} |`);
  }
  lines.push('');
  if (result.templateChanges?.length) lines.push(`> [!WARNING]\n> ${templateChangesLine(result)}`, '');
  lines.push(
    `<sub>backend ${result.environment.backend} · seed ${result.seed} · v${result.exercise.version} · ${(result.timing.totalMs / 1000).toFixed(1)} s</sub>`,
  );
  return neutralizeWorkflowCommands(lines.join('\n')) + '\n';
}
