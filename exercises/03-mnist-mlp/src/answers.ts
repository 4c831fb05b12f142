/**
 * Concept questions of exercise 03. Answer each one by replacing `undefined` with your answer, then grade
 * again: each answer is a check worth 1 point, and after every attempt its feedback explains the idea.
 *
 * Begrepsspørsmål i oppgave 03. Svar på hvert ved å erstatte `undefined` med svaret ditt, og rett på nytt:
 * hvert svar er en sjekk verdt 1 poeng, og etter hvert forsøk forklarer tilbakemeldingen idéen.
 */

/**
 * 1. How many trainable parameters (weights and biases) has an MLP 784 -> 64 (relu) -> 32 (relu) -> 10
 *    (softmax)? A whole number.
 *
 *    Hvor mange trenbare parametere (vekter og konstantledd) har en MLP 784 -> 64 (relu) -> 32 (relu) -> 10
 *    (softmax)? Et heltall.
 */
export const mlpParameters: number | undefined = undefined;

/**
 * 2. Why does each hidden Dense layer need a non-linear activation such as relu?
 *    'a': it makes training faster
 *    'b': without it, stacked Dense layers collapse into one linear map and cannot learn curved boundaries
 *         between classes
 *    'c': it turns the scores into probabilities
 *    'd': it prevents overfitting
 *
 *    Hvorfor trenger hvert skjulte Dense-lag en ikke-lineær aktivering som relu?
 *    'a': den gjør treningen raskere
 *    'b': uten den slår stablede Dense-lag seg sammen til én lineær avbildning og kan ikke lære buede grenser
 *         mellom klassene
 *    'c': den gjør poengsummene om til sannsynligheter
 *    'd': den hindrer overtilpasning
 */
export const whyActivation: 'a' | 'b' | 'c' | 'd' | undefined = undefined;

/**
 * 3. An MLP that reads digits well does worse when the same digits are shifted a few pixels to the side. Why?
 *    'a': the shifted images are darker
 *    'b': the softmax cannot handle shifted images
 *    'c': each weight belongs to one pixel position: after flattening, a shifted digit meets other weights,
 *         and the MLP does not know which pixels are neighbours
 *    'd': it needs more epochs
 *
 *    En MLP som leser sifre godt, gjør det dårligere når de samme sifrene flyttes noen piksler til siden.
 *    Hvorfor?
 *    'a': de flyttede bildene er mørkere
 *    'b': softmax takler ikke flyttede bilder
 *    'c': hver vekt hører til én pikselposisjon: etter utflating møter et flyttet siffer andre vekter, og
 *         MLP-en vet ikke hvilke piksler som er naboer
 *    'd': den trenger flere epoker
 */
export const shiftedDigit: 'a' | 'b' | 'c' | 'd' | undefined = undefined;
