/**
 * Pictures of a grading, as PNG files: sample digits with their true and predicted labels, the confusion
 * matrix, training curves, and images before and after a filter. Charts are Vega-Lite specifications
 * rendered to SVG by Vega and to PNG by resvg; image grids are PNGs (pngjs) placed in an SVG with captions.
 * Drawing runs in the grader, from data the grader owns, after the checks.
 *
 * A student reads every word in a picture, in the grading language. Titles, captions and series names come
 * from the caller, already in that language (a suite picks them with `t(...)`); the functions that draw
 * words of their own (axis titles, slice captions) take the language as their second parameter. This module
 * does not depend on the test runner: it is also used outside a grading.
 */
import { Resvg } from '@resvg/resvg-js';
import { PNG } from 'pngjs';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Language } from '../../core/manifest.ts';
import { rocPoints } from './metrics.ts';

export type { Language } from '../../core/manifest.ts';

const FONT = { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' };

/** The words the pictures draw themselves, in each grading language. */
const WORDS: Record<
  Language,
  {
    predictedDigit: string;
    trueDigit: string;
    images: string;
    epoch: string;
    loss: string;
    fpr: string;
    tpr: string;
    truth: (slice: number) => string;
    predicted: (slice: number) => string;
  }
> = {
  en: {
    predictedDigit: 'predicted digit',
    trueDigit: 'true digit',
    images: 'images',
    epoch: 'epoch',
    loss: 'loss',
    fpr: '1 - specificity (false positive rate)',
    tpr: 'sensitivity (true positive rate)',
    truth: (slice) => `slice ${slice}: truth`,
    predicted: (slice) => `slice ${slice}: yours`,
  },
  nb: {
    predictedDigit: 'predikert siffer',
    trueDigit: 'riktig siffer',
    images: 'bilder',
    epoch: 'epoke',
    loss: 'tap',
    fpr: '1 - spesifisitet (falsk positiv-rate)',
    tpr: 'sensitivitet (sann positiv-rate)',
    truth: (slice) => `snitt ${slice}: fasit`,
    predicted: (slice) => `snitt ${slice}: predikert`,
  },
};

/** A Vega-Lite chart as PNG. */
export async function chartPng(spec: TopLevelSpec, width = 900): Promise<Buffer> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return svgPng(await view.toSVG(), width);
  } finally {
    view.finalize();
  }
}

/** An SVG document as PNG, `width` pixels wide. */
export function svgPng(svg: string, width: number): Buffer {
  return new Resvg(svg, { fitTo: { mode: 'width', value: width }, font: FONT, background: 'white' }).render().asPng();
}

