/**
 * The lab's learning goals. A check names the goals it grades in its manifest (`goals`); the README's table
 * of goals and checks is made from the manifests (learning-goal-table.ts), and `npm test` fails when a goal
 * has no check worth points or the README's table differs from the manifests'.
 */

export const LEARNING_GOALS = {
  'neural-networks': {
    en: 'Explain what a neural network is and how it learns',
    nb: 'Forklare hva et nevralt nettverk er og hvordan det lærer',
  },
  'classical-vs-deep': {
    en: 'Tell classical machine learning from deep learning, and know when deep learning pays off',
    nb: 'Skille klassisk maskinlæring fra dyp læring, og vite når dyp læring lønner seg',
  },
  mlp: {
    en: 'Understand the multilayer perceptron',
    nb: 'Forstå flerlags perseptronen (MLP)',
  },
  cnn: {
    en: 'Understand the convolutional network: convolution, pooling, parameters and output sizes',
    nb: 'Forstå konvolusjonsnettverket: konvolusjon, pooling, parametere og utdatastørrelser',
  },
  'training-loop': {
    en: 'Understand the training loop: forward pass, loss, backpropagation, optimisation',
    nb: 'Forstå treningsløkken: foroverpass, tap, tilbakepropagering, optimering',
  },
  data: {
    en: 'Collect and organise data for learning: reading, scaling, splitting, no leakage',
    nb: 'Samle og ordne data for læring: innlesing, skalering, inndeling, ingen lekkasje',
  },
  'medical-imaging': {
    en: 'See how deep learning serves medical image analysis',
    nb: 'Se hvordan dyp læring brukes i medisinsk bildeanalyse',
  },
  'clinical-evaluation': {
    en: 'Judge a model for a clinical question: ROC AUC, sensitivity and specificity, calibration, small tables',
    nb: 'Vurdere en modell for et klinisk spørsmål: ROC AUC, sensitivitet og spesifisitet, kalibrering, små tabeller',
  },
} as const satisfies Record<string, { en: string; nb: string }>;

export type LearningGoal = keyof typeof LEARNING_GOALS;
export const LEARNING_GOAL_IDS = Object.keys(LEARNING_GOALS) as [LearningGoal, ...LearningGoal[]];

/** Checks whose id starts with this are concept questions (src/answers.ts): at most a fifth of an exercise's points. */
export const CONCEPT_PREFIX = 'concept.';
