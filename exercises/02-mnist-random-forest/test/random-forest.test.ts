/**
 * Visible tests for 02-mnist-random-forest on tiny examples you can work out by hand. The grader also checks
 * bestSplit on real MNIST pixels and measures your forest's accuracy on the 10,000 test images.
 */
import { say, type Language } from 'labgrade/runtime';
import { describe, expect, test } from 'vitest';
import manifest from '../exercise.json';
import { bestSplit, giniImpurity, trainForest } from '../src/random-forest.ts';

/** `en` or `nb`, in the student's language: LABGRADE_LANG if set, else the exercise's own. */
const s = (en: string, nb: string): string => say({ en, nb }, manifest.language as Language);

describe('giniImpurity', () => {
  test(s('is 0 for a pure node and 0.5 for two equal classes', 'er 0 for en ren node og 0.5 for to like store klasser'), () => {
    expect(giniImpurity([4, 0])).toBeCloseTo(0, 12);
    expect(giniImpurity([3, 3])).toBeCloseTo(0.5, 12);
  });
  test(s('is 1 - (0.75^2 + 0.25^2) = 0.375 for counts [3, 1], and 0 for an empty node', 'er 1 - (0.75^2 + 0.25^2) = 0.375 for antallene [3, 1], og 0 for en tom node'), () => {
    expect(giniImpurity([3, 1])).toBeCloseTo(0.375, 12);
    expect(giniImpurity([0, 0])).toBe(0);
  });
});

describe('bestSplit', () => {
  test(s('splits two clean groups halfway between them', 'deler to rene grupper midt mellom dem'), () => {
    const split = bestSplit([1, 2, 3, 4], [0, 0, 1, 1], 2);
    expect(split).not.toBeNull();
    expect(split!.threshold).toBe(2.5);
    expect([split!.leftCount, split!.rightCount]).toEqual([2, 2]);
    expect(split!.impurityDecrease).toBeCloseTo(0.5, 12);
  });
  test(s('works on unsorted values and takes the smaller of two equally good thresholds', 'virker på usorterte verdier og tar den minste av to like gode terskler'), () => {
    expect(bestSplit([4, 3, 1, 2], [1, 1, 0, 0], 2)!.threshold).toBe(2.5);
    expect(bestSplit([1, 2, 3], [0, 1, 0], 2)!.threshold).toBe(1.5);
  });
  test(s('returns null when every value is the same', 'returnerer null når alle verdiene er like'), () => {
    expect(bestSplit([5, 5, 5], [0, 1, 0], 2)).toBeNull();
  });
});

describe('trainForest', () => {
  test(s('returns a forest that predicts one label per image, and learns an easy two-class problem', 'returnerer en skog som predikerer én etikett per bilde, og lærer et enkelt problem med to klasser'), () => {
    // 200 "images": class 1 has bright pixels in the first row, class 0 does not.
    const n = 200;
    const images = new Uint8Array(n * 784);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = i % 2;
      for (let p = 0; p < 784; p++) images[i * 784 + p] = (p * 31 + i * 17) % 50;
      if (labels[i] === 1) for (let p = 0; p < 28; p++) images[i * 784 + p] = 200;
    }
    const forest = trainForest(images, labels, 7);
    const predicted = forest.predict(images);
    expect(predicted.length).toBe(n);
    let correct = 0;
    for (let i = 0; i < n; i++) if (predicted[i] === labels[i]) correct++;
    expect(correct / n).toBeGreaterThan(0.95);
  });
});
