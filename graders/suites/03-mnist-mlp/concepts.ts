/** The concept questions of 03-mnist-mlp and their answers (src/answers.ts asks them; only the grader knows these). */
import type { ConceptQuestion } from '../../src/suite/kit/concepts.ts';

export const QUESTIONS: ConceptQuestion[] = [
  {
    id: 'concept.mlp-parameters',
    name: 'mlpParameters',
    kind: 'number',
    correct: 52650,
    tolerance: 0,
    explanation: {
      en: 'A Dense layer from n inputs to m units has n * m weights and m biases. Add the three layers; almost all parameters sit in the first one, because every one of the 784 pixels is connected to every hidden unit.',
      nb: 'Et Dense-lag fra n innganger til m enheter har n * m vekter og m konstantledd. Legg sammen de tre lagene; nesten alle parameterne sitter i det første, fordi hver av de 784 pikslene er koblet til hver skjulte enhet.',
    },
  },
  {
    id: 'concept.activation',
    name: 'whyActivation',
    kind: 'choice',
    options: ['a', 'b', 'c', 'd'],
    correct: 'b',
    because: {
      c: {
        en: "That is the softmax on the last layer, not the hidden layers' activation.",
        nb: 'Det er softmax i siste lag, ikke aktiveringen i de skjulte lagene.',
      },
      d: {
        en: 'Dropout, smaller models and early stopping fight overfitting; an activation adds capacity instead.',
        nb: 'Dropout, mindre modeller og tidlig stopp motvirker overtilpasning; en aktivering gir tvert imot mer kapasitet.',
      },
    },
    explanation: {
      en: 'A Dense layer computes x @ W + b, a linear map, and two linear maps in a row are one linear map (x @ W1 @ W2 is x @ (W1 @ W2)). Only a non-linearity between them lets depth add something: bends, and so curved boundaries between the classes.',
      nb: 'Et Dense-lag regner ut x @ W + b, en lineær avbildning, og to lineære avbildninger etter hverandre er én lineær avbildning (x @ W1 @ W2 er x @ (W1 @ W2)). Bare en ikke-linearitet mellom dem lar dybden tilføre noe: knekker, og dermed buede grenser mellom klassene.',
    },
  },
  {
    id: 'concept.flattening',
    name: 'shiftedDigit',
    kind: 'choice',
    options: ['a', 'b', 'c', 'd'],
    correct: 'c',
    explanation: {
      en: 'Flattening turns the image into 784 numbers in a fixed order, and the MLP learns a weight per position: a stroke moved by three pixels lands on weights that never saw it. A convolution slides the same small filter over every position, so a pattern learnt in one place is recognised anywhere (exercise 04).',
      nb: 'Utflating gjør bildet om til 784 tall i fast rekkefølge, og MLP-en lærer en vekt per posisjon: en strek flyttet tre piksler havner på vekter som aldri har sett den. En konvolusjon flytter det samme lille filteret over hver posisjon, så et mønster som er lært ett sted, kjennes igjen overalt (oppgave 04).',
    },
  },
];
