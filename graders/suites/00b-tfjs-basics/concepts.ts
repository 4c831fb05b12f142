/** The concept questions of 00b-tfjs-basics and their answers (src/answers.ts asks them; only the grader knows these). */
import type { ConceptQuestion } from '../../src/suite/kit/concepts.ts';

export const QUESTIONS: ConceptQuestion[] = [
  {
    id: 'concept.backpropagation',
    name: 'backpropagation',
    kind: 'choice',
    options: ['a', 'b', 'c', 'd'],
    correct: 'b',
    because: {
      a: {
        en: 'The loss comes from the forward pass and the loss function, before backpropagation starts.',
        nb: 'Tapet kommer fra foroverpasset og tapsfunksjonen, før tilbakepropageringen begynner.',
      },
      c: {
        en: "The new weights come from the optimiser's step, which uses what backpropagation computed.",
        nb: 'De nye vektene kommer fra optimererens steg, som bruker det tilbakepropageringen regnet ut.',
      },
      d: {
        en: 'The learning rate is chosen by you (or a schedule), not computed by backpropagation.',
        nb: 'Læringsraten velger du (eller en plan), den regnes ikke ut av tilbakepropageringen.',
      },
    },
    explanation: {
      en: 'Backpropagation answers one question: how much would the loss change if each weight changed a little? It applies the chain rule from the loss back through every layer, reusing what the forward pass computed. tf.grad and model.fit do it for you; the optimiser then moves each weight against its gradient.',
      nb: 'Tilbakepropagering svarer på ett spørsmål: hvor mye ville tapet endret seg om hver vekt endret seg litt? Den bruker kjerneregelen fra tapet bakover gjennom hvert lag, og gjenbruker det foroverpasset regnet ut. tf.grad og model.fit gjør det for deg; optimereren flytter så hver vekt mot gradienten.',
    },
  },
  {
    id: 'concept.training-step',
    name: 'trainingStep',
    kind: 'ranking',
    correct: ['forward', 'loss', 'gradients', 'update'],
    explanation: {
      en: 'Each step needs what the one before produced: predictions to compute a loss, a loss to differentiate, gradients to move the weights. In PyTorch you write these four lines yourself (model(x), loss_fn, loss.backward(), opt.step()); model.fit runs them for every batch.',
      nb: 'Hvert steg trenger det forrige laget: prediksjoner for å regne ut et tap, et tap å derivere, gradienter for å flytte vektene. I PyTorch skriver du de fire linjene selv (model(x), loss_fn, loss.backward(), opt.step()); model.fit kjører dem for hver bunt.',
    },
  },
];