/** A grayscale image (values 0-255 or 0-1, row by row) as PNG, each pixel drawn `scale` x `scale`. */
export function grayPng(pixels: ArrayLike<number>, width: number, height: number, scale = 1): Buffer {
  let max = 0;
  for (let i = 0; i < pixels.length; i++) max = Math.max(max, Number(pixels[i]));
  const factor = max <= 1 ? 255 : 1;
  const png = new PNG({ width: width * scale, height: height * scale });
  for (let y = 0; y < height * scale; y++) {
    for (let x = 0; x < width * scale; x++) {
      const v = Math.max(0, Math.min(255, Math.round(Number(pixels[Math.floor(y / scale) * width + Math.floor(x / scale)]) * factor)));
      const o = (y * width * scale + x) * 4;
      png.data[o] = png.data[o + 1] = png.data[o + 2] = v;
      png.data[o + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

const escapeXml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export interface Tile {
  png: Buffer;
  caption: string;
  /** Drawn in red when false (a wrong prediction), green when true, neutral when absent. */
  ok?: boolean;
}

/** Tiles (images of the same size) in a grid with a caption under each and a title above. */
export function tileGridPng(title: string, tiles: Tile[], columns: number, tileSize: number): Buffer {
  const rows = Math.ceil(tiles.length / columns);
  const cellW = tileSize + 16;
  const cellH = tileSize + 34;
  const width = columns * cellW + 16;
  const height = rows * cellH + 48;
  const parts = tiles.map((tile, i) => {
    const x = 16 + (i % columns) * cellW;
    const y = 40 + Math.floor(i / columns) * cellH;
    const color = tile.ok === undefined ? '#64748b' : tile.ok ? '#15803d' : '#b91c1c';
    return `<rect x="${x - 2}" y="${y - 2}" width="${tileSize + 4}" height="${tileSize + 4}" fill="none" stroke="${color}" stroke-width="${tile.ok === false ? 3 : 1}"/>
<image x="${x}" y="${y}" width="${tileSize}" height="${tileSize}" href="data:image/png;base64,${tile.png.toString('base64')}" style="image-rendering:pixelated"/>
<text x="${x + tileSize / 2}" y="${y + tileSize + 20}" text-anchor="middle" font-size="14" fill="${color}">${escapeXml(tile.caption)}</text>`;
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<rect width="100%" height="100%" fill="white"/>
<text x="16" y="26" font-size="17" font-weight="bold" fill="#111827">${escapeXml(title)}</text>
${parts.join('\n')}
</svg>`;
  return svgPng(svg, width);
}

/** Sample digits (28x28, 0-255) with their true labels and, when given, the predicted ones: wrong ones first. */
export function digitsPng(title: string, images: Uint8Array, labels: ArrayLike<number>, predicted?: ArrayLike<number>, count = 32): Buffer {
  const n = Math.min(labels.length, Math.floor(images.length / 784));
  const order = Array.from({ length: n }, (_, i) => i);
  // Wrong predictions are what a student learns most from: show up to half of the grid of them.
  const wrong = predicted ? order.filter((i) => predicted[i] !== labels[i]).slice(0, count / 2) : [];
  const chosen = [...wrong, ...order.filter((i) => !wrong.includes(i))].slice(0, count);
  const tiles = chosen.map((i) => ({
    png: grayPng(images.subarray(i * 784, (i + 1) * 784), 28, 28, 3),
    caption: predicted ? `${labels[i]} → ${predicted[i]}` : String(labels[i]),
    ...(predicted ? { ok: predicted[i] === labels[i] } : {}),
  }));
  return tileGridPng(title, tiles, 8, 84);
}

/** The confusion matrix of `predicted` against `labels`, with counts in the cells; its axes in `language`. */
export function confusionPng(title: string, language: Language, labels: ArrayLike<number>, predicted: ArrayLike<number>, classes = 10): Promise<Buffer> {
  const words = WORDS[language];
  const counts = Array.from({ length: classes * classes }, () => 0);
  for (let i = 0; i < labels.length; i++) counts[Number(labels[i]) * classes + Number(predicted[i])]!++;
  const values = counts.map((count, k) => ({ true: Math.floor(k / classes), predicted: k % classes, count }));
  return chartPng({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 420,
    height: 420,
    data: { values },
    encoding: {
      x: { field: 'predicted', type: 'ordinal', title: words.predictedDigit },
      y: { field: 'true', type: 'ordinal', title: words.trueDigit },
    },
    layer: [
      { mark: 'rect', encoding: { color: { field: 'count', type: 'quantitative', scale: { type: 'symlog', scheme: 'blues' }, title: words.images } } },
      {
        mark: { type: 'text', fontSize: 10 },
        encoding: {
          text: { field: 'count', type: 'quantitative' },
          color: { condition: { test: `datum.count > ${Math.max(...counts) / 4}`, value: 'white' }, value: 'black' },
        },
      },
    ],
  } as TopLevelSpec);
}

/**
 * Loss (and any other series) per epoch, one line each, named by the keys of `series` (in the grading
 * language: the caller's words); the axes in `language`, the y axis "loss" unless `yTitle` is given.
 */
export function curvesPng(title: string, language: Language, series: Record<string, number[]>, yTitle = WORDS[language].loss): Promise<Buffer> {
  const values = Object.entries(series).flatMap(([name, ys]) => ys.map((y, i) => ({ epoch: i + 1, value: Number.isFinite(y) ? y : null, series: name })));
  return chartPng({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 560,
    height: 300,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', title: WORDS[language].epoch, axis: { tickMinStep: 1 } },
      y: { field: 'value', type: 'quantitative', title: yTitle },
      color: { field: 'series', type: 'nominal', title: null },
    },
  } as TopLevelSpec);
}

/** Colours of the tumour labels 1-3 (oedema, enhancing tumour, necrotic core) over a grey slice. */
const LABEL_COLOURS: [number, number, number][] = [
  [0, 0, 0],
  [250, 204, 21],
  [239, 68, 68],
  [59, 130, 246],
];

/** A grey channel of an NHWC float image (99th percentile about 1) with labels blended in colour, as PNG. */
export function overlayPng(image: Float32Array, channels: number, channel: number, labels: ArrayLike<number>, size: number, scale: number): Buffer {
  const png = new PNG({ width: size * scale, height: size * scale });
  for (let y = 0; y < size * scale; y++) {
    for (let x = 0; x < size * scale; x++) {
      const p = Math.floor(y / scale) * size + Math.floor(x / scale);
      const grey = Math.max(0, Math.min(255, Math.round(image[p * channels + channel]! * 230)));
      const label = labels[p]!;
      const o = (y * size * scale + x) * 4;
      for (let c = 0; c < 3; c++) png.data[o + c] = label > 0 ? Math.round(0.45 * grey + 0.55 * LABEL_COLOURS[label]![c]!) : grey;
      png.data[o + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

/** For each shown slice: FLAIR with the true labels, then FLAIR with the predicted ones, captioned in `language`. */
export function labelOverlayPng(
  title: string,
  language: Language,
  batch: { images: Float32Array; labels: Uint8Array; size: number },
  predicted: Uint8Array,
  shown: number[],
): Buffer {
  const { size } = batch;
  const words = WORDS[language];
  const perImage = size * size;
  const scale = Math.max(1, Math.floor(144 / size));
  const tiles = shown.flatMap((i) => {
    const image = batch.images.subarray(i * perImage * 4, (i + 1) * perImage * 4);
    return [
      { png: overlayPng(image, 4, 3, batch.labels.subarray(i * perImage, (i + 1) * perImage), size, scale), caption: words.truth(i + 1) },
      { png: overlayPng(image, 4, 3, predicted.subarray(i * perImage, (i + 1) * perImage), size, scale), caption: words.predicted(i + 1) },
    ];
  });
  return tileGridPng(title, tiles, 4, size * scale);
}

/**
 * ROC curves of several scorers on their labels, with the chance diagonal and optional marked operating
 * points; the curves' and marks' names are the caller's words, the axes in `language`.
 */
export function rocPng(
  title: string,
  language: Language,
  curves: { name: string; scores: ArrayLike<number>; labels: ArrayLike<number> }[],
  marks: { name: string; fpr: number; tpr: number }[] = [],
): Promise<Buffer> {
  const values = curves.flatMap((c) => rocPoints(c.scores, c.labels).map((p, order) => ({ ...p, order, series: c.name })));
  return chartPng({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 420,
    height: 420,
    layer: [
      {
        data: {
          values: [
            { fpr: 0, tpr: 0 },
            { fpr: 1, tpr: 1 },
          ],
        },
        mark: { type: 'line', strokeDash: [4, 4], color: '#9ca3af' },
        encoding: { x: { field: 'fpr', type: 'quantitative' }, y: { field: 'tpr', type: 'quantitative' } },
      },
      {
        data: { values },
        mark: { type: 'line', interpolate: 'step-after' },
        encoding: {
          x: { field: 'fpr', type: 'quantitative', title: WORDS[language].fpr, scale: { domain: [0, 1] } },
          y: { field: 'tpr', type: 'quantitative', title: WORDS[language].tpr, scale: { domain: [0, 1] } },
          order: { field: 'order', type: 'quantitative' },
          color: { field: 'series', type: 'nominal', title: null },
        },
      },
      ...(marks.length
        ? [
            {
              data: { values: marks },
              mark: { type: 'point', filled: true, size: 90, color: '#111827' },
              encoding: { x: { field: 'fpr', type: 'quantitative' }, y: { field: 'tpr', type: 'quantitative' } },
            },
            {
              data: { values: marks },
              mark: { type: 'text', align: 'left', dx: 8, dy: 12, fontSize: 12 },
              encoding: { x: { field: 'fpr', type: 'quantitative' }, y: { field: 'tpr', type: 'quantitative' }, text: { field: 'name' } },
            },
          ]
        : []),
    ],
  } as TopLevelSpec);
}
