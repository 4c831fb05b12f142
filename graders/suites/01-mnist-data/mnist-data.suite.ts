/**
 * Hidden suite of 01-mnist-data. Check ids and points are in exercises/01-mnist-data/exercise.json.
 * Expected values come from the real MNIST files, read here in the grader, and from small files crafted here.
 * Besides the whole training set, whose statistics are well known, each check also uses inputs drawn for
 * each submission (the case seed: the exercise seed and the submission's hash): a random part of the
 * training images, crafted files with random values, so that printing the known numbers earns nothing.
 */
import { decodeIdx, parseIdx as referenceParse, readMnistBytes } from '../../../datasets/mnist.ts';
import { createRandom, deriveSeed } from '../../../runtime/seed.ts';
import { beforeAll, check, fail, gradingContext, useSubmission, type Localized } from '../../src/suite/harness.ts';
import { conceptChecks } from '../../src/suite/kit/concepts.ts';
import { QUESTIONS } from './concepts.ts';

type ParseOutcome = { threw: false; dims: unknown; data: Uint8Array | null; dataType: string } | { threw: true; name: string; message: string };

const submission = useSubmission();
// The concept questions run first: they need nothing but the submission's src/answers.ts.
conceptChecks(submission, QUESTIONS);
const { caseSeed, thresholds } = gradingContext();
const TOLERANCE = thresholds['mean-std-tolerance']!.value;

let trainLabels: Uint8Array;
let trainImages: Uint8Array;
let testImagesFile: Uint8Array;

beforeAll(async () => {
  const labels = await readMnistBytes('trainLabels', { verify: false });
  const images = await readMnistBytes('trainImages', { verify: false });
  const test = await readMnistBytes('testImages', { verify: false });
  trainLabels = decodeIdx(referenceParse(labels.bytes)) as Uint8Array;
  trainImages = decodeIdx(referenceParse(images.bytes)) as Uint8Array;
  testImagesFile = test.bytes;
  await submission.stageData('train-labels.idx', labels.bytes);
  await submission.stageData('train-images.idx', images.bytes);
  // Test images only: the test labels are never needed here.
  await submission.stageData('test-images.idx', test.bytes);
});

