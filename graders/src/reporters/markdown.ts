/** `--format md`: a Markdown report per exercise, for job summaries and pull-request comments. */
import { msg } from '../core/i18n.ts';
import type { Language } from '../core/manifest.ts';
import type { GradeResult } from '../core/result.ts';
import { neutralizeWorkflowCommands } from '../core/safe-text.ts';
import type { Reporter } from './reporter.ts';
import { tamperingLine, templateChangesLine } from './text.ts';

const ICON = { pass: '✅', fail: '❌', error: '⚠️' } as const;

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
}

/** A curve as a Mermaid line chart, which GitHub draws in job summaries, issues and pull requests. */
export function mermaidChart(curve: NonNullable<GradeResult['curves']>[number], language: Language): string[] {
  const points = curve.values.map((v, i) => ({ x: i + 1, y: v })).filter((p): p is { x: number; y: number } => p.y !== null);
  if (!points.length) return [];
  const label = (text: string) => `"${text.replace(/["\\\n]/g, ' ')}"`;
  const round = (v: number) => Number(v.toPrecision(4));
  return [
    '```mermaid',
    'xychart-beta',
    `    title ${label(curve.title)}`,
    `    x-axis ${label(msg('report.epoch', language))} [${points.map((p) => p.x).join(', ')}]`,
    `    y-axis ${label(curve.id.endsWith('loss') ? msg('report.loss', language) : curve.id)}`,
    `    line [${points.map((p) => round(p.y)).join(', ')}]`,
    '```',
  ];
}

export function renderMarkdown(result: GradeResult): string {
  const language = result.language;
  const lines: string[] = [];
  lines.push(`### ${result.exercise.title} (\`${result.exercise.id}\`): ${result.score}/${result.maxScore}`);
  lines.push('');
  lines.push(msg('report.md.table-head', language));
  lines.push('|---|---|---|---|');
  for (const c of result.checks) {
    const feedback = [
      c.status === 'pass' ? '' : c.message,
      c.expected !== undefined ? `${msg('report.expected', language)}: \`${c.expected}\`` : '',
      c.found !== undefined ? `${msg('report.found', language)}: \`${c.found}\`` : '',
      c.hint ? `${msg('report.hint', language)}: ${c.hint}` : '',
    ]
      .filter(Boolean)
      .join('\n');
    lines.push(`| ${ICON[c.status]} | ${cell(c.title)} <br><sub>\`${c.id}\`</sub> | ${c.points}/${c.maxPoints} | ${cell(feedback)} |`);
  }
  lines.push('');
  if (result.templateChanges?.length) lines.push(`> [!WARNING]\n> ${templateChangesLine(result)}`, '');
  if (result.tampering?.length) lines.push(`> [!WARNING]\n> ${tamperingLine(result)}`, '');
  for (const curve of result.curves ?? []) lines.push(...mermaidChart(curve, language), '');
  lines.push(
    `<sub>backend ${result.environment.backend} · seed ${result.seed} · v${result.exercise.version} · ${(result.timing.totalMs / 1000).toFixed(1)} s</sub>`,
  );
  return `${neutralizeWorkflowCommands(lines.join('\n'))}\n`;
}

export const markdownReporter: Reporter = {
  name: 'md',
  onResult: (result) => renderMarkdown(result),
};
