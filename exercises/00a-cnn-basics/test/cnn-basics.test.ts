/**
 * Visible tests for 00a-cnn-basics: small examples you can check with pen and paper. The grader runs many
 * more cases (random sizes, channels, strides, both paddings) against TensorFlow.js itself.
 */
import { say, type Language } from 'labgrade/runtime';
import { describe, expect, test } from 'vitest';
import manifest from '../exercise.json';
import { conv2d, maxPool2d, outputSize, sobelEdges, type Image, type Kernel } from '../src/cnn-basics.ts';

/** `en` or `nb`, in the student's language: LABGRADE_LANG if set, else the exercise's own. */
const s = (en: string, nb: string): string => say({ en, nb }, manifest.language as Language);

const image = (rows: number[][]): Image => ({ data: Float32Array.from(rows.flat()), height: rows.length, width: rows[0]!.length, channels: 1 });
const kernel = (rows: number[][]): Kernel => ({ data: Float32Array.from(rows.flat()), height: rows.length, width: rows[0]!.length, inChannels: 1, outChannels: 1 });
const rows = (img: Image): number[][] =>
  Array.from({ length: img.height }, (_, y) => Array.from(img.data.subarray(y * img.width, (y + 1) * img.width), (v) => Math.round(v * 1000) / 1000));

describe('outputSize', () => {
  test(s("'valid': the window must fit inside the input", "'valid': vinduet må få plass inne i inndataene"), () => {
    expect(outputSize(5, 3, 1, 'valid'), s('a 3-wide window fits 3 times in 5 values', 'et vindu med bredde 3 får plass 3 ganger i 5 verdier')).toBe(3);
    expect(outputSize(7, 3, 2, 'valid'), s('positions 0, 2, 4', 'posisjonene 0, 2, 4')).toBe(3);
    expect(outputSize(6, 3, 2, 'valid'), s('positions 0 and 2 (a window at 4 would stick out)', 'posisjonene 0 og 2 (et vindu ved 4 ville stikke utenfor)')).toBe(2);
  });
  test(s("'same': every start position inside the input counts", "'same': hver startposisjon inne i inndataene teller"), () => {
    expect(outputSize(5, 3, 1, 'same'), s("stride 1 and 'same' keep the size", "steg 1 og 'same' beholder størrelsen")).toBe(5);
    expect(outputSize(5, 3, 2, 'same'), s('positions 0, 2, 4', 'posisjonene 0, 2, 4')).toBe(3);
  });
});

describe('conv2d', () => {
  const x = image([
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
  ]);
  test(s("a 2x2 filter of ones sums each 2x2 window ('valid')", "et 2x2-filter med enere summerer hvert 2x2-vindu ('valid')"), () => {
    const y = conv2d(x, kernel([[1, 1], [1, 1]]), 1, 'valid');
    expect([y.height, y.width, y.channels], s('output shape [height, width, channels]', 'utdataform [height, width, channels]')).toEqual([2, 2, 1]);
    expect(rows(y)).toEqual([
      [12, 16],
      [24, 28],
    ]);
  });
  test(s("'same' pads with zeros, so the size stays 3x3", "'same' fyller ut med nuller, så størrelsen forblir 3x3"), () => {
    const y = conv2d(x, kernel([[0, 0, 0], [0, 1, 0], [0, 0, 0]]), 1, 'same');
    expect(rows(y), s('a filter with a single 1 in the middle copies the image', 'et filter med bare én 1-er i midten kopierer bildet')).toEqual(rows(x));
  });
  test(s('stride 2 skips every other position', 'steg 2 hopper over annenhver posisjon'), () => {
    const y = conv2d(x, kernel([[1]]), 2, 'valid');
    expect(rows(y)).toEqual([
      [1, 3],
      [7, 9],
    ]);
  });
  test(s('two input channels are summed; two filters give two output channels', 'to inndatakanaler summeres; to filtre gir to utdatakanaler'), () => {
    // One pixel with channels (1, 10); filters: o=0 takes 1*c0 + 1*c1, o=1 takes 2*c0 + 0*c1.
    const pixel: Image = { data: Float32Array.from([1, 10]), height: 1, width: 1, channels: 2 };
    const filters: Kernel = { data: Float32Array.from([1, 2, 1, 0]), height: 1, width: 1, inChannels: 2, outChannels: 2 };
    const y = conv2d(pixel, filters, 1, 'valid');
    expect([y.height, y.width, y.channels]).toEqual([1, 1, 2]);
    expect(Array.from(y.data)).toEqual([11, 2]);
  });
});

describe('maxPool2d', () => {
  test(s('2x2 windows, stride 2: the largest value of each', '2x2-vinduer, steg 2: den største verdien i hvert vindu'), () => {
    const x = image([
      [1, 3, 2, 0],
      [4, 2, 1, 5],
      [0, 0, 9, 8],
      [6, 1, 7, 7],
    ]);
    expect(rows(maxPool2d(x, 2, 2, 'valid'))).toEqual([
      [4, 5],
      [6, 9],
    ]);
  });
  test(s("'same' skips positions outside the image instead of counting them as 0", "'same' hopper over posisjoner utenfor bildet i stedet for å regne dem som 0"), () => {
    const x = image([[-1, -2, -3]]);
    expect(rows(maxPool2d(x, 2, 2, 'same'))).toEqual([[-1, -3]]);
  });
});

describe('sobelEdges', () => {
  test(s('a vertical edge lights up; flat areas stay dark', 'en loddrett kant lyser opp; flate områder forblir mørke'), () => {
    const x = image(Array.from({ length: 5 }, () => [0, 0, 0, 1, 1, 1]));
    const y = sobelEdges(x);
    expect([y.height, y.width, y.channels]).toEqual([5, 6, 1]);
    const middle = rows(y)[2]!;
    expect(middle[0], s('far from the edge the image is flat', 'langt fra kanten er bildet flatt')).toBe(0);
    expect(middle[2], s('next to the edge', 'rett ved kanten')).toBe(4);
    expect(middle[3], s('next to the edge', 'rett ved kanten')).toBe(4);
  });
});
