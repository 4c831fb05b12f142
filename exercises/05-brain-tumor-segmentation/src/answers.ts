/**
 * Concept questions of exercise 05. Answer each one by replacing `undefined` with your answer, then grade
 * again: each answer is a check worth 1 point, and after every attempt its feedback explains the idea.
 *
 * Begrepsspørsmål i oppgave 05. Svar på hvert ved å erstatte `undefined` med svaret ditt, og rett på nytt:
 * hvert svar er en sjekk verdt 1 poeng, og etter hvert forsøk forklarer tilbakemeldingen idéen.
 */

/**
 * 1. A tumour covers 2 % of a slice's pixels. Why is a segmentation of it scored with Dice rather than with
 *    pixel accuracy?
 *    'a': Dice is faster to compute
 *    'b': accuracy cannot be computed for more than two classes
 *    'c': accuracy counts the background too: a model that finds none of the tumour still scores 0.98, while
 *         Dice counts only the tumour's pixels and gives it 0
 *    'd': Dice rewards predicting a larger tumour
 *
 *    En svulst dekker 2 % av pikslene i et snitt. Hvorfor får en segmentering av den poeng etter Dice i
 *    stedet for pikselnøyaktighet?
 *    'a': Dice er raskere å regne ut
 *    'b': nøyaktighet kan ikke regnes ut for mer enn to klasser
 *    'c': nøyaktighet teller bakgrunnen også: en modell som ikke finner noe av svulsten, får likevel 0,98,
 *         mens Dice bare teller svulstens piksler og gir den 0
 *    'd': Dice belønner å predikere en større svulst
 */
export const whyDice: 'a' | 'b' | 'c' | 'd' | undefined = undefined;

/**
 * 2. What do a U-Net's skip connections carry to the decoder?
 *    'a': the loss
 *    'b': the encoder's feature maps at full resolution, with the fine detail pooling threw away, so that the
 *         decoder can place boundaries precisely
 *    'c': the true label maps
 *    'd': a copy of the encoder's weights
 *
 *    Hva fører snarveiene (skip connections) i en U-Net over til dekoderen?
 *    'a': tapet
 *    'b': enkoderens kart i full oppløsning, med detaljene pooling kastet, så dekoderen kan plassere grensene
 *         presist
 *    'c': de sanne etikettkartene
 *    'd': en kopi av enkoderens vekter
 */
export const skipConnections: 'a' | 'b' | 'c' | 'd' | undefined = undefined;
