/** The concept questions of 00a-cnn-basics and their answers (src/answers.ts asks them; only the grader knows these). */
import type { ConceptQuestion } from '../../src/suite/kit/concepts.ts';

export const QUESTIONS: ConceptQuestion[] = [
  {
    id: 'concept.conv-parameters',
    name: 'convParameters',
    kind: 'number',
    correct: 1168,
    tolerance: 0,
    explanation: {
      en: 'Each filter has one weight for every position of its window in every input channel (kernel height * kernel width * input channels) and one bias; the layer has that many for each filter. The image size does not appear: the same filter slides over every position, which is why a convolution needs so few parameters.',
      nb: 'Hvert filter har én vekt for hver posisjon i vinduet i hver inndatakanal (kjernehøyde * kjernebredde * inndatakanaler) og ett konstantledd; laget har så mange for hvert filter. Bildestørrelsen er ikke med: det samme filteret flyttes over hver posisjon, og derfor trenger en konvolusjon så få parametere.',
    },
  },
  {
    id: 'concept.output-size',
    name: 'outputHeight',
    kind: 'number',
    correct: 126,
    tolerance: 0,
    explanation: {
      en: "With 'valid' the window must fit inside the image: it starts at 0, s, 2s, ... and the last start is at most n - k, so there are floor((n - k) / s) + 1 positions. With 'same', zero padding lets every start inside the image count: ceil(n / s).",
      nb: "Med 'valid' må vinduet få plass inne i bildet: det starter i 0, s, 2s, ... og siste start er høyst n - k, så det blir floor((n - k) / s) + 1 posisjoner. Med 'same' gjør utfylling med nuller at hver start inne i bildet teller: ceil(n / s).",
    },
  },
];
