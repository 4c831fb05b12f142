/**
 * Concept questions of exercise 00. Answer each one by replacing `undefined` with your answer, then grade
 * again: each answer is a check worth 1 point, and after every attempt its feedback explains the idea.
 *
 * Begrepsspørsmål i oppgave 00. Svar på hvert ved å erstatte `undefined` med svaret ditt, og rett på nytt:
 * hvert svar er en sjekk verdt 1 poeng, og etter hvert forsøk forklarer tilbakemeldingen idéen.
 */

/**
 * 1. Your model could be 2 -> 8 (relu) -> 1 (sigmoid): two Dense layers, like nn.Linear(2, 8) and
 *    nn.Linear(8, 1). How many trainable parameters (weights and biases) does it have? A whole number.
 *
 *    Modellen din kan være 2 -> 8 (relu) -> 1 (sigmoid): to Dense-lag, som nn.Linear(2, 8) og
 *    nn.Linear(8, 1). Hvor mange trenbare parametere (vekter og konstantledd) har den? Et heltall.
 */
// BEGIN SOLUTION
// STUB: export const parameterCount: number | undefined = undefined;
export const parameterCount: number | undefined = 33;
// END SOLUTION

/**
 * 2. `model.fit(xs, ys, { epochs: 1, batchSize: 32 })` on 400 training patients: how many times does the
 *    optimiser update the weights during that one epoch? A whole number.
 *
 *    `model.fit(xs, ys, { epochs: 1, batchSize: 32 })` på 400 treningspasienter: hvor mange ganger
 *    oppdaterer optimereren vektene i løpet av den ene epoken? Et heltall.
 */
// BEGIN SOLUTION
// STUB: export const stepsPerEpoch: number | undefined = undefined;
export const stepsPerEpoch: number | undefined = 13;
// END SOLUTION
