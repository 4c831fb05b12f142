/**
 * Concept questions of exercise 00b. Answer each one by replacing `undefined` with your answer, then grade
 * again: each answer is a check worth 1 point, and after every attempt its feedback explains the idea.
 *
 * Begrepsspørsmål i oppgave 00b. Svar på hvert ved å erstatte `undefined` med svaret ditt, og rett på nytt:
 * hvert svar er en sjekk verdt 1 poeng, og etter hvert forsøk forklarer tilbakemeldingen idéen.
 */

/**
 * 1. What does backpropagation compute?
 *    'a': the loss of the model on one batch
 *    'b': the gradient of the loss with respect to every weight, layer by layer from the output back to the
 *         input, by the chain rule
 *    'c': the new value of every weight
 *    'd': the best learning rate for the next step
 *
 *    Hva regner tilbakepropagering ut?
 *    'a': tapet til modellen på én bunt
 *    'b': gradienten til tapet med hensyn på hver vekt, lag for lag fra utgangen tilbake til inngangen, med
 *         kjerneregelen
 *    'c': den nye verdien til hver vekt
 *    'd': den beste læringsraten for neste steg
 */
// BEGIN SOLUTION
// STUB: export const backpropagation: 'a' | 'b' | 'c' | 'd' | undefined = undefined;
export const backpropagation: 'a' | 'b' | 'c' | 'd' | undefined = 'b';
// END SOLUTION

/**
 * 2. Put the parts of one training step in order, first to last: 'update' (the optimiser changes the
 *    weights), 'loss' (compare the predictions with the labels), 'gradients' (backpropagation), 'forward'
 *    (predict the batch).
 *
 *    Sett delene av ett treningssteg i rekkefølge, første til siste: 'update' (optimereren endrer vektene),
 *    'loss' (sammenlign prediksjonene med fasiten), 'gradients' (tilbakepropagering), 'forward' (prediker
 *    bunten).
 */
// BEGIN SOLUTION
// STUB: export const trainingStep: ('update' | 'loss' | 'gradients' | 'forward')[] | undefined = undefined;
export const trainingStep: ('update' | 'loss' | 'gradients' | 'forward')[] | undefined = ['forward', 'loss', 'gradients', 'update'];
// END SOLUTION