/** An IDX file of unsigned bytes with the given sizes and values. */
function idx(dims: number[], values: number[], typeByte = 0x08): Uint8Array {
  const bytes = new Uint8Array(4 + 4 * dims.length + values.length);
  const view = new DataView(bytes.buffer);
  bytes[2] = typeByte;
  bytes[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  bytes.set(values, 4 + 4 * dims.length);
  return bytes;
}

const cases = createRandom(deriveSeed(caseSeed, 'crafted-files'));
const bytes = (n: number) => Array.from({ length: n }, () => Math.floor(cases() * 256));
const crafted: { what: Localized; dims: number[]; values: number[] }[] = [
  { what: { en: '5 labels', nb: '5 etiketter' }, dims: [5], values: bytes(5) },
  {
    what: { en: '2 images of 3x2 pixels, values up to 255', nb: '2 bilder på 3x2 piksler, verdier opp til 255' },
    dims: [2, 3, 2],
    values: [...bytes(6), 250, 251, 252, 253, 254, 255],
  },
  {
    what: { en: 'a size above 65,535 (all four size bytes matter)', nb: 'en størrelse over 65 535 (alle fire størrelsesbytene teller)' },
    dims: [1, 65536 + Math.floor(cases() * 10000)],
    values: [],
  },
];
crafted[2]!.values = bytes(crafted[2]!.dims[1]!);
const malformed: { what: Localized; bytes: Uint8Array }[] = [
  {
    what: { en: 'a bad magic number (first bytes 0x12 0x34)', nb: 'et feil magisk tall (første byte 0x12 0x34)' },
    bytes: (() => {
      const b = idx([2], [1, 2]);
      b[0] = 0x12;
      b[1] = 0x34;
      return b;
    })(),
  },
  {
    what: { en: 'element type 0x0D (float) instead of 0x08', nb: 'elementtype 0x0D (float) i stedet for 0x08' },
    bytes: idx([2], [1, 2, 3, 4, 5, 6, 7, 8], 0x0d),
  },
  {
    what: { en: 'a header cut off after the magic number', nb: 'en header som er kuttet av etter det magiske tallet' },
    bytes: idx([60000, 28, 28], []).subarray(0, 6),
  },
  {
    what: { en: 'data shorter than its sizes say (10 of 12 values)', nb: 'data kortere enn størrelsene sier (10 av 12 verdier)' },
    bytes: idx([2, 3, 2], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
  },
  { what: { en: 'extra bytes after the data', nb: 'ekstra byte etter dataene' }, bytes: idx([3], [1, 2, 3, 4, 5]) },
  { what: { en: 'only 2 bytes', nb: 'bare 2 byte' }, bytes: new Uint8Array([0, 0]) },
];

const small = (() => {
  // Class sizes 7, 3, 1 and 10: rounding per class matters.
  const labels = [...Array(7).fill(0), ...Array(3).fill(1), ...Array(1).fill(2), ...Array(10).fill(3)];
  const random = createRandom(deriveSeed(caseSeed, 'small-labels'));
  for (let i = labels.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [labels[i], labels[j]] = [labels[j], labels[i]];
  }
  return Uint8Array.from(labels);
})();
const seedA = deriveSeed(caseSeed, 'split-a') % 100000;
const seedB = deriveSeed(caseSeed, 'split-b') % 100000;
const splitRuns = [
  { labels: 'training' as const, fraction: 0.2, seed: seedA },
  { labels: 'training' as const, fraction: 0.2, seed: seedA },
  { labels: 'training' as const, fraction: 0.2, seed: seedB },
  { labels: small, fraction: 0.3, seed: seedA },
];

const realFiles = submission.task<{ labels: ParseOutcome; images: ParseOutcome }>('parse-real', 'predict');
const craftedFiles = submission.task<ParseOutcome[]>('parse-files', 'predict', () => ({ files: crafted.map((c) => idx(c.dims, c.values)) }));
const brokenFiles = submission.task<ParseOutcome[]>('parse-files', 'predict', () => ({ files: malformed.map((m) => m.bytes) }));
/** Every byte value once, in a random order, then random ones. */
const scaleValues = (() => {
  const values = [...Array(256).keys()];
  for (let i = 255; i > 0; i--) {
    const j = Math.floor(cases() * (i + 1));
    [values[i], values[j]] = [values[j]!, values[i]!];
  }
  return Uint8Array.from([...values, ...bytes(64)]);
})();
const scaled = submission.task<Float32Array>('scale', 'predict', () => ({ values: scaleValues }));
/** Which training images the statistics are taken over: all of them (the known values), then a random part. */
const parts: { what: Localized; images: number[] | null }[] = [
  { what: { en: 'all 60,000 training images', nb: 'alle de 60 000 treningsbildene' }, images: null },
  (() => {
    const n = 500 + Math.floor(cases() * 1500);
    const images = Array.from({ length: n }, () => Math.floor(cases() * 60000));
    return { what: { en: `${n} training images chosen at random`, nb: `${n} tilfeldig valgte treningsbilder` }, images };
  })(),
];
const moments = submission.task<{ mean: number | string; std: number | string }[]>('mean-std', 'predict', () => ({ parts: parts.map((p) => p.images) }));
const counts = submission.task<number[][]>('class-counts', 'predict', () => ({ parts: parts.map((p) => p.images) }));
const splits = submission.task<{ train: Int32Array; validation: Int32Array }[]>('split', 'predict', () => ({ runs: splitRuns }));
const renderImages = [Math.floor(cases() * 60000), Math.floor(cases() * 60000)];
const digitsToRender = () => [
  ...renderImages.map((i) => trainImages.subarray(i * 784, (i + 1) * 784)),
  Uint8Array.from({ length: 784 }, (_, i) => [0, 84, 85, 169, 170, 255][i % 6]!),
];
const rendered = submission.task<string[]>('render', 'predict', () => ({ digits: digitsToRender() }));

const sameBytes = (a: Uint8Array | null, b: Uint8Array) => a !== null && a.length === b.length && a.every((v, i) => v === b[i]);
const show = (o: ParseOutcome): Localized =>
  o.threw
    ? { en: `threw ${o.name}: ${o.message}`, nb: `kastet ${o.name}: ${o.message}` }
    : {
        en: `dims ${JSON.stringify(o.dims)}, data ${o.dataType} of ${o.data?.length ?? '?'} values`,
        nb: `dims ${JSON.stringify(o.dims)}, data ${o.dataType} med ${o.data?.length ?? '?'} verdier`,
      };

check('idx.parse-real', async () => {
  const { labels, images } = await realFiles.value();
  const test = referenceParse(testImagesFile);
  const wanted = [
    { name: 'train-labels-idx1-ubyte', got: labels, dims: [60000], data: trainLabels },
    { name: 't10k-images-idx3-ubyte', got: images, dims: test.dims, data: decodeIdx(test) as Uint8Array },
  ];
  for (const w of wanted) {
    if (w.got.threw || JSON.stringify(w.got.dims) !== JSON.stringify(w.dims) || !sameBytes(w.got.data, w.data)) {
      fail({
        message: { en: `parseIdx does not read the real MNIST file ${w.name} correctly.`, nb: `parseIdx leser ikke den ekte MNIST-fila ${w.name} riktig.` },
        expected: {
          en: `dims ${JSON.stringify(w.dims)}, data Uint8Array of ${w.data.length} values equal to the file's`,
          nb: `dims ${JSON.stringify(w.dims)}, data Uint8Array med ${w.data.length} verdier lik filas`,
        },
        found: show(w.got),
        hint: {
          en: 'Sizes are 32-bit big-endian: use a DataView with getUint32(offset, false). The values start right after the header (4 + 4 * d bytes).',
          nb: 'Størrelsene er 32-bits big-endian: bruk en DataView med getUint32(offset, false). Verdiene starter rett etter headeren (4 + 4 * d byte).',
        },
      });
    }
  }
});

check('idx.parse-crafted', async () => {
  const got = await craftedFiles.value();
  crafted.forEach((c, i) => {
    const o = got[i]!;
    if (o.threw || JSON.stringify(o.dims) !== JSON.stringify(c.dims) || !sameBytes(o.data, Uint8Array.from(c.values))) {
      fail({
        message: { en: `parseIdx reads a small crafted file wrongly: ${c.what.en}.`, nb: `parseIdx leser en liten laget fil feil: ${c.what.nb}.` },
        expected: {
          en: `dims ${JSON.stringify(c.dims)}, data of ${c.values.length} values`,
          nb: `dims ${JSON.stringify(c.dims)}, data med ${c.values.length} verdier`,
        },
        found: show(o),
      });
    }
  });
});

check('idx.malformed', async () => {
  const got = await brokenFiles.value();
  const accepted = malformed.filter((_, i) => !got[i]!.threw || !(got[i] as { message: string }).message.trim());
  if (accepted.length) {
    fail({
      message: {
        en: `parseIdx accepted ${accepted.length} of ${malformed.length} broken files without a clear error. First: ${accepted[0]!.what.en}.`,
        nb: `parseIdx godtok ${accepted.length} av ${malformed.length} ødelagte filer uten en tydelig feil. Første: ${accepted[0]!.what.nb}.`,
      },
      expected: { en: 'an Error with a message saying what is wrong', nb: 'en Error med en melding som sier hva som er galt' },
      found: show(got[malformed.indexOf(accepted[0]!)]!),
      hint: {
        en: 'Check the magic number (bytes 0-1 are 0, byte 2 is 0x08), that the header fits, and that exactly the product of the sizes follows.',
        nb: 'Sjekk det magiske tallet (byte 0-1 er 0, byte 2 er 0x08), at headeren får plass, og at nøyaktig produktet av størrelsene følger.',
      },
    });
  }
});

check('pixels.scale', async () => {
  const got = await scaled.value();
  const i = scaleValues.findIndex((v, k) => !(Math.abs(got[k]! - v / 255) <= 1e-6));
  if (got.length !== scaleValues.length || i >= 0) {
    const k = Math.max(i, 0);
    fail({
      message: { en: `scalePixels(${scaleValues[k]}) is wrong.`, nb: `scalePixels(${scaleValues[k]}) er feil.` },
      expected: {
        en: `${(scaleValues[k]! / 255).toFixed(6)} (and ${scaleValues.length} values)`,
        nb: `${(scaleValues[k]! / 255).toFixed(6)} (og ${scaleValues.length} verdier)`,
      },
      found: { en: `${got[k]} (and ${got.length} values)`, nb: `${got[k]} (og ${got.length} verdier)` },
      hint: { en: 'Divide by 255, so that 0 stays 0 and 255 becomes 1.', nb: 'Del på 255, slik at 0 blir 0 og 255 blir 1.' },
    });
  }
});

/** The pixels (as bytes) of the training images in `images`, or of all of them. */
function pixelsOf(images: number[] | null): Uint8Array {
  if (images === null) return trainImages;
  const out = new Uint8Array(images.length * 784);
  images.forEach((image, k) => out.set(trainImages.subarray(image * 784, (image + 1) * 784), k * 784));
  return out;
}

/** Mean and population std of pixels scaled to [0, 1], from how often each byte value occurs: exact, and one pass. */
function referenceMoments(pixels: Uint8Array): { mean: number; std: number } {
  const histogram = new Float64Array(256);
  for (let i = 0; i < pixels.length; i++) histogram[pixels[i]!]!++;
  let sum = 0;
  for (let v = 0; v < 256; v++) sum += histogram[v]! * (v / 255);
  const mean = sum / pixels.length;
  let squares = 0;
  for (let v = 0; v < 256; v++) squares += histogram[v]! * (v / 255 - mean) ** 2;
  return { mean, std: Math.sqrt(squares / pixels.length) };
}

check('pixels.mean-std', async (api) => {
  const got = await moments.value();
  let worst = { error: 0, part: 0, want: { mean: 0, std: 0 } };
  parts.forEach((part, k) => {
    const want = referenceMoments(pixelsOf(part.images));
    const { mean, std } = got[k] ?? { mean: 'missing', std: 'missing' };
    const error = typeof mean === 'number' && typeof std === 'number' ? Math.max(Math.abs(mean - want.mean), Math.abs(std - want.std)) : NaN;
    if (k === 0 || !(error <= worst.error)) worst = { error, part: k, want };
  });
  const { error, part, want } = worst;
  api.metric({
    name: { en: 'largest difference from the mean and std', nb: 'største avvik fra gjennomsnitt og standardavvik' },
    value: Number.isFinite(error) ? Number(error.toExponential(2)) : null,
    threshold: TOLERANCE,
    comparator: '<=',
  });
  if (!(error <= TOLERANCE)) {
    const { mean, std } = got[part] ?? { mean: 'missing', std: 'missing' };
    fail({
      message: {
        en: `The mean or standard deviation of the pixels is off, for ${parts[part]!.what.en}.`,
        nb: `Gjennomsnittet eller standardavviket til pikslene er feil, for ${parts[part]!.what.nb}.`,
      },
      expected: {
        en: `mean ${want.mean.toFixed(4)}, std ${want.std.toFixed(4)}`,
        nb: `gjennomsnitt ${want.mean.toFixed(4)}, standardavvik ${want.std.toFixed(4)}`,
      },
      found: {
        en: `mean ${typeof mean === 'number' ? mean.toFixed(4) : mean}, std ${typeof std === 'number' ? std.toFixed(4) : std}`,
        nb: `gjennomsnitt ${typeof mean === 'number' ? mean.toFixed(4) : mean}, standardavvik ${typeof std === 'number' ? std.toFixed(4) : std}`,
      },
      hint: {
        en: 'Population standard deviation: divide the sum of squared differences by n (not n - 1), and sum in ordinary numbers.',
        nb: 'Populasjonsstandardavvik: del summen av kvadrerte avvik på n (ikke n - 1), og summer i vanlige tall.',
      },
    });
  }
});

check('labels.class-counts', async () => {
  const got = await counts.value();
  parts.forEach((part, k) => {
    const want = Array.from({ length: 10 }, () => 0);
    for (const image of part.images ?? trainLabels.keys()) want[trainLabels[image]!]!++;
    if (JSON.stringify(got[k]) !== JSON.stringify(want)) {
      fail({
        message: { en: `The class counts of the labels are wrong, for ${part.what.en}.`, nb: `Antallet per klasse i etikettene er feil, for ${part.what.nb}.` },
        expected: JSON.stringify(want),
        found: JSON.stringify(got[k]),
      });
    }
  });
});

check('split.stratified', async () => {
  const got = await splits.value();
  const problems: Localized[] = [];
  splitRuns.forEach((run, r) => {
    const labels = run.labels === 'training' ? trainLabels : run.labels;
    const { train, validation } = got[r]!;
    const seen = new Uint8Array(labels.length);
    for (const i of [...train, ...validation]) {
      if (!(Number.isInteger(i) && i >= 0 && i < labels.length))
        return void problems.push({
          en: `index ${i} is not a sample index (0-${labels.length - 1})`,
          nb: `indeks ${i} er ikke en eksempelindeks (0-${labels.length - 1})`,
        });
      seen[i]!++;
    }
    if (seen.some((c) => c !== 1))
      return void problems.push({
        en: `train and validation together must hold every index exactly once (${labels.length} samples)`,
        nb: `train og validation må til sammen inneholde hver indeks nøyaktig én gang (${labels.length} eksempler)`,
      });
    for (let c = 0; c < 10; c++) {
      const n = labels.filter((l) => l === c).length;
      const inValidation = validation.filter((i) => labels[i] === c).length;
      if (inValidation !== Math.round(run.fraction * n)) {
        return void problems.push({
          en: `class ${c} has ${inValidation} of its ${n} samples in validation, expected Math.round(${run.fraction} * ${n}) = ${Math.round(run.fraction * n)}`,
          nb: `klasse ${c} har ${inValidation} av sine ${n} eksempler i validering, forventet Math.round(${run.fraction} * ${n}) = ${Math.round(run.fraction * n)}`,
        });
      }
    }
  });
  const [a, b, c] = got;
  const same = (x: Int32Array, y: Int32Array) => x.length === y.length && x.every((v, i) => v === y[i]);
  if (a && b && !same(a.validation, b.validation)) problems.push({ en: 'the same seed gave two different splits', nb: 'samme seed ga to ulike inndelinger' });
  if (a && c && same(a.validation, c.validation))
    problems.push({
      en: 'two different seeds gave the same split: the split must be random',
      nb: 'to ulike seed-verdier ga samme inndeling: inndelingen må være tilfeldig',
    });
  if (problems.length) {
    fail({
      message: { en: `The stratified split is wrong: ${problems[0]!.en}.`, nb: `Den stratifiserte inndelingen er feil: ${problems[0]!.nb}.` },
      expected: {
        en: 'per class, Math.round(fraction * n) samples in validation, chosen with createRandom(seed)',
        nb: 'per klasse, Math.round(fraction * n) eksempler i validering, valgt med createRandom(seed)',
      },
      found: { en: problems.map((p) => p.en).join('; '), nb: problems.map((p) => p.nb).join('; ') },
      hint: {
        en: 'Group indices by class, shuffle each group with createRandom(seed), and send the first Math.round(fraction * n) to validation.',
        nb: 'Grupper indeksene etter klasse, stokk hver gruppe med createRandom(seed), og send de første Math.round(fraction * n) til validering.',
      },
    });
  }
});

check('render.digit', async () => {
  const got = await rendered.value();
  const digits = digitsToRender();
  digits.forEach((pixels, d) => {
    const want = Array.from({ length: 28 }, (_, y) =>
      Array.from(pixels.subarray(y * 28, y * 28 + 28), (v) => (v < 85 ? ' ' : v < 170 ? '+' : '#')).join(''),
    ).join('\n');
    if (got[d] !== want) {
      const lines = (got[d] ?? '').split('\n');
      const row = want.split('\n').findIndex((line, y) => lines[y] !== line);
      fail({
        message: {
          en: `renderDigit draws image ${d + 1} wrongly (first wrong line: ${row + 1}; ${lines.length} lines returned).`,
          nb: `renderDigit tegner bilde ${d + 1} feil (første feil linje: ${row + 1}; ${lines.length} linjer returnert).`,
        },
        expected: JSON.stringify(want.split('\n')[row]),
        found: lines[row] === undefined ? { en: '(no such line)', nb: '(ingen slik linje)' } : JSON.stringify(lines[row]),
        hint: {
          en: "28 lines of 28 characters joined with '\\n'; below 85 is ' ', 85-169 is '+', 170 and up is '#'.",
          nb: "28 linjer med 28 tegn skjøtt med '\\n'; under 85 er ' ', 85-169 er '+', 170 og over er '#'.",
        },
      });
    }
  });
});
