/**
 * The pictures a grading draws (`grade --pictures DIR`): each kind rendered from real MNIST test images and
 * decoded back as a valid PNG of the expected size; and real gradings that draw them: 03's solution, 04's
 * golden tiny CNN (its first layer's filters), 00a's Sobel picture without changing the grade.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, test, vi } from 'vitest';
import { loadMnistImages, loadMnistLabels } from '../../datasets/mnist.ts';
import { argmaxRows } from '../../graders/src/suite/kit/metrics.ts';
import { rocPoints } from '../../graders/src/suite/kit/metrics.ts';
import { confusionPng, curvesPng, digitsPng, grayPng, labelOverlayPng, rocPng, tileGridPng } from '../../graders/src/suite/kit/pictures.ts';
import { generatePhantoms } from '../../datasets/mri-phantoms.ts';
import { renderMarkdown } from '../../graders/src/reporters/markdown.ts';
import { expectGolden, grade, repoRoot } from '../helpers/grade.ts';

vi.setConfig({ testTimeout: 300_000 });

/** Decodes a PNG (throws when it is not one) and says how much of it is not plain white. */
function decode(png: Buffer): { width: number; height: number; inked: number } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const image = PNG.sync.read(png);
  let inked = 0;
  for (let i = 0; i < image.data.length; i += 4) if (image.data[i]! < 240 || image.data[i + 1]! < 240 || image.data[i + 2]! < 240) inked++;
  return { width: image.width, height: image.height, inked: inked / (image.width * image.height) };
}

describe('the picture kit', () => {
  test('draws test digits with true and predicted labels, a confusion matrix and loss curves as valid PNGs', async () => {
    const { images } = await loadMnistImages('test');
    const labels = (await loadMnistLabels('test')).subarray(0, 2000);
    // Predictions that are right except for every seventh image.
    const scores = new Float32Array(labels.length * 10);
    labels.forEach((l, i) => void (scores[i * 10 + (i % 7 === 0 ? (l + 3) % 10 : l)] = 1));
    const predicted = argmaxRows(scores, 10);
    expect(predicted.filter((p, i) => p !== labels[i]).length).toBe(Math.ceil(labels.length / 7));

    const digits = decode(digitsPng('Test digits', images, labels, predicted));
    expect([digits.width, digits.height]).toEqual([8 * 100 + 16, 4 * 118 + 48]);
    expect(digits.inked).toBeGreaterThan(0.3);

    const confusion = decode(await confusionPng('Confusion matrix', 'en', labels, predicted));
    expect(confusion.width).toBe(900);
    expect(confusion.height).toBeGreaterThan(700);
    expect(confusion.inked).toBeGreaterThan(0.2);

    const curves = decode(await curvesPng('Loss', 'en', { training: [0.9, 0.4, 0.3], validation: [0.8, 0.5, Number.NaN] }));
    expect(curves.width).toBe(900);
    expect(curves.inked).toBeGreaterThan(0.01);
    expect(curves.inked).toBeLessThan(0.5);

    const tiles = decode(
      tileGridPng(
        'Two',
        [
          { png: grayPng([0, 1, 1, 0], 2, 2, 10), caption: 'a' },
          { png: grayPng([255, 0, 0, 255], 2, 2, 10), caption: 'b', ok: false },
        ],
        2,
        20,
      ),
    );
    expect([tiles.width, tiles.height]).toEqual([2 * 36 + 16, 54 + 48]);
  });
});

describe('pictures of segmentation and of classifiers', () => {
  test('ROC points: one per distinct score, tied scores together, from (0, 0) to (1, 1)', () => {
    expect(rocPoints([0.9, 0.8, 0.8, 0.3], [1, 0, 1, 0])).toEqual([
      { fpr: 0, tpr: 0 },
      { fpr: 0, tpr: 0.5 },
      { fpr: 0.5, tpr: 1 },
      { fpr: 1, tpr: 1 },
    ]);
  });

  test('ROC curves with a marked operating point, and MRI slices with label overlays, as valid PNGs', async () => {
    const roc = decode(await rocPng('ROC', 'en', [{ name: 'a', scores: [0.9, 0.8, 0.4, 0.3], labels: [1, 0, 1, 0] }], [{ name: 'here', fpr: 0.5, tpr: 1 }]));
    expect(roc.width).toBeGreaterThan(500);
    expect(roc.inked).toBeGreaterThan(0.01);
    const batch = generatePhantoms({ count: 2, size: 16, seed: 1 });
    const overlay = decode(labelOverlayPng('Truth | yours', 'en', batch, batch.labels, [0, 1]));
    // Two slices, truth and prediction each: four tiles of 16 x 9 pixels in one row.
    expect([overlay.width, overlay.height]).toEqual([4 * (144 + 16) + 16, 144 + 34 + 48]);
    expect(overlay.inked).toBeGreaterThan(0.3);
  });

  test('draw their own words in Norwegian for --lang nb: the same picture, other words', async () => {
    const labels = [0, 1, 2, 2, 1, 0, 2, 1];
    const predicted = [0, 1, 2, 1, 1, 0, 2, 2];
    const en = await confusionPng('Forvekslingsmatrise', 'en', labels, predicted, 3);
    const nb = await confusionPng('Forvekslingsmatrise', 'nb', labels, predicted, 3);
    const [english, norwegian] = [decode(en), decode(nb)];
    expect(norwegian.width).toBe(900);
    expect(norwegian.height).toBeGreaterThan(500);
    expect(norwegian.inked).toBeGreaterThan(0.1);
    // The axis titles ("predikert siffer", "riktig siffer", "bilder") are drawn instead of the English ones.
    expect(nb.equals(en)).toBe(false);
    expect(Math.abs(norwegian.height - english.height)).toBeLessThan(20);
  });
});

