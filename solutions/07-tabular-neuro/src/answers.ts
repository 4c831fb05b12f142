/**
 * Concept questions of exercise 07. Answer each one by replacing `undefined` with your answer, then grade
 * again: each answer is a check worth 1 point, and after every attempt its feedback explains the idea.
 *
 * Begrepsspørsmål i oppgave 07. Svar på hvert ved å erstatte `undefined` med svaret ditt, og rett på nytt:
 * hvert svar er en sjekk verdt 1 poeng, og etter hvert forsøk forklarer tilbakemeldingen idéen.
 */

/**
 * 1. A screening test for dementia is held at 90 % specificity, where its sensitivity is 0.7. In a cohort of
 *    200 healthy participants and 40 with dementia, how many participants does it flag (call positive) in
 *    all? A whole number.
 *
 *    En screeningtest for demens holdes på 90 % spesifisitet, der sensitiviteten er 0,7. I en kohort med 200
 *    friske deltakere og 40 med demens, hvor mange deltakere markerer den (kaller positive) til sammen? Et
 *    heltall.
 */
// BEGIN SOLUTION
// STUB: export const flaggedInAll: number | undefined = undefined;
export const flaggedInAll: number | undefined = 48;
// END SOLUTION

/**
 * 2. A held-out participant's MMSE is missing. Which rows should the median that fills it in come from?
 *    'a': the training rows only
 *    'b': all rows, held-out ones included
 *    'c': the participant's own other values
 *    'd': none: use 0
 *
 *    MMSE mangler for en deltaker som er holdt utenfor. Hvilke rader skal medianen som fyller den inn, komme
 *    fra?
 *    'a': bare treningsradene
 *    'b': alle radene, også de som er holdt utenfor
 *    'c': deltakerens egne andre verdier
 *    'd': ingen: bruk 0
 */
// BEGIN SOLUTION
// STUB: export const fillFrom: 'a' | 'b' | 'c' | 'd' | undefined = undefined;
export const fillFrom: 'a' | 'b' | 'c' | 'd' | undefined = 'a';
// END SOLUTION

/**
 * 3. Shuffling the MMSE column lowers the model's ROC AUC from 0.92 to 0.70; shuffling handedness changes
 *    nothing. What follows?
 *    'a': a low MMSE causes dementia
 *    'b': the model relies on MMSE and not on handedness: shuffling breaks MMSE's link to the outcome, and
 *         the ranking suffers
 *    'c': handedness should be removed from the cohort
 *    'd': the model is overfitted
 *
 *    Å stokke MMSE-kolonnen senker ROC AUC for modellen fra 0,92 til 0,70; å stokke hendthet endrer
 *    ingenting. Hva følger av det?
 *    'a': lav MMSE forårsaker demens
 *    'b': modellen lener seg på MMSE og ikke på hendthet: stokkingen bryter koblingen mellom MMSE og
 *         utfallet, og rangeringen blir dårligere
 *    'c': hendthet bør fjernes fra kohorten
 *    'd': modellen er overtilpasset
 */
// BEGIN SOLUTION
// STUB: export const permutationMeaning: 'a' | 'b' | 'c' | 'd' | undefined = undefined;
export const permutationMeaning: 'a' | 'b' | 'c' | 'd' | undefined = 'b';
// END SOLUTION
