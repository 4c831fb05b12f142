/**
 * Hints that read the evidence (suite side). When a trained model falls short, what to try next depends on
 * how training went, and the evidence is there: the loss of each epoch that the student's training returned,
 * and the accuracy (or ROC AUC) the grader measured on training and on held-out examples. The history comes
 * from the child, so it never earns points; it only chooses which hint a student reads first.
 *
 * - a loss that became NaN, rose, or jumped up and down: the learning rate is too high;
 * - a loss flat from the start: the model or the optimiser does not learn at all;
 * - a loss still falling at the last epoch: train longer;
 * - training far better than held-out: overfitting;
 * - a ranking metric below 0.5: the ranking is reversed.
 */
import type { Localized } from '../../core/i18n.ts';

export type Diagnosis = 'diverged' | 'rising' | 'flat' | 'still-falling' | 'overfitting' | 'converged';

export interface TrainingEvidence {
  /** The loss of each epoch, as the student's training returned it; absent or empty when it returned none. */
  loss?: readonly number[] | null;
  /** A score the grader measured on training examples (accuracy, ROC AUC), and the same on held-out ones. */
  train?: number;
  heldOut?: number;
  /** What the score is, for the hint: "accuracy", "ROC AUC". */
  scoreName?: Localized;
}

/** How far a training score may lie above the held-out score before it counts as overfitting. */
export const OVERFITTING_GAP = 0.05;

/** What the evidence says about training, or undefined when there is none to read. */
export function diagnoseTraining(evidence: TrainingEvidence): Diagnosis | undefined {
  const loss = evidence.loss ?? [];
  if (loss.some((l) => !Number.isFinite(l))) return 'diverged';
  if (loss.length >= 2) {
    const first = loss[0]!;
    const last = loss.at(-1)!;
    const lowest = Math.min(...loss);
    // Rose overall, or climbed well back up from its lowest point: steps that overshoot.
    if (last > first * 1.02 || (last - lowest > 0.25 * (first - lowest) && last > lowest * 1.5)) return 'rising';
    // Or jumped up and down over its second half without getting lower: steps too large to settle.
    const half = loss.slice(Math.floor(loss.length / 2));
    if (half.length >= 4 && (Math.max(...half) - Math.min(...half)) / Math.min(...half) > 0.3 && half.at(-1)! >= 0.9 * half[0]!) return 'rising';
    // Never more than 10 % below where it started: nothing was learned (a linear model on curved data, an
    // optimiser that does not move).
    if (first - lowest <= 0.1 * Math.abs(first)) return 'flat';
    // Over the last fifth of the epochs (at least one), the loss still fell by more than a tenth of all it had
    // fallen since the first epoch: means of the last k epochs against the k before, so that noise from one
    // epoch to the next does not count.
    const k = Math.max(1, Math.min(Math.round(loss.length / 5), Math.floor(loss.length / 2)));
    const meanOf = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const recent = meanOf(loss.slice(-k));
    const before = meanOf(loss.slice(-2 * k, -k));
    if (before - recent > 0.1 * (first - recent) && before - recent > 0.01 * recent) return 'still-falling';
  }
  if (evidence.train !== undefined && evidence.heldOut !== undefined && evidence.train - evidence.heldOut > OVERFITTING_GAP) return 'overfitting';
  return loss.length >= 2 ? 'converged' : undefined;
}

const two = (x: number) => x.toFixed(3);

/** The loss curve in short: first, lowest and last epoch. */
function curve(loss: readonly number[]): Localized {
  const shown = (l: number) => (Number.isFinite(l) ? two(l) : String(l));
  const text = loss.length <= 6 ? loss.map(shown).join(' → ') : `${loss.slice(0, 3).map(shown).join(' → ')} → … → ${loss.slice(-3).map(shown).join(' → ')}`;
  // Norwegian decimal commas are written when the hint is shown (harness.ts, t()).
  return { en: `${loss.length} epochs: ${text}`, nb: `${loss.length} epoker: ${text}` };
}

/** Said first when training returned no loss history to read. */
const NO_HISTORY: Localized = {
  en: 'Return the history of training (what `await model.fit(...)` gives), so that the grader can read the loss of each epoch and tell you what to change.',
  nb: 'Returner historikken fra treningen (det `await model.fit(...)` gir), så kan retteren lese tapet i hver epoke og si hva du bør endre.',
};

const joined = (a: Localized, b: Localized): Localized => ({ en: `${a.en} ${b.en}`, nb: `${a.nb} ${b.nb}` });

/**
 * The hints for a trained model that fell short. With evidence, every hint starts with what it says (the
 * diagnosis of this attempt), and a student who keeps failing also reads the exercise's `advice`, general to
 * specific, after it; without evidence, the advice alone, after asking for the history.
 */
