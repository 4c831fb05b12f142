/**
 * Concept questions of exercise 01. Answer each one by replacing `undefined` with your answer, then grade
 * again: each answer is a check worth 1 point, and after every attempt its feedback explains the idea.
 *
 * Begrepsspørsmål i oppgave 01. Svar på hvert ved å erstatte `undefined` med svaret ditt, og rett på nytt:
 * hvert svar er en sjekk verdt 1 poeng, og etter hvert forsøk forklarer tilbakemeldingen idéen.
 */

/**
 * 1. You standardise pixels with (x - mean) / std before training. Which images should that mean and standard
 *    deviation be computed from?
 *    'a': the training images only
 *    'b': all 70,000 images, test images included
 *    'c': each image's own pixels
 *    'd': the test images only
 *
 *    Du standardiserer piksler med (x - mean) / std før trening. Hvilke bilder skal gjennomsnittet og
 *    standardavviket regnes ut fra?
 *    'a': bare treningsbildene
 *    'b': alle 70 000 bildene, testbildene med
 *    'c': hvert bildes egne piksler
 *    'd': bare testbildene
 */
export const scalingStatistics: 'a' | 'b' | 'c' | 'd' | undefined = undefined;

/**
 * 2. Why split the training images into training and validation stratified by digit?
 *    'a': so that the split is random
 *    'b': so that each digit keeps its share in both parts, and the validation accuracy is not skewed by a
 *         part short of one class
 *    'c': so that training is faster
 *    'd': so that no image is in both parts
 *
 *    Hvorfor dele treningsbildene i trening og validering stratifisert etter siffer?
 *    'a': så delingen blir tilfeldig
 *    'b': så hvert siffer beholder sin andel i begge deler, og valideringsnøyaktigheten ikke skjevforskyves
 *         av en del som mangler en klasse
 *    'c': så treningen går raskere
 *    'd': så ingen bilder havner i begge deler
 */
export const whyStratify: 'a' | 'b' | 'c' | 'd' | undefined = undefined;
