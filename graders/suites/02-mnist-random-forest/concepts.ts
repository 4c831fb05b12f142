/** The concept questions of 02-mnist-random-forest and their answers (src/answers.ts asks them; only the grader knows these). */
import type { ConceptQuestion } from '../../src/suite/kit/concepts.ts';

export const QUESTIONS: ConceptQuestion[] = [
  {
    id: 'concept.mnist-ranking',
    name: 'mnistAccuracyRanking',
    kind: 'ranking',
    correct: ['cnn', 'mlp', 'forest'],
    explanation: {
      en: "The forest splits on single pixels and reaches about 0.95; the MLP learns combinations of all pixels (about 0.98) but sees them as one flat list; the CNN keeps the 2D layout and shares small filters over the image (about 0.99). The more the model's structure matches images, the better it does with the same data.",
      nb: 'Skogen deler på enkeltpiksler og når rundt 0,95; MLP-en lærer kombinasjoner av alle pikslene (rundt 0,98), men ser dem som én flat liste; CNN-et beholder 2D-oppsettet og deler små filtre over bildet (rundt 0,99). Jo bedre modellens oppbygning passer til bilder, jo bedre gjør den det med de samme dataene.',
    },
  },
  {
    id: 'concept.when-deep',
    name: 'whenDeepLearning',
    kind: 'choice',
    options: ['a', 'b', 'c', 'd'],
    correct: 'b',
    because: {
      a: {
        en: 'On a small table of measured values, forests and other classical models are usually as good, faster and easier to check.',
        nb: 'På en liten tabell med målte verdier er skoger og andre klassiske modeller som regel like gode, raskere og lettere å kontrollere.',
      },
      c: {
        en: "A forest's splits are, if anything, easier to explain than a network's weights.",
        nb: 'En skogs delinger er om noe lettere å forklare enn et nettverks vekter.',
      },
      d: {
        en: 'Deep networks are usually the slower ones to train.',
        nb: 'Dype nettverk er som regel de som er tregest å trene.',
      },
    },
    explanation: {
      en: 'Deep learning pays off when there is much raw data (pixels, signals, text) whose useful features nobody has measured yet: the network learns them. When the features are already measured values in a modest table, classical models are hard to beat.',
      nb: 'Dyp læring lønner seg når det finnes mye rådata (piksler, signaler, tekst) der ingen har målt de nyttige trekkene ennå: nettverket lærer dem. Når trekkene allerede er målte verdier i en beskjeden tabell, er klassiske modeller vanskelige å slå.',
    },
  },
];
