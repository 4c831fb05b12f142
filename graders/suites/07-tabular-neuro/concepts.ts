/** The concept questions of 07-tabular-neuro and their answers (src/answers.ts asks them; only the grader knows these). */
import type { ConceptQuestion } from '../../src/suite/kit/concepts.ts';

export const QUESTIONS: ConceptQuestion[] = [
  {
    id: 'concept.operating-point',
    name: 'flaggedInAll',
    kind: 'number',
    correct: 48,
    tolerance: 0,
    explanation: {
      en: 'Sensitivity is the share of the sick who are flagged; specificity the share of the healthy who are not. So the flagged are the true positives (sensitivity * the sick) plus the false positives ((1 - specificity) * the healthy). In a cohort with more healthy people, the false positives can be a large part of everyone flagged.',
      nb: 'Sensitivitet er andelen av de syke som markeres; spesifisitet andelen av de friske som ikke markeres. De markerte er altså de sanne positive (sensitivitet * de syke) pluss de falske positive ((1 - spesifisitet) * de friske). I en kohort med flere friske kan de falske positive være en stor del av alle som markeres.',
    },
  },
  {
    id: 'concept.imputation',
    name: 'fillFrom',
    kind: 'choice',
    options: ['a', 'b', 'c', 'd'],
    correct: 'a',
    because: {
      b: {
        en: 'Then the held-out participants shape how the data are prepared: leakage.',
        nb: 'Da former deltakerne som er holdt utenfor, hvordan dataene forberedes: lekkasje.',
      },
      d: {
        en: "0 is far outside MMSE's usual range (24-30 in the healthy) and would look like severe dementia.",
        nb: '0 ligger langt utenfor vanlig MMSE (24-30 hos friske) og ville sett ut som alvorlig demens.',
      },
    },
    explanation: {
      en: 'Filling in is a statistic fitted to data, like scaling: it comes from the training rows and is applied unchanged to every row. Recording that a value was missing (a column of 0/1) keeps the information that it was, which can itself be telling.',
      nb: 'Utfylling er en statistikk tilpasset data, som skalering: den kommer fra treningsradene og brukes uendret på hver rad. Å registrere at en verdi manglet (en kolonne med 0/1) tar vare på den informasjonen, som i seg selv kan si noe.',
    },
  },
  {
    id: 'concept.permutation',
    name: 'permutationMeaning',
    kind: 'choice',
    options: ['a', 'b', 'c', 'd'],
    correct: 'b',
    because: {
      a: {
        en: 'Importance describes what the model uses, not what causes the disease: MMSE is a symptom measure.',
        nb: 'Viktighet beskriver hva modellen bruker, ikke hva som forårsaker sykdommen: MMSE måler symptomer.',
      },
    },
    explanation: {
      en: "Permutation importance asks how much worse the model ranks when one column's values are shuffled between participants, keeping their distribution but breaking their link to the outcome. A large drop means the model depends on that column; it says nothing about cause.",
      nb: 'Permutasjonsviktighet spør hvor mye dårligere modellen rangerer når verdiene i én kolonne stokkes mellom deltakerne, slik at fordelingen beholdes, men koblingen til utfallet brytes. Et stort fall betyr at modellen er avhengig av kolonnen; det sier ingenting om årsak.',
    },
  },
];
