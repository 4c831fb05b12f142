/** The concept questions of 01-mnist-data and their answers (src/answers.ts asks them; only the grader knows these). */
import type { ConceptQuestion } from '../../src/suite/kit/concepts.ts';

export const QUESTIONS: ConceptQuestion[] = [
  {
    id: 'concept.scaling-statistics',
    name: 'scalingStatistics',
    kind: 'choice',
    options: ['a', 'b', 'c', 'd'],
    correct: 'a',
    because: {
      b: {
        en: 'Then the test images shape how the training data are scaled: information from the test set leaks into training.',
        nb: 'Da påvirker testbildene hvordan treningsdataene skaleres: informasjon fra testsettet lekker inn i treningen.',
      },
    },
    explanation: {
      en: 'The test set stands in for patients the model has not met yet: nothing about it may shape training. Everything fitted to data (means, standard deviations, medians for missing values) comes from the training part and is then applied, unchanged, to validation and test data.',
      nb: 'Testsettet står for pasienter modellen ikke har møtt ennå: ingenting ved det skal påvirke treningen. Alt som tilpasses data (gjennomsnitt, standardavvik, medianer for manglende verdier) kommer fra treningsdelen og brukes så, uendret, på validerings- og testdata.',
    },
  },
  {
    id: 'concept.stratify',
    name: 'whyStratify',
    kind: 'choice',
    options: ['a', 'b', 'c', 'd'],
    correct: 'b',
    because: {
      a: {
        en: 'A plain random split is random too; stratifying is about the shares of each class.',
        nb: 'En vanlig tilfeldig deling er også tilfeldig; stratifisering handler om andelen av hver klasse.',
      },
      d: {
        en: 'Any split puts each image in one part only; that is not what stratifying adds.',
        nb: 'Enhver deling legger hvert bilde i bare én del; det er ikke det stratifisering tilfører.',
      },
    },
    explanation: {
      en: 'A stratified split draws the same share of each class into each part. With a rare class (a rare diagnosis, say) a plain random split can leave the validation part with too few of it, and the accuracy measured there then says little about that class.',
      nb: 'En stratifisert deling trekker samme andel av hver klasse inn i hver del. Med en sjelden klasse (for eksempel en sjelden diagnose) kan en vanlig tilfeldig deling gi valideringsdelen for få av den, og nøyaktigheten målt der sier da lite om den klassen.',
    },
  },
];
