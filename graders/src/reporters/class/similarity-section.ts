/**
 * The class report's section on similar code: every pair of students at or above the threshold, per
 * exercise, with their shared fragments side by side (file and lines, the code of each). It is there for a
 * person to look at: similar code has innocent causes (a shared tutorial, a short function with one natural
 * form), and no grade depends on it.
 */
import type { CodeSpan, SimilarPair } from './similarity.ts';

const escapeHtml = (text: string | number) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function code(span: CodeSpan): string {
  return `<div class="where">${escapeHtml(span.file)}:${span.startLine}-${span.endLine}</div><pre>${escapeHtml(span.lines.join('\n'))}</pre>`;
}

export function renderSimilaritySection(pairs: SimilarPair[]): string {
  const body = pairs.length
    ? pairs
        .map(
          (p) => `<details class="pair" data-exercise="${escapeHtml(p.exercise)}" data-left="${escapeHtml(p.left)}" data-right="${escapeHtml(p.right)}">
<summary><strong>${escapeHtml(p.left)}</strong> and <strong>${escapeHtml(p.right)}</strong> · ${escapeHtml(p.exercise)} · similarity <span data-similarity>${Math.round(p.similarity * 100)}%</span> · longest shared fragment ${p.longest} fingerprints</summary>
<table class="fragments"><thead><tr><th>${escapeHtml(p.left)}</th><th>${escapeHtml(p.right)}</th></tr></thead><tbody>
${p.fragments.map((f) => `<tr><td>${code(f.left)}</td><td>${code(f.right)}</td></tr>`).join('\n')}
</tbody></table>
</details>`,
        )
        .join('\n')
    : '<p class="note">No pair of students reaches the threshold.</p>';
  return `<h2>Similar code</h2>
<style>.pair pre { background: #f6f8fa; padding: 0.4rem; overflow-x: auto; font-size: 0.82rem; margin: 0.2rem 0; } .pair .where { font-size: 0.8rem; color: #5b6577; } .fragments td { width: 50%; }</style>
<p class="note" id="similarity-note">Pairs whose src/ files share code beyond the starter code (Dolos, comparing syntax trees: renamed variables still match). A flag for a person to look at, never a change to a grade.</p>
<section id="similarity">
${body}
</section>`;
}
