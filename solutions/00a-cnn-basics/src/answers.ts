/**
 * Concept questions of exercise 00a. Answer each one by replacing `undefined` with your answer, then grade
 * again: each answer is a check worth 1 point, and after every attempt its feedback explains the idea.
 *
 * Begrepsspørsmål i oppgave 00a. Svar på hvert ved å erstatte `undefined` med svaret ditt, og rett på nytt:
 * hvert svar er en sjekk verdt 1 poeng, og etter hvert forsøk forklarer tilbakemeldingen idéen.
 */

/**
 * 1. A conv2d layer has 16 filters of 3x3 and reads an input with 8 channels. How many trainable parameters
 *    (weights and biases) does it have? A whole number.
 *
 *    Et conv2d-lag har 16 filtre på 3x3 og leser inndata med 8 kanaler. Hvor mange trenbare parametere
 *    (vekter og konstantledd) har det? Et heltall.
 */
// BEGIN SOLUTION
// STUB: export const convParameters: number | undefined = undefined;
export const convParameters: number | undefined = 1168;
// END SOLUTION

/**
 * 2. A 256x256 MRI slice goes through a convolution with a 5x5 kernel, stride 2 and 'valid' padding. What is
 *    the height of its output? A whole number.
 *
 *    Et MR-snitt på 256x256 går gjennom en konvolusjon med en 5x5-kjerne, steg 2 og 'valid'-utfylling. Hvor
 *    høyt blir utdataene? Et heltall.
 */
// BEGIN SOLUTION
// STUB: export const outputHeight: number | undefined = undefined;
export const outputHeight: number | undefined = 126;
// END SOLUTION
