/** Markdown report, for job summaries and pull-request comments. */
import type { GradeResult } from '../core/result.ts';
import { neutralizeWorkflowCommands } from '../core/safe-text.ts';
import { tamperingLine, templateChangesLine } from './text.ts';

const ICON = { pass: '✅', fail: '❌', error: '⚠️' } as const;

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
}

/** A curve as a Mermaid line chart, which GitHub draws in job summaries, issues and pull requests. */
export function mermaidChart(curve: NonNullable<GradeResult['curves']>[number], nb: boolean): string[] {
  const points = curve.values.map((v, i) => ({ x: i + 1, y: v })).filter((p): p is { x: number; y: number } => p.y !== null);
  if (!points.length) return [];
  const label = (text: string) => `"${text.replace(/["\\\n]/g, ' ')}"`;
  const round = (v: number) => Number(v.toPrecision(4));
  return [
    '```mermaid',
    'xychart-beta',
    `    title ${label(curve.title)}`,
    `    x-axis ${label(nb ? 'epoke' : 'epoch')} [${points.map((p) => p.x).join(', ')}]`,
    `    y-axis ${label(curve.id.endsWith('loss') ? (nb ? 'tap' : 'loss') : curve.id)}`,
    `    line [${points.map((p) => round(p.y)).join(', ')}]`,
    '```',
  ];
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
  if (result.tampering?.length) lines.push(`> [!WARNING]\n> ${tamperingLine(result)}`, '');
  for (const curve of result.curves ?? []) lines.push(...mermaidChart(curve, nb), '');
  lines.push(
    `<sub>backend ${result.environment.backend} · seed ${result.seed} · v${result.exercise.version} · ${(result.timing.totalMs / 1000).toFixed(1)} s</sub>`,
  );
  return neutralizeWorkflowCommands(lines.join('\n')) + '\n';
}