export function trainingHints(evidence: TrainingEvidence, advice: Localized[]): Localized[] {
  const diagnosis = diagnoseTraining(evidence);
  if (!diagnosis) return evidence.loss?.length ? advice : [NO_HISTORY, ...advice];
  const loss = evidence.loss ?? [];
  const seen: Localized = loss.length ? curve(loss) : { en: '', nb: '' };
  const name = evidence.scoreName ?? { en: 'accuracy', nb: 'nøyaktighet' };
  const gap = evidence.train !== undefined && evidence.heldOut !== undefined ? { train: two(evidence.train), heldOut: two(evidence.heldOut) } : undefined;
  let first: Localized;
  switch (diagnosis) {
    case 'diverged':
      first = {
        en: `The loss your training returned became NaN or infinite (${seen.en}): the steps are too large and training blew up. Lower the learning rate, ten times at a time (Adam: try 0.001).`,
        nb: `Tapet treningen din returnerte ble NaN eller uendelig (${seen.nb}): stegene er for store, og treningen eksploderte. Senk læringsraten, ti ganger om gangen (Adam: prøv 0,001).`,
      };
      break;
    case 'rising':
      first = {
        en: `The loss your training returned rose, or jumped up and down, instead of falling steadily (${seen.en}): the steps overshoot the minimum. Lower the learning rate, ten times at a time.`,
        nb: `Tapet treningen din returnerte steg, eller hoppet opp og ned, i stedet for å falle jevnt (${seen.nb}): stegene skyter over minimum. Senk læringsraten, ti ganger om gangen.`,
      };
      break;
    case 'flat':
      first = {
        en: `The loss your training returned hardly moved from the first epoch (${seen.en}): the model is not learning at all. Look at the model and the optimiser: a hidden layer with an activation such as relu, a learning rate that is not tiny, and a loss that matches the last layer (sigmoid with binaryCrossentropy, softmax with categoricalCrossentropy).`,
        nb: `Tapet treningen din returnerte flyttet seg knapt fra første epoke (${seen.nb}): modellen lærer ikke i det hele tatt. Se på modellen og optimereren: et skjult lag med en aktivering som relu, en læringsrate som ikke er bitteliten, og et tap som passer siste lag (sigmoid med binaryCrossentropy, softmax med categoricalCrossentropy).`,
      };
      break;
    case 'still-falling':
      first = {
        en: `The loss your training returned was still falling at the last epoch (${seen.en}): the model had not finished learning. Train longer (more epochs), or take larger steps (a somewhat higher learning rate).`,
        nb: `Tapet treningen din returnerte falt fortsatt i siste epoke (${seen.nb}): modellen var ikke ferdig med å lære. Tren lenger (flere epoker), eller ta større steg (en noe høyere læringsrate).`,
      };
      break;
    case 'overfitting':
      first = {
        en: `The model does much better on the examples it trained on than on held-out ones (${name.en} ${gap!.train} against ${gap!.heldOut}): it learned the training examples by heart (overfitting). Use a smaller model, fewer epochs, or dropout.`,
        nb: `Modellen gjør det mye bedre på eksemplene den trente på enn på dem som er holdt utenfor (${name.nb} ${gap!.train} mot ${gap!.heldOut}): den har pugget treningseksemplene (overtilpasning). Bruk en mindre modell, færre epoker eller dropout.`,
      };
      break;
    case 'converged':
      first = {
        en: `Training settled (${seen.en})${gap ? `, and the model does about as well on training examples as on held-out ones (${name.en} ${gap.train} against ${gap.heldOut})` : ''}: it learned what it can. To do better it needs more capacity or a better fit to the data: more units or another layer, or look again at how the data is prepared.`,
        nb: `Treningen har stabilisert seg (${seen.nb})${gap ? `, og modellen gjør det omtrent like godt på treningseksempler som på dem som er holdt utenfor (${name.nb} ${gap.train} mot ${gap.heldOut})` : ''}: den har lært det den kan. For å gjøre det bedre trenger den mer kapasitet eller bedre tilpasning til dataene: flere enheter eller et lag til, eller se på nytt på hvordan dataene forberedes.`,
      };
      break;
  }
  return [first, ...advice.map((a) => joined(first, a))];
}

/**
 * The hint for a ranking metric (ROC AUC) below 0.5: the ranking is reversed, and 1 minus the scores would
 * rank the other way round. Undefined at 0.5 or above.
 */
export function reversedRankingHint(auc: number, positive: Localized): Localized | undefined {
  if (!(auc < 0.5)) return undefined;
  return {
    en: `A ROC AUC of ${two(auc)} is below 0.5, worse than chance: the ranking is reversed, the ${positive.en} score lower than the others (1 minus your scores would give ${two(1 - auc)}). Check that a higher output means ${positive.en}: the label coding (1 = ${positive.en}), the sign of a score or distance, and which class the output is the probability of.`,
    nb: `En ROC AUC på ${two(auc)} er under 0,5, dårligere enn tilfeldig: rangeringen er snudd, ${positive.nb} får lavere skår enn de andre (1 minus skårene dine ville gitt ${two(1 - auc)}). Sjekk at høyere utdata betyr ${positive.nb}: etikettkodingen (1 = ${positive.nb}), fortegnet på en skår eller avstand, og hvilken klasse utdataene er sannsynligheten for.`,
  };
}
