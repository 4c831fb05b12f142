/**
 * Concept questions of exercise 02. Answer each one by replacing `undefined` with your answer, then grade
 * again: each answer is a check worth 1 point, and after every attempt its feedback explains the idea.
 *
 * Begrepsspørsmål i oppgave 02. Svar på hvert ved å erstatte `undefined` med svaret ditt, og rett på nytt:
 * hvert svar er en sjekk verdt 1 poeng, og etter hvert forsøk forklarer tilbakemeldingen idéen.
 */

/**
 * 1. Rank the three models of this lab by their accuracy on MNIST's 10,000 test images, best first: 'forest'
 *    (exercise 02), 'mlp' (03), 'cnn' (04).
 *
 *    Ranger de tre modellene i denne laben etter nøyaktigheten på de 10 000 testbildene i MNIST, best først:
 *    'forest' (oppgave 02), 'mlp' (03), 'cnn' (04).
 */
export const mnistAccuracyRanking: ('forest' | 'mlp' | 'cnn')[] | undefined = undefined;

/**
 * 2. When does deep learning pay off over a random forest?
 *    'a': a table of 300 patients with 10 measured values
 *    'b': thousands of images, where the useful features (edges, shapes, textures) must be learnt from the
 *         pixels
 *    'c': whenever the model must be explained to a clinician
 *    'd': when training must take seconds on a laptop
 *
 *    Når lønner dyp læring seg framfor en random forest?
 *    'a': en tabell med 300 pasienter og 10 målte verdier
 *    'b': tusenvis av bilder, der de nyttige trekkene (kanter, former, teksturer) må læres fra pikslene
 *    'c': alltid når modellen må forklares for en kliniker
 *    'd': når treningen må ta sekunder på en bærbar
 */
export const whenDeepLearning: 'a' | 'b' | 'c' | 'd' | undefined = undefined;
