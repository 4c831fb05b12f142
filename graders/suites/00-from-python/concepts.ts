/** The concept questions of 00-from-python and their answers (src/answers.ts asks them; only the grader knows these). */
import type { ConceptQuestion } from '../../src/suite/kit/concepts.ts';

export const QUESTIONS: ConceptQuestion[] = [
  {
    id: 'concept.parameters',
    name: 'parameterCount',
    kind: 'number',
    correct: 33,
    tolerance: 0,
    explanation: {
      en: 'A Dense layer from n inputs to m units learns one weight per input and unit (n * m) and one bias per unit (m): 2 -> 8 has 2 * 8 + 8, and 8 -> 1 has 8 * 1 + 1. `model.summary()` prints the count of every layer.',
      nb: 'Et Dense-lag fra n innganger til m enheter lærer én vekt per inngang og enhet (n * m) og ett konstantledd per enhet (m): 2 -> 8 har 2 * 8 + 8, og 8 -> 1 har 8 * 1 + 1. `model.summary()` skriver ut antallet for hvert lag.',
    },
  },
  {
    id: 'concept.steps-per-epoch',
    name: 'stepsPerEpoch',
    kind: 'number',
    correct: 13,
    tolerance: 0,
    explanation: {
      en: 'An epoch is one pass over all training examples, in batches of batchSize; after each batch, backpropagation computes the gradients and the optimiser updates every weight once. 400 examples in batches of 32 make 12 full batches and one last batch of 16.',
      nb: 'En epoke er én runde gjennom alle treningseksemplene, i bunter på batchSize; etter hver bunt regner tilbakepropageringen ut gradientene, og optimereren oppdaterer hver vekt én gang. 400 eksempler i bunter på 32 gir 12 hele bunter og én siste bunt på 16.',
    },
  },
];
