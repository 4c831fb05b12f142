/**
 * The table that maps each learning goal (learning-goals.ts) to the checks that grade it, made from the
 * manifests: the README's, and the student template's README.
 */
import type { Language } from '../../../runtime/language.ts';
import { msg } from './i18n.ts';
import { LEARNING_GOAL_IDS, LEARNING_GOALS, type LearningGoal } from './learning-goals.ts';
import type { Manifest } from './manifest.ts';

/** The checks worth points that grade `goal`, by exercise, in the manifests' order. */
export function checksOfGoal(manifests: Manifest[], goal: LearningGoal): { slug: string; checks: string[] }[] {
  return manifests
    .map((m) => ({ slug: m.id, checks: m.checks.filter((c) => c.points > 0 && c.goals.includes(goal)).map((c) => c.id) }))
    .filter((e) => e.checks.length > 0);
}

/** The learning-goal table (markdown): each goal, and the checks that grade it in each exercise. */
export function learningGoalTable(manifests: Manifest[], language: Language): string {
  const header = msg('goals.table-header', language);
  const rows = LEARNING_GOAL_IDS.map((goal) => {
    const graded = checksOfGoal(manifests, goal)
      .map((e) => `\`${e.slug}\`: ${e.checks.map((c) => `\`${c}\``).join(', ')}`)
      .join('; ');
    return `| ${LEARNING_GOALS[goal][language]} | ${graded} |`;
  });
  return `${header}\n${rows.join('\n')}\n`;
}
