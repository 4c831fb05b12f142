/**
 * Concept questions of exercise 06. Answer each one by replacing `undefined` with your answer, then grade
 * again: each answer is a check worth 1 point, and after every attempt its feedback explains the idea.
 *
 * Begrepsspørsmål i oppgave 06. Svar på hvert ved å erstatte `undefined` med svaret ditt, og rett på nytt:
 * hvert svar er en sjekk verdt 1 poeng, og etter hvert forsøk forklarer tilbakemeldingen idéen.
 */

/**
 * 1. A model's ROC AUC on held-out patients is 0.5. What does that mean?
 *    'a': it is right for half of the patients
 *    'b': it ranks a random malignant case above a random benign one no more often than a coin toss would: it
 *         cannot rank at all
 *    'c': its threshold is 0.5
 *    'd': half of its probabilities are above 0.5
 *
 *    ROC AUC for en modell på pasienter holdt utenfor er 0,5. Hva betyr det?
 *    'a': den har rett for halvparten av pasientene
 *    'b': den rangerer et tilfeldig ondartet tilfelle over et tilfeldig godartet ikke oftere enn et myntkast
 *         ville: den kan ikke rangere i det hele tatt
 *    'c': terskelen dens er 0,5
 *    'd': halvparten av sannsynlighetene dens er over 0,5
 */
export const aucOfHalf: 'a' | 'b' | 'c' | 'd' | undefined = undefined;

/**
 * 2. Another model's ROC AUC is 0.2. What is the most useful conclusion?
 *    'a': it is worse than useless and should be thrown away
 *    'b': its ranking is reversed: 1 minus its scores would give 0.8, so look for a flipped label or sign
 *    'c': it is overfitted
 *    'd': it needs more epochs
 *
 *    ROC AUC for en annen modell er 0,2. Hva er den mest nyttige konklusjonen?
 *    'a': den er verre enn ubrukelig og bør kastes
 *    'b': rangeringen er snudd: 1 minus skårene ville gitt 0,8, så se etter en snudd etikett eller et snudd
 *         fortegn
 *    'c': den er overtilpasset
 *    'd': den trenger flere epoker
 */
export const aucBelowHalf: 'a' | 'b' | 'c' | 'd' | undefined = undefined;

/**
 * 3. A pipeline: (1) standardise every column with the mean and std of the whole table, (2) split into
 *    training and test patients, (3) train, (4) measure ROC AUC on the test patients. Where does leakage
 *    enter?
 *    'a': in step 1: the test patients' values shape the scaling of the training data, before the split
 *    'b': in step 3: training always leaks
 *    'c': nowhere: the order of the steps does not matter
 *    'd': in step 4: measuring on test patients leaks
 *
 *    En pipeline: (1) standardiser hver kolonne med gjennomsnitt og standardavvik for hele tabellen, (2) del
 *    i trenings- og testpasienter, (3) tren, (4) mål ROC AUC på testpasientene. Hvor kommer lekkasjen inn?
 *    'a': i steg 1: testpasientenes verdier former skaleringen av treningsdataene, før delingen
 *    'b': i steg 3: trening lekker alltid
 *    'c': ingen steder: rekkefølgen på stegene spiller ingen rolle
 *    'd': i steg 4: å måle på testpasienter lekker
 */
export const leakage: 'a' | 'b' | 'c' | 'd' | undefined = undefined;

/**
 * 4. When does a pretrained in-context model for tables (in the spirit of TabPFN) help most?
 *    'a': on a small table (hundreds of patients, tens of columns), where a network trained from scratch
 *         overfits and there are too few patients to tune it
 *    'b': on a table of millions of rows
 *    'c': on images
 *    'd': when the labels of the training patients are missing
 *
 *    Når hjelper en forhåndstrent modell i kontekst for tabeller (i TabPFNs ånd) mest?
 *    'a': på en liten tabell (hundrevis av pasienter, titalls kolonner), der et nettverk trent fra bunnen av
 *         overtilpasser og det er for få pasienter til å justere det
 *    'b': på en tabell med millioner av rader
 *    'c': på bilder
 *    'd': når etikettene til treningspasientene mangler
 */
export const inContextHelps: 'a' | 'b' | 'c' | 'd' | undefined = undefined;
