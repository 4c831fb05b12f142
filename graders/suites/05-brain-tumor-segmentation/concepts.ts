/** The concept questions of 05-brain-tumor-segmentation and their answers (src/answers.ts asks them; only the grader knows these). */
import type { ConceptQuestion } from '../../src/suite/kit/concepts.ts';

export const QUESTIONS: ConceptQuestion[] = [
  {
    id: 'concept.dice-vs-accuracy',
    name: 'whyDice',
    kind: 'choice',
    options: ['a', 'b', 'c', 'd'],
    correct: 'c',
    because: {
      d: {
        en: 'Dice punishes extra pixels as much as missed ones: both are in the denominator.',
        nb: 'Dice straffer ekstra piksler like mye som glemte: begge står i nevneren.',
      },
      b: {
        en: 'Accuracy works for any number of classes: the share of pixels labelled right.',
        nb: 'Nøyaktighet fungerer for et hvilket som helst antall klasser: andelen piksler med riktig etikett.',
      },
    },
    explanation: {
      en: 'Dice = 2 |P ∩ T| / (|P| + |T|) looks only at the pixels predicted as the class (P) and those that truly are (T); the background both agree on never enters. When the class is small, accuracy is dominated by the background and hides a model that misses it; Dice does not.',
      nb: 'Dice = 2 |P ∩ T| / (|P| + |T|) ser bare på pikslene som er predikert som klassen (P) og dem som virkelig er det (T); bakgrunnen begge er enige om, kommer aldri inn. Når klassen er liten, domineres nøyaktighet av bakgrunnen og skjuler en modell som overser den; Dice gjør ikke det.',
    },
  },
  {
    id: 'concept.skip-connections',
    name: 'skipConnections',
    kind: 'choice',
    options: ['a', 'b', 'c', 'd'],
    correct: 'b',
    because: {
      c: {
        en: 'Labels never enter the network; they only meet its output in the loss.',
        nb: 'Etikettene går aldri inn i nettverket; de møter bare utdataene i tapet.',
      },
      d: {
        en: 'Weights are not passed along: feature maps, the activations for this image, are.',
        nb: 'Vekter sendes ikke videre: det er kartene, aktiveringene for dette bildet, som sendes.',
      },
    },
    explanation: {
      en: "Pooling lets the encoder see context (is this blob a tumour?) but loses where exactly its edge is. The skip connection concatenates the encoder's maps at the same resolution with the upsampled decoder maps, so that the decoder has both the context and the detail.",
      nb: 'Pooling lar enkoderen se sammenhengen (er denne flekken en svulst?), men mister nøyaktig hvor kanten går. Snarveien slår sammen enkoderens kart i samme oppløsning med dekoderens oppsamplede kart, så dekoderen har både sammenhengen og detaljene.',
    },
  },
];
