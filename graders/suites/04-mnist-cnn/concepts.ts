/** The concept questions of 04-mnist-cnn and their answers (src/answers.ts asks them; only the grader knows these). */
import type { ConceptQuestion } from '../../src/suite/kit/concepts.ts';

export const QUESTIONS: ConceptQuestion[] = [
  {
    id: 'concept.conv-parameters',
    name: 'secondConvParameters',
    kind: 'number',
    correct: 12832,
    tolerance: 0,
    explanation: {
      en: 'Each filter sees a 5x5 window in every one of the 16 input channels (5 * 5 * 16 weights) and has one bias; there is one such filter per output channel. The count does not depend on the image size, since each filter is shared by every position.',
      nb: 'Hvert filter ser et 5x5-vindu i hver av de 16 inndatakanalene (5 * 5 * 16 vekter) og har ett konstantledd; det er ett slikt filter per utdatakanal. Antallet avhenger ikke av bildestørrelsen, siden hvert filter deles av alle posisjoner.',
    },
  },
  {
    id: 'concept.output-size',
    name: 'pooledHeight',
    kind: 'number',
    correct: 12,
    tolerance: 0,
    explanation: {
      en: "A 'valid' convolution loses k - 1 rows: 28 - 5 + 1. Pooling with a 2x2 window and stride 2 halves what is left (rounding down). model.summary() prints every layer's output shape, so you can check your own model's sizes.",
      nb: "En 'valid'-konvolusjon mister k - 1 rader: 28 - 5 + 1. Pooling med et 2x2-vindu og steg 2 halverer det som er igjen (rundet ned). model.summary() skriver ut utdataformen til hvert lag, så du kan sjekke størrelsene i din egen modell.",
    },
  },
  {
    id: 'concept.why-cnn',
    name: 'whyCnn',
    kind: 'choice',
    options: ['a', 'b', 'c', 'd'],
    correct: 'b',
    because: {
      c: {
        en: 'The MLP ends in the same softmax.',
        nb: 'MLP-en slutter med den samme softmax-en.',
      },
      d: {
        en: 'Both are trained on the same 60,000 images here.',
        nb: 'Begge trenes på de samme 60 000 bildene her.',
      },
      a: {
        en: 'Depth alone does not do it: an MLP can have as many layers.',
        nb: 'Dybde alene gjør det ikke: en MLP kan ha like mange lag.',
      },
    },
    explanation: {
      en: 'Two ideas: locality (a filter looks at a small neighbourhood, where edges and strokes are) and weight sharing (the same filter at every position). Together they need far fewer parameters than connecting every pixel to every unit, and they build in that a pattern means the same wherever it appears.',
      nb: 'To idéer: lokalitet (et filter ser på et lite nabolag, der kanter og streker er) og vektdeling (det samme filteret i hver posisjon). Sammen trenger de langt færre parametere enn å koble hver piksel til hver enhet, og de bygger inn at et mønster betyr det samme uansett hvor det dukker opp.',
    },
  },
];
