/** The concept questions of 06-tabular-dl and their answers (src/answers.ts asks them; only the grader knows these). */
import type { ConceptQuestion } from '../../src/suite/kit/concepts.ts';

export const QUESTIONS: ConceptQuestion[] = [
  {
    id: 'concept.auc-half',
    name: 'aucOfHalf',
    kind: 'choice',
    options: ['a', 'b', 'c', 'd'],
    correct: 'b',
    because: {
      a: {
        en: 'ROC AUC is not an accuracy: it does not count right answers at one threshold.',
        nb: 'ROC AUC er ikke en nøyaktighet: den teller ikke riktige svar ved én terskel.',
      },
      c: {
        en: 'ROC AUC looks at every threshold at once; it has no threshold of its own.',
        nb: 'ROC AUC ser på alle terskler samtidig; den har ingen egen terskel.',
      },
    },
    explanation: {
      en: 'ROC AUC is the share of (malignant, benign) pairs the model ranks the right way round, ties counting a half. 1 is a perfect ranking, 0.5 is chance: the scores carry no information about the diagnosis.',
      nb: 'ROC AUC er andelen (ondartet, godartet)-par som modellen rangerer riktig vei, der likhet teller en halv. 1 er en perfekt rangering, 0,5 er tilfeldig: skårene bærer ingen informasjon om diagnosen.',
    },
  },
  {
    id: 'concept.auc-below-half',
    name: 'aucBelowHalf',
    kind: 'choice',
    options: ['a', 'b', 'c', 'd'],
    correct: 'b',
    because: {
      a: {
        en: 'A model that ranks consistently the wrong way holds real information: turned round, it ranks well.',
        nb: 'En modell som konsekvent rangerer feil vei, har ekte informasjon: snudd rundt rangerer den godt.',
      },
      c: {
        en: 'An overfitted model drifts towards 0.5 on held-out patients, not below it.',
        nb: 'En overtilpasset modell glir mot 0,5 på pasienter holdt utenfor, ikke under.',
      },
      d: {
        en: 'Training longer does not turn a ranking round.',
        nb: 'Å trene lenger snur ikke en rangering.',
      },
    },
    explanation: {
      en: 'Below 0.5 the model ranks most pairs the wrong way round, systematically: the information is there but mirrored. Usually a label coded the other way (1 = benign), a score with the wrong sign (a distance used as a similarity), or the probability of the other class.',
      nb: 'Under 0,5 rangerer modellen de fleste parene feil vei, systematisk: informasjonen er der, men speilvendt. Som regel er en etikett kodet motsatt (1 = godartet), en skår har feil fortegn (en avstand brukt som likhet), eller utdataene er sannsynligheten for den andre klassen.',
    },
  },
  {
    id: 'concept.leakage',
    name: 'leakage',
    kind: 'choice',
    options: ['a', 'b', 'c', 'd'],
    correct: 'a',
    because: {
      c: {
        en: 'The order matters: whatever is fitted before the split has seen the test patients.',
        nb: 'Rekkefølgen betyr noe: alt som tilpasses før delingen, har sett testpasientene.',
      },
    },
    explanation: {
      en: 'Leakage is information from the patients you evaluate on reaching the model before evaluation. Split first; then fit every statistic (scaling, medians for missing values, feature selection) on the training part only, and apply it unchanged to the test part, in every fold of a cross-validation.',
      nb: 'Lekkasje er informasjon fra pasientene du evaluerer på som når modellen før evalueringen. Del først; tilpass så hver statistikk (skalering, medianer for manglende verdier, valg av trekk) bare på treningsdelen, og bruk den uendret på testdelen, i hver fold av en kryssvalidering.',
    },
  },
  {
    id: 'concept.in-context',
    name: 'inContextHelps',
    kind: 'choice',
    options: ['a', 'b', 'c', 'd'],
    correct: 'a',
    because: {
      b: {
        en: 'With millions of rows a model trained on the data itself has plenty to learn from, and the context would not fit.',
        nb: 'Med millioner av rader har en modell trent på selve dataene mye å lære av, og konteksten ville ikke fått plass.',
      },
      d: {
        en: 'In-context prediction reads the labelled context rows: without labels there is nothing to attend to.',
        nb: 'Prediksjon i kontekst leser de merkede kontekstradene: uten etiketter er det ingenting å rette oppmerksomheten mot.',
      },
    },
    explanation: {
      en: 'An in-context model learns no weights from your table: it reads the labelled rows as context and predicts a new row by attending to similar ones, with what it learnt before, on many other (often synthetic) tables. That prior knowledge matters most when your own table is too small to learn from safely.',
      nb: 'En modell i kontekst lærer ingen vekter fra tabellen din: den leser de merkede radene som kontekst og predikerer en ny rad ved å rette oppmerksomheten mot lignende rader, med det den har lært før, på mange andre (ofte syntetiske) tabeller. Den forkunnskapen betyr mest når din egen tabell er for liten til å lære trygt av.',
    },
  },
];