describe('grade --pictures', () => {
  test("03's reference solution: the test digits, the confusion matrix and the loss curve, and its training progress, one line per epoch in a log", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'labgrade-pictures-'));
    const run = await grade('03-mnist-mlp', { solution: true, extra: ['--pictures', dir] });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.result!.score).toBe(run.result!.maxScore);
    expect(readdirSync(path.join(dir, '03-mnist-mlp'))).toEqual(['confusion-matrix.png', 'test-digits.png', 'training-loss.png']);
    for (const name of ['confusion-matrix.png', 'test-digits.png', 'training-loss.png']) {
      const png = decode(readFileSync(path.join(dir, '03-mnist-mlp', name)));
      expect(png.width, name).toBeGreaterThan(500);
      expect(png.inked, name).toBeGreaterThan(0.01);
    }
    // The solution trains 3 epochs of 469 batches with the runtime's fit; stderr is not a terminal here.
    const epochs = run.stderr.split('\n').filter((l) => l.startsWith('  train  epoch'));
    expect(epochs).toHaveLength(3);
    epochs.forEach((line, i) => expect(line).toMatch(new RegExp(`^  train  epoch ${i + 1}/3  469/469  loss \\d\\.\\d{4}  acc 0\\.\\d{3}  \\d+\\.\\d s$`)));
    expect(run.stderr).not.toContain('\r');

    // The loss per epoch is in the result, the text report, and the job summary's markdown as a chart.
    const [curve] = run.result!.curves!;
    expect(curve!.id).toBe('training-loss');
    expect(curve!.values).toHaveLength(3);
    expect(curve!.values[2]!).toBeLessThan(curve!.values[0]!);
    expect(run.stdout).toContain(`Training loss per epoch: ${curve!.values.map((v) => Number(v!.toPrecision(3))).join(' → ')}`);
    expect(renderMarkdown(run.result!)).toContain(
      `\`\`\`mermaid\nxychart-beta\n    title "Training loss per epoch"\n    x-axis "epoch" [1, 2, 3]\n    y-axis "loss"\n    line [${curve!.values.map((v) => Number(v!.toPrecision(4))).join(', ')}]\n\`\`\``,
    );
  });

  test("04's golden tiny CNN: its 8 first-layer filters as a grid, the shared MNIST pictures, and exactly its golden result", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'labgrade-pictures-'));
    const golden = path.join(repoRoot, 'test', 'fixtures', '04-mnist-cnn', 'tiny-cnn');
    const run = await grade('04-mnist-cnn', { submission: golden, extra: ['--pictures', dir] });
    expect(run.exitCode, run.stderr).toBe(0);
    expectGolden(run.result!, path.join(golden, 'expected.json'));
    expect(readdirSync(path.join(dir, '04-mnist-cnn'))).toEqual(['confusion-matrix.png', 'first-layer-filters.png', 'test-digits.png', 'training-loss.png']);
    const filters = decode(readFileSync(path.join(dir, '04-mnist-cnn', 'first-layer-filters.png')));
    // Eight tiles of 3x3 pixels, each pixel drawn 24 pixels wide (72 / 3), in one row of eight.
    expect([filters.width, filters.height]).toEqual([8 * (72 + 16) + 16, 72 + 34 + 48]);
    expect(filters.inked).toBeGreaterThan(0.2);
  });

  test("07's reference solution: the ROC curve of its model on the held-out cohort, with the 90 % specificity point", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'labgrade-pictures-'));
    const run = await grade('07-tabular-neuro', { solution: true, extra: ['--pictures', dir] });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.result!.score).toBe(run.result!.maxScore);
    expect(readdirSync(path.join(dir, '07-tabular-neuro'))).toEqual(['roc-curve.png']);
    const png = decode(readFileSync(path.join(dir, '07-tabular-neuro', 'roc-curve.png')));
    expect(png.width).toBeGreaterThan(500);
    expect(png.inked).toBeGreaterThan(0.01);
  });

  test("draws 00a's Sobel picture from a real grading, and the grade is the same as without it", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'labgrade-pictures-'));
    const run = await grade('00a-cnn-basics', { solution: true, extra: ['--pictures', dir] });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.result!.score).toBe(12);
    expect(readdirSync(path.join(dir, '00a-cnn-basics'))).toEqual(['sobel-edges.png']);
    expect(run.stderr).toContain(`Pictures: ${path.relative(repoRoot, path.join(dir, '00a-cnn-basics', 'sobel-edges.png'))}`);
    const png = decode(readFileSync(path.join(dir, '00a-cnn-basics', 'sobel-edges.png')));
    // The slice, the student's edges and the reference: three 192-pixel tiles.
    expect(png.width).toBe(3 * 208 + 16);
    expect(png.inked).toBeGreaterThan(0.3);
    // Without the flag nothing is drawn.
    const plain = await grade('00a-cnn-basics', { solution: true });
    expect(plain.result!.score).toBe(12);
    expect(existsSync(path.join(plain.outDir, '00a-cnn-basics'))).toBe(false);
  });
});
