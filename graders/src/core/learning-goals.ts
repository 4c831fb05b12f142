/**
 * The lab's learning goals, and the table that maps each to the checks that grade it. A check names the goals
 * it grades in its manifest (`goals`); the README's table is made from the manifests by
 * {@link learningGoalTable}, and `npm test` fails when a goal has no check worth points or the README's
 * table differs from the manifests'.
 */
import type { Language, Manifest } from './manifest.ts';

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

/** The checks worth points that grade `goal`, by exercise, in the manifests' order. */
export function checksOfGoal(manifests: Manifest[], goal: LearningGoal): { slug: string; checks: string[] }[] {
  return manifests
    .map((m) => ({ slug: m.id, checks: m.checks.filter((c) => c.points > 0 && c.goals.includes(goal)).map((c) => c.id) }))
    .filter((e) => e.checks.length > 0);
}

/** The learning-goal table (markdown): each goal, and the checks that grade it in each exercise. */
export function learningGoalTable(manifests: Manifest[], language: Language): string {
  const header = language === 'nb' ? '| læringsmål | rettes av |\n|---|---|' : '| learning goal | graded by |\n|---|---|';
  const rows = LEARNING_GOAL_IDS.map((goal) => {
    const graded = checksOfGoal(manifests, goal)
      .map((e) => `\`${e.slug}\`: ${e.checks.map((c) => `\`${c}\``).join(', ')}`)
      .join('; ');
    return `| ${LEARNING_GOALS[goal][language]} | ${graded} |`;
  });
  return `${header}\n${rows.join('\n')}\n`;
}
