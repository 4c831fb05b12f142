/**
 * Hints that read the evidence: the diagnosis of a loss history and of training against held-out scores.
 * The loss curves are the histories `model.fit` returned in real runs of exercise 00's patients (400, batch
 * size 32, TF.js on wasm), one per way of training; the golden submissions of 00 show the same diagnoses
 * in real gradings (grade-from-python.test.ts).
 */
import { describe, expect, test } from 'vitest';
import { diagnoseTraining, reversedRankingHint, trainingHints } from '../../graders/src/suite/kit/training-evidence.ts';

/** 16 relu units, Adam(0.02), 60 epochs: learned, and settled. */
const settled = [
  0.6744, 0.6108, 0.5461, 0.4765, 0.4147, 0.3581, 0.3179, 0.2866, 0.2673, 0.2469, 0.2401, 0.231, 0.2208, 0.2146, 0.2139, 0.1996, 0.2022, 0.1955, 0.1974, 0.199,
  0.2078, 0.2041, 0.1956, 0.1907, 0.185, 0.1871, 0.187, 0.1793, 0.1798, 0.1763, 0.1877, 0.1766, 0.1846, 0.1849, 0.1771, 0.1816, 0.1744, 0.1748, 0.1831, 0.2026,
  0.1806, 0.1764, 0.1835, 0.1804, 0.1807, 0.1781, 0.1749, 0.1757, 0.1721, 0.1801, 0.1776, 0.1768, 0.171, 0.1779, 0.1753, 0.1727, 0.1747, 0.1736, 0.1733, 0.1706,
];
/** Adam(0.001), 30 epochs: still learning when it stopped. */
const slow = [
  0.7033, 0.6972, 0.6918, 0.6873, 0.6828, 0.6786, 0.6747, 0.6711, 0.6674, 0.6641, 0.6606, 0.6569, 0.653, 0.6496, 0.6458, 0.6421, 0.6385, 0.6349, 0.6307, 0.6266,
  0.6224, 0.6178, 0.6133, 0.6089, 0.6046, 0.6008, 0.5964, 0.5925, 0.5884, 0.5845,
];
/** Adam(1): steps far too large, the loss jumps about. */
const jumpy = [
  3.4189, 1.1202, 0.4443, 0.3941, 0.2758, 0.2269, 0.2458, 0.2263, 0.2621, 0.2517, 0.2453, 0.2824, 0.5105, 0.3786, 0.3874, 0.3099, 0.2923, 0.2893, 0.2985,
  0.4181, 0.316, 0.3284, 0.3824, 0.3696, 0.2878, 0.3092, 0.3394, 0.4316, 0.3109, 0.4996, 0.4918, 0.3934, 0.4271, 0.6855, 0.5013, 0.5059, 0.4477, 0.4761, 0.4313,
  0.5072,
];
/** Adam(5), 64 units: the loss rises and stays up. */
const rising = [7.2348, 7.2612, 7.8249, 8.0619, 7.9809, 8.0606, 8.0606, 8.0606, 8.0606, 8.0606];
/** SGD(0.00001): nothing moves. */
const flat = new Array<number>(20).fill(0.7056);

describe('the diagnosis of a training run', () => {
  test.each([
    ['a loss that settled', settled, 'converged'],
    ['a loss still falling at the last epoch', slow, 'still-falling'],
    ['a loss that jumps up and down', jumpy, 'rising'],
    ['a loss that rises', rising, 'rising'],
    ['a loss flat from the start', flat, 'flat'],
    ['a loss that became NaN', [0.7, 0.5, Number.NaN], 'diverged'],
  ] as const)('reads %s', (_, loss, diagnosis) => {
    expect(diagnoseTraining({ loss })).toBe(diagnosis);
  });

  test('calls a model far better on its training examples than on held-out ones overfitted', () => {
    expect(diagnoseTraining({ loss: settled, train: 0.99, heldOut: 0.9 })).toBe('overfitting');
    expect(diagnoseTraining({ loss: settled, train: 0.93, heldOut: 0.91 })).toBe('converged');
  });

  test('has nothing to say without a history or scores', () => {
    expect(diagnoseTraining({ loss: null })).toBeUndefined();
    expect(diagnoseTraining({ loss: [0.5] })).toBeUndefined();
  });
});

describe('the hints', () => {
  const advice = [{ en: 'Exercise advice.', nb: 'Oppgavens råd.' }];

  test('start with what the evidence says, and keep saying it as they grow more specific', () => {
    const hints = trainingHints({ loss: slow }, advice);
    expect(hints).toHaveLength(2);
    expect(hints[0]!.en).toMatch(
      /^The loss your training returned was still falling at the last epoch \(30 epochs: 0\.703 → 0\.697 → 0\.692 → … → 0\.593 → 0\.588 → 0\.585\): .*Train longer/,
    );
    expect(hints[0]!.nb).toMatch(/falt fortsatt i siste epoke \(30 epoker: .*Tren lenger/);
    expect(hints[1]!.en.startsWith(hints[0]!.en)).toBe(true);
    expect(hints[1]!.en.endsWith('Exercise advice.')).toBe(true);
    expect(trainingHints({ loss: jumpy }, advice)[0]!.en).toContain('Lower the learning rate');
    expect(trainingHints({ loss: flat }, advice)[0]!.en).toContain('Look at the model and the optimiser');
    expect(trainingHints({ loss: settled, train: 0.99, heldOut: 0.9 }, advice)[0]!.en).toContain('accuracy 0.990 against 0.900');
  });

  test("without a history ask for it, then give the exercise's advice", () => {
    const hints = trainingHints({ loss: null }, advice);
    expect(hints[0]!.en).toContain('Return the history of training');
    expect(hints[1]).toEqual(advice[0]);
  });

  test('say a ROC AUC below 0.5 is a reversed ranking, and nothing at 0.5 or above', () => {
    const hint = reversedRankingHint(0.19, { en: 'malignant tumours', nb: 'ondartede svulster' })!;
    expect(hint.en).toContain('the ranking is reversed');
    expect(hint.en).toContain('1 minus your scores would give 0.810');
    expect(hint.nb).toContain('rangeringen er snudd');
    expect(reversedRankingHint(0.5, { en: 'x', nb: 'x' })).toBeUndefined();
    expect(reversedRankingHint(0.93, { en: 'x', nb: 'x' })).toBeUndefined();
  });
});
