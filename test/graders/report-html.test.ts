/**
 * The HTML class report in a real headless browser (Debian's chromium, driven by playwright-core): the page
 * loads without console errors, every chart is drawn, and the numbers on the page equal the CSV's, for the
 * class of five of test/fixtures/results plus a student whose folder name is HTML and whose repository
 * changed a template file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { GradeResult } from '../../graders/src/core/result.ts';
import { parseCsvRecords } from '../helpers/csv.ts';
import { repoRoot, runCli } from '../helpers/grade.ts';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const CANDIDATES = [process.env['LABGRADE_CHROMIUM'], '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter((p): p is string =>
  Boolean(p),
);
const executablePath = CANDIDATES.find((p) => existsSync(p));
const required = process.env['LABGRADE_REQUIRE_BROWSER'] === '1';

test.runIf(!executablePath && required)('a browser is installed where LABGRADE_REQUIRE_BROWSER=1', () => {
  throw new Error(
    `Expected chromium at one of ${CANDIDATES.join(', ')} (LABGRADE_REQUIRE_BROWSER=1), but none exists. Install it: apt-get install -y chromium, or set LABGRADE_CHROMIUM.`,
  );
});

/** What the page's functions use of a canvas (this repository type-checks without the DOM's declarations). */
interface Canvas {
  id: string;
  width: number;
  height: number;
  getContext(type: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}

describe.runIf(executablePath)('the HTML class report in a browser', () => {
  const hostile = '<img id="injected" src="x" onerror="document.title=1">';
  let browser: Browser;
  let html: string;
  let resultsDir: string;
  let csv: Record<string, string>[];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'labgrade-html-'));
    const results = (resultsDir = path.join(dir, 'results'));
    await cp(path.join(repoRoot, 'test', 'fixtures', 'results', 'class'), results, { recursive: true });
    // A student whose folder name is markup, and whose repository changed a visible test.
    const partial = JSON.parse(await readFile(path.join(results, 'same-padding-offset', '00a-cnn-basics.result.json'), 'utf8'));
    partial.templateChanges = [{ file: 'exercises/00a-cnn-basics/test/cnn-basics.test.ts', change: 'changed' }];
    await cp(path.join(results, 'same-padding-offset'), path.join(results, hostile), { recursive: true });
    await writeFile(path.join(results, hostile, '00a-cnn-basics.result.json'), JSON.stringify(partial));
    html = path.join(dir, 'report.html');
    const run = await runCli(['report', results, '--csv', path.join(dir, 'grades.csv'), '--html', html]);
    expect(run.exitCode, run.stderr).toBe(0);
    csv = parseCsvRecords(await readFile(path.join(dir, 'grades.csv'), 'utf8'));
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('is one self-contained file that loads without console errors and draws every chart', async () => {
    const text = readFileSync(html, 'utf8');
    // Nothing fetched: no script or style from elsewhere.
    expect(text).not.toMatch(/<script[^>]+src=|<link[^>]+href=|@import/i);
    const page = await browser.newPage();
    page.on('console', (m) => void (m.type() === 'error' && consoleErrors.push(m.text())));
    page.on('pageerror', (e) => void consoleErrors.push(e.message));
    const requests: string[] = [];
    page.on('request', (r) => void (r.url().startsWith('file:') || requests.push(r.url())));
    await page.goto(`file://${html}`);
    await page.waitForSelector('body[data-charts-drawn]');
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
    const canvases = await page.$$eval('canvas', (list) =>
      list.map((canvas) => {
        const c = canvas as unknown as Canvas;
        const chart = (globalThis as unknown as { Chart: { getChart(c: Canvas): unknown } }).Chart.getChart(c);
        const pixels = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let drawn = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) drawn++;
        return { id: c.id, hasChart: chart !== undefined, drawn, of: pixels.length / 4 };
      }),
    );
    expect(canvases.map((c) => c.id).sort()).toEqual(['hist-0', 'hist-1', 'rates-0', 'rates-1']);
    for (const c of canvases) {
      expect(c.hasChart, c.id).toBe(true);
      // Axes, labels and bars: a chart covers a real part of its canvas, and is not a solid fill.
      expect(c.drawn / c.of, c.id).toBeGreaterThan(0.02);
      expect(c.drawn / c.of, c.id).toBeLessThan(0.9);
    }
    await page.close();
  });

  test('shows the numbers the CSV has: totals, scores, pass counts and the histogram', async () => {
    const page = await browser.newPage();
    await page.goto(`file://${html}`);
    await page.waitForSelector('body[data-charts-drawn]');
    const totals = await page.$$eval('#totals tbody tr', (rows) =>
      rows.map((r) => ({
        student: r.children[0]!.textContent,
        total: r.querySelector('[data-total]')!.textContent,
        max: r.querySelector('[data-max]')!.textContent,
        changes: r.children[3]!.textContent,
      })),
    );
    expect(totals).toEqual(csv.map((row) => ({ student: row['student'], total: row['total'], max: row['max'], changes: row['template changes'] })));
    expect(await page.textContent('[data-students]')).toBe(String(csv.length));

    const scores = await page.$$eval('#submissions tbody tr', (rows) =>
      rows.map((r) => ({
        student: r.getAttribute('data-student'),
        exercise: r.getAttribute('data-exercise'),
        score: r.querySelector('[data-score]')!.textContent,
      })),
    );
    const fromCsv = csv.flatMap((row) =>
      ['00a-cnn-basics', '03-mnist-mlp']
        .filter((e) => row[e] !== '')
        .map((e) => ({ student: row['student'], exercise: e, score: `${row[e]}/${row[`${e} max`]}` })),
    );
    expect([...scores].sort((a, b) => `${a.student}${a.exercise}`.localeCompare(`${b.student}${b.exercise}`))).toEqual(
      fromCsv.sort((a, b) => `${a.student}${a.exercise}`.localeCompare(`${b.student}${b.exercise}`)),
    );

    for (const [index, exercise] of ['00a-cnn-basics', '03-mnist-mlp'].entries()) {
      const graded = csv.filter((row) => row[exercise] !== '');
      const section = `section[data-exercise="${exercise}"]`;
      // The mean, and each check's pass count, as the CSV gives them.
      const mean = graded.reduce((s, row) => s + Number(row[exercise]), 0) / graded.length;
      expect(Number(await page.textContent(`${section} [data-mean]`))).toBeCloseTo(mean, 3);
      // Pass counts come from the result files themselves (the CSV has points, not statuses).
      const passed = await page.$$eval(`${section} table.checks tbody tr`, (rows) =>
        rows.map((r) => ({ id: r.querySelector('code')!.textContent!, passed: r.querySelector('[data-passed]')!.textContent })),
      );
      const files = readdirSync(resultsDir).flatMap((student) =>
        existsSync(path.join(resultsDir, student, `${exercise}.result.json`))
          ? [JSON.parse(readFileSync(path.join(resultsDir, student, `${exercise}.result.json`), 'utf8')) as GradeResult]
          : [],
      );
      expect(passed.map((p) => p.id).sort()).toEqual(files[0]!.checks.map((c) => c.id).sort());
      for (const { id, passed: shown } of passed) {
        expect(shown, id).toBe(`${files.filter((r) => r.checks.find((c) => c.id === id)?.status === 'pass').length}/${graded.length}`);
      }
      // The histogram drawn counts every graded student once, at their points.
      const histogram = await page.evaluate((i) => {
        const chart = (globalThis as unknown as { Chart: { getChart(id: string): { data: { datasets: { data: number[] }[] } } } }).Chart.getChart(`hist-${i}`);
        return chart.data.datasets[0]!.data;
      }, index);
      const expected = histogram.map(() => 0);
      for (const row of graded) expected[Math.floor(Number(row[exercise]))]!++;
      expect(histogram).toEqual(expected);
    }
    await page.close();
  });

  test('shows a student folder named like markup as text, and flags the changed template file', async () => {
    const page = await browser.newPage();
    await page.goto(`file://${html}`);
    expect(await page.$('#injected')).toBeNull();
    expect(await page.textContent('#totals')).toContain(hostile);
    expect(await page.textContent('#template-changes')).toContain(`${hostile}: exercises/00a-cnn-basics/test/cnn-basics.test.ts (changed)`);
    await page.close();
  });
});
