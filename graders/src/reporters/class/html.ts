/**
 * The class report as one self-contained HTML file (`labgrade report <results...> --html FILE`): per exercise
 * the distribution of scores and the pass rate of every check (the checks most students miss first), drawn
 * with Chart.js (inlined, so the file opens anywhere, offline); every submission with its score, time,
 * backend and changed template files; a leaderboard per measured metric. The tables are plain HTML written
 * here, so their numbers are on the page whether or not scripts run; the charts are drawn from the same data.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { flagsOf, summarise, templateChangesOf, type ExerciseSummary, type StudentResult } from './report.ts';
import type { GradeResult } from '../../core/result.ts';
import { renderSimilaritySection } from './similarity-section.ts';
import type { SimilarPair } from './similarity.ts';

const require = createRequire(import.meta.url);

const escapeHtml = (text: string | number) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** JSON that can sit inside a <script> element: no `</script>`, no HTML comment openers. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

function chartJsSource(): string {
  // The package exports no path to its browser build; it sits next to the CommonJS entry, in dist/.
  return readFileSync(path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
}

const STATUS_LABEL: Record<GradeResult['status'], string> = { pass: 'pass', fail: 'fail', error: 'error' };

type StudentTotal = { student: string; total: number; max: number; changes: string[] };

const STYLE = `body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 1150px; padding: 0 1rem; color: #1d2430; }
h1 { margin-bottom: 0.2rem; } h2 { margin-top: 2.4rem; border-bottom: 1px solid #d6dbe3; padding-bottom: 0.3rem; }
table { border-collapse: collapse; margin: 0.8rem 0; width: 100%; } th, td { border-bottom: 1px solid #e6e9ee; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f3f5f8; } .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; } figure { margin: 0; } figcaption { font-size: 0.85rem; color: #5b6577; }
.flag { color: #9a3412; font-weight: 600; } .status-error { color: #b91c1c; } .status-fail { color: #92400e; } .status-pass { color: #166534; }
.note { color: #5b6577; font-size: 0.9rem; } .warning { background: #fff7ed; border: 1px solid #fdba74; padding: 0.6rem 0.9rem; border-radius: 6px; }
`;

/** Draws the charts from the data in #labgrade-data. */
const CHART_SCRIPT = `<script>
(function () {
  var data = JSON.parse(document.getElementById('labgrade-data').textContent);
  Chart.defaults.animation = false;
  Chart.defaults.font.family = 'system-ui, sans-serif';
  data.forEach(function (e, i) {
    new Chart(document.getElementById('hist-' + i), {
      type: 'bar',
      data: { labels: e.histogram.map(function (_, p) { return String(p); }), datasets: [{ label: 'students', data: e.histogram, backgroundColor: '#3b82f6' }] },
      options: { responsive: false, plugins: { legend: { display: false } }, scales: { x: { title: { display: true, text: 'points (of ' + e.maxScore + ')' } }, y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'students' } } } }
    });
    new Chart(document.getElementById('rates-' + i), {
      type: 'bar',
      data: { labels: e.checks.map(function (c) { return c.id; }), datasets: [{ label: 'pass rate (%)', data: e.checks.map(function (c) { return c.rate; }), backgroundColor: e.checks.map(function (c) { return c.rate < 50 ? '#ef4444' : c.rate < 80 ? '#f59e0b' : '#22c55e'; }) }] },
      options: { indexAxis: 'y', responsive: false, plugins: { legend: { display: false } }, scales: { x: { min: 0, max: 100, title: { display: true, text: '% of students who passed' } } } }
    });
  });
  document.body.setAttribute('data-charts-drawn', String(data.length * 2));
})();
`;

/** One exercise's section: its numbers, the two charts' canvases, the pass rate per check and the leaderboards. */
function exerciseSection(e: ExerciseSummary, i: number): string {
  const checkRows = e.checks
    .map(
      (c) =>
        `<tr><td><code>${escapeHtml(c.id)}</code></td><td>${escapeHtml(c.title)}</td><td class="num" data-passed>${c.passed}/${c.of}</td><td class="num">${Math.round(c.rate * 100)}%</td></tr>`,
    )
    .join('\n');
  const boards = e.leaderboards
    .map(
      (b) => `<h4>Leaderboard: ${escapeHtml(b.metric)} (${b.better} is better, check <code>${escapeHtml(b.check)}</code>)</h4>
<table class="leaderboard"><thead><tr><th>#</th><th>student</th><th>${escapeHtml(b.metric)}</th></tr></thead><tbody>
${b.entries
  .slice(0, 20)
  .map(
    (entry, rank) => `<tr><td class="num">${rank + 1}</td><td>${escapeHtml(entry.student)}</td><td class="num">${escapeHtml(round(entry.value, 4))}</td></tr>`,
  )
  .join('\n')}
</tbody></table>`,
    )
    .join('\n');
  return `<section class="exercise" id="exercise-${escapeHtml(e.id)}" data-exercise="${escapeHtml(e.id)}">
<h2>${escapeHtml(e.id)}: ${escapeHtml(e.title)}</h2>
<p class="stats">${e.results} results · mean <span data-mean>${e.mean}</span>/${e.maxScore} · median ${e.median} · range ${e.min}–${e.max} · errors in ${e.errors}</p>
<div class="charts">
<figure><canvas id="hist-${i}" width="520" height="260" role="img" aria-label="Distribution of scores in ${escapeHtml(e.id)}"></canvas><figcaption>Scores: how many students got each number of points</figcaption></figure>
<figure><canvas id="rates-${i}" width="520" height="${Math.max(160, 26 * e.checks.length + 60)}" role="img" aria-label="Pass rate of each check in ${escapeHtml(e.id)}"></canvas><figcaption>Pass rate per check, the checks most students miss first</figcaption></figure>
</div>
<table class="checks"><thead><tr><th>check</th><th>what</th><th>passed</th><th>rate</th></tr></thead><tbody>
${checkRows}
</tbody></table>
${boards}
</section>`;
}

