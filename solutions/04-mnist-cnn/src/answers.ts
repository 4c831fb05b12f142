/**
 * Concept questions of exercise 04. Answer each one by replacing `undefined` with your answer, then grade
 * again: each answer is a check worth 1 point, and after every attempt its feedback explains the idea.
 *
 * Begrepsspørsmål i oppgave 04. Svar på hvert ved å erstatte `undefined` med svaret ditt, og rett på nytt:
 * hvert svar er en sjekk verdt 1 poeng, og etter hvert forsøk forklarer tilbakemeldingen idéen.
 */

/**
 * 1. A CNN's second layer is a conv2d with 32 filters of 5x5, reading the 16 channels the first layer made.
 *    How many trainable parameters (weights and biases) does it have? A whole number.
 *
 *    Det andre laget i et CNN er et conv2d med 32 filtre på 5x5, som leser de 16 kanalene det første laget
 *    laget. Hvor mange trenbare parametere (vekter og konstantledd) har det? Et heltall.
 */
// BEGIN SOLUTION
// STUB: export const secondConvParameters: number | undefined = undefined;
export const secondConvParameters: number | undefined = 12_832;
// END SOLUTION

/**
 * 2. A 28x28 image goes through conv2d with a 5x5 kernel ('valid', stride 1), then maxPooling2d with a 2x2
 *    window and stride 2. What is the height after pooling? A whole number.
 *
 *    Et bilde på 28x28 går gjennom conv2d med en 5x5-kjerne ('valid', steg 1), så maxPooling2d med et
 *    2x2-vindu og steg 2. Hvor høyt er det etter pooling? Et heltall.
 */
// BEGIN SOLUTION
// STUB: export const pooledHeight: number | undefined = undefined;
export const pooledHeight: number | undefined = 12;
// END SOLUTION

/**
 * 3. Why does a CNN read digits better than an MLP, with fewer parameters?
 *    'a': it has more layers
 *    'b': its small filters look at neighbouring pixels and are shared over the whole image, so a pattern is
 *         learnt once and found anywhere
 *    'c': it ends in a softmax
 *    'd': it is trained on more images
 *
 *    Hvorfor leser et CNN sifre bedre enn en MLP, med færre parametere?
 *    'a': det har flere lag
 *    'b': de små filtrene ser på nabopiksler og deles over hele bildet, så et mønster læres én gang og finnes
 *         hvor som helst
 *    'c': det slutter med softmax
 *    'd': det trenes på flere bilder
 */
// BEGIN SOLUTION
// STUB: export const whyCnn: 'a' | 'b' | 'c' | 'd' | undefined = undefined;
export const whyCnn: 'a' | 'b' | 'c' | 'd' | undefined = 'b';
// END SOLUTION
