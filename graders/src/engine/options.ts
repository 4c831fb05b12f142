/** What a grading is asked to do: which exercise, which code, and what to do with the result. */
import type { BackendChoice } from '../../../runtime/backend-choice.ts';
import type { TrainingProgress } from '../../../runtime/progress.ts';
import type { Language } from '../core/manifest.ts';
import type { HintHistory } from './hint-history.ts';
import type { StaticService } from './static-run.ts';

export type SubmissionChoice = { kind: 'exercise' } | { kind: 'solution' } | { kind: 'custom'; dir: string };

export interface GradeOptions {
  slug: string;
  /** Which code to grade. @default { kind: 'exercise' } (the student's exercises/<slug>/src) */
  submission?: SubmissionChoice;
  /** @default 'auto' */
  backend?: BackendChoice;
  /** Overrides the manifest's seed. */
  seed?: number;
  /** Overrides the manifest's language. */
  language?: Language;
  /** Folder for `<slug>.result.json`. Nothing is written when absent. */
  outDir?: string;
  /** Called as phases progress, for the terminal. */
  onProgress?: (event: string) => void;
  /** Static checks shared by a batch of gradings; by default this grading starts its own. */
  staticService?: StaticService;
  /** A student's record of repeated failures: hints of checks that fail again grow more specific. */
  hintHistory?: HintHistory;
  /** Draw the exercise's pictures (PNG) into <picturesDir>/<slug>/, replacing earlier ones. */
  picturesDir?: string;
  /** Called with the training progress the submission reports while it trains (for a progress bar). */
  onTrainingProgress?: (progress: TrainingProgress) => void;
}