/** A row per submission: student, exercise, score, status, time, backend, when, template changes. */
function submissionRows(results: StudentResult[]): string {
  return [...results]
    .sort((a, b) => a.student.localeCompare(b.student) || a.result.exercise.id.localeCompare(b.result.exercise.id))
    .map(({ student, result }) => {
      const changes = (result.templateChanges ?? []).map((c) => `${c.file} (${c.change})`).join(', ');
      return `<tr data-student="${escapeHtml(student)}" data-exercise="${escapeHtml(result.exercise.id)}"><td>${escapeHtml(student)}</td><td>${escapeHtml(result.exercise.id)}</td><td class="num" data-score>${result.score}/${result.maxScore}</td><td class="status-${result.status}">${STATUS_LABEL[result.status]}</td><td class="num">${(result.timing.totalMs / 1000).toFixed(1)} s</td><td>${escapeHtml(result.environment.backend)}</td><td>${escapeHtml(result.startedAt.slice(0, 16).replace('T', ' '))}</td><td class="${changes ? 'flag' : ''}">${escapeHtml(changes)}</td></tr>`;
    })
    .join('\n');
}

/** A row per student: the total, the maximum and the template files changed. */
function totalRows(totals: StudentTotal[]): string {
  return totals
    .map(
      (t) =>
        `<tr data-student="${escapeHtml(t.student)}"><td>${escapeHtml(t.student)}</td><td class="num" data-total>${t.total}</td><td class="num" data-max>${t.max}</td><td class="${t.changes.length ? 'flag' : ''}">${escapeHtml(t.changes.join(', '))}</td></tr>`,
    )
    .join('\n');
}

/** The warnings above the tables: changed template files, and repositories flagged for a look. */
function warnings(flagged: StudentTotal[], looks: { student: string; flags: string[] }[]): string {
  const changed = flagged.length
    ? `<div class="warning" id="template-changes"><strong>Changed files of the template in ${flagged.length} repositories</strong> (grades there may not be what the grader computed; the authoritative grade is a regrade of the src/ files):<ul>${flagged.map((t) => `<li>${escapeHtml(t.student)}: ${escapeHtml(t.changes.join(', '))}</li>`).join('')}</ul></div>`
    : '';
  const toLookAt = looks.length
    ? `<div class="warning" id="flags"><strong>Flagged for a look in ${looks.length} repositories</strong> (the grades stand; a person should read the code):<ul>${looks.map((l) => `<li>${escapeHtml(l.student)}: ${escapeHtml(l.flags.join('; '))}</li>`).join('')}</ul></div>`
    : '';
  return `${changed}\n${toLookAt}`;
}

/** The whole report page. `generatedAt` is shown on the page (pass a fixed value for reproducible files). */
export function renderHtml(results: StudentResult[], generatedAt = new Date().toISOString(), similarity?: SimilarPair[]): string {
  const exercises = summarise(results);
  const students = [...new Set(results.map((r) => r.student))].sort();
  const totals = students.map((student) => {
    const mine = results.filter((r) => r.student === student);
    return {
      student,
      total: round(mine.reduce((s, r) => s + r.result.score, 0)),
      max: round(mine.reduce((s, r) => s + r.result.maxScore, 0)),
      changes: templateChangesOf(mine),
    };
  });
  const flagged = totals.filter((t) => t.changes.length);
  const looks = students.map((student) => ({ student, flags: flagsOf(results.filter((r) => r.student === student)) })).filter((s) => s.flags.length);

  const chartData = exercises.map((e) => ({
    id: e.id,
    maxScore: e.maxScore,
    histogram: e.histogram,
    checks: e.checks.map((c) => ({ id: c.id, rate: Math.round(c.rate * 1000) / 10 })),
  }));

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Class report: ${results.length} results of ${students.length} students</title>
<style>
${STYLE}</style>
</head>
<body>
<h1>Class report</h1>
<p class="note" id="summary"><span data-results>${results.length}</span> results of <span data-students>${students.length}</span> students · ${exercises.length} exercises · generated ${escapeHtml(generatedAt)}</p>
${warnings(flagged, looks)}
<h2>Students</h2>
<table id="totals"><thead><tr><th>student</th><th>total</th><th>max</th><th>template changes</th></tr></thead><tbody>
${totalRows(totals)}
</tbody></table>
${exercises.map(exerciseSection).join('\n')}
${similarity ? renderSimilaritySection(similarity) : ''}
<h2>Submissions</h2>
<table id="submissions"><thead><tr><th>student</th><th>exercise</th><th>score</th><th>status</th><th>time</th><th>backend</th><th>graded (UTC)</th><th>template changes</th></tr></thead><tbody>
${submissionRows(results)}
</tbody></table>
<script id="labgrade-data" type="application/json">${scriptJson(chartData)}</script>
<script>${chartJsSource().replace(/<\/script/gi, '<\\/script')}</script>
${CHART_SCRIPT}</script>
</body>
</html>
`;
}
