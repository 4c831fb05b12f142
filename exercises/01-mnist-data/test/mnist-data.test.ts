/**
 * Visible tests for 01-mnist-data on tiny files you can read byte by byte. The grader also reads the real
 * MNIST files, tries broken files, and checks the mean, standard deviation and split on all 60,000 images.
 */
import { say, type Language } from 'labgrade/runtime';
import { describe, expect, test } from 'vitest';
import manifest from '../exercise.json';
import { classCounts, meanAndStd, parseIdx, renderDigit, scalePixels, stratifiedSplit } from '../src/mnist-data.ts';

/** `en` or `nb`, in the student's language: LABGRADE_LANG if set, else the exercise's own. */
const s = (en: string, nb: string): string => say({ en, nb }, manifest.language as Language);

/** The error `fn` throws, or undefined; a function that is not written yet fails the test as such. */
function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    if ((error as { code?: unknown }).code === 'LABGRADE_NOT_IMPLEMENTED') throw error;
    return error;
  }
  return undefined;
}

/** magic 00 00 08 01, one size (3, big-endian), then the values 7 8 9. */
const threeLabels = Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 3, 7, 8, 9]);

describe('parseIdx', () => {
  test(s('reads the sizes (big-endian) and the values after the header', 'leser størrelsene (big-endian) og verdiene etter headeren'), () => {
    const file = parseIdx(threeLabels);
    expect(file.dims, s('one dimension of size 3', 'én dimensjon med størrelse 3')).toEqual([3]);
    expect(Array.from(file.data)).toEqual([7, 8, 9]);
  });
  test(s('reads three dimensions: 1 image of 2x2 pixels', 'leser tre dimensjoner: 1 bilde på 2x2 piksler'), () => {
    const file = parseIdx(Uint8Array.from([0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 2, 10, 20, 30, 40]));
    expect(file.dims).toEqual([1, 2, 2]);
    expect(Array.from(file.data)).toEqual([10, 20, 30, 40]);
  });
  test(s('throws a clear error on a bad magic number and on missing data', 'kaster en tydelig feil ved feil magisk tall og ved manglende data'), () => {
    expect(errorOf(() => parseIdx(Uint8Array.from([1, 2, 8, 1, 0, 0, 0, 3, 7, 8, 9]))), s('the first two bytes must be 0', 'de to første bytene må være 0')).toBeInstanceOf(Error);
    expect(errorOf(() => parseIdx(threeLabels.subarray(0, 10))), s('the sizes promise 3 values but only 2 follow', 'størrelsene lover 3 verdier, men bare 2 følger')).toBeInstanceOf(Error);
  });
});

describe(s('pixels', 'piksler'), () => {
  test(s('scalePixels divides by 255', 'scalePixels deler på 255'), () => {
    const scaled = scalePixels(Uint8Array.from([0, 51, 255]));
    expect(scaled).toBeInstanceOf(Float32Array);
    expect(Array.from(scaled)).toEqual(Array.from(Float32Array.from([0, 0.2, 1])));
  });
  test(s('meanAndStd is the mean and the population standard deviation', 'meanAndStd er gjennomsnittet og populasjonsstandardavviket'), () => {
    const { mean, std } = meanAndStd(Float32Array.from([0, 0, 1, 1]));
    expect(mean).toBeCloseTo(0.5, 10);
    expect(std, s('divide by n, not n - 1', 'del på n, ikke n - 1')).toBeCloseTo(0.5, 10);
  });
});

describe(s('labels', 'etiketter'), () => {
  test(s('classCounts counts each class', 'classCounts teller hver klasse'), () => {
    expect(classCounts(Uint8Array.from([0, 2, 2, 1, 2]), 4)).toEqual([1, 1, 3, 0]);
  });
  test(s('stratifiedSplit keeps each class share and is the same for the same seed', 'stratifiedSplit beholder andelen av hver klasse og er lik for samme frø'), () => {
    const labels = Uint8Array.from([...Array(10).fill(0), ...Array(5).fill(1)]);
    const a = stratifiedSplit(labels, 0.2, 42);
    expect(a.validation.length, s('2 of class 0 and 1 of class 1', '2 fra klasse 0 og 1 fra klasse 1')).toBe(3);
    expect(a.validation.filter((i) => labels[i] === 0).length).toBe(2);
    expect([...a.train, ...a.validation].sort((x, y) => x - y), s('every index exactly once', 'hver indeks nøyaktig én gang')).toEqual(Array.from(labels, (_, i) => i));
    expect(stratifiedSplit(labels, 0.2, 42), s('same seed, same split', 'samme frø, samme inndeling')).toEqual(a);
  });
});

describe('renderDigit', () => {
  test(s("28 lines of 28 characters: ' ' below 85, '+' up to 169, '#' from 170", "28 linjer med 28 tegn: ' ' under 85, '+' opp til 169, '#' fra 170"), () => {
    const pixels = new Uint8Array(784);
    pixels[0] = 100;
    pixels[1] = 200;
    const lines = renderDigit(pixels).split('\n');
    expect(lines.length).toBe(28);
    expect(lines.every((line) => line.length === 28)).toBe(true);
    expect(lines[0]!.slice(0, 3)).toBe('+# ');
  });
});
