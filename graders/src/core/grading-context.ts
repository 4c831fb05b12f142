/** What the engine hands a hidden suite (its worker's data), and what a check of the suite hands back. */
import type { BackendChoice } from '../../../runtime/backend-choice.ts';
import type { Language, PhaseLimits, Threshold } from './manifest.ts';

export interface GradingContext {
  slug: string;
  language: Language;
  seed: number;
  /**
   * Seed of the inputs that checks of a formula use: the exercise seed mixed with the hash of the submitted
   * files. The same submission always gets the same inputs, and no submission can know its own in advance,
   * so answers written into the code for the inputs a grading once showed earn nothing.
   */
  caseSeed: number;
  backend: BackendChoice;
  limits: PhaseLimits;
  thresholds: Record<string, Threshold>;
  submissionDir: string;
  /** Staging folder made by the engine: bundles, data folder. */
  staged: { dir: string; dataDir: string; studentBundle: string; childBundle: string };
  /** Where the suite draws its pictures (`grade --pictures DIR`), when asked for. */
  picturesDir?: string;
  /** Whether the engine shows training progress: the suite passes it on only then. */
  reportsProgress: boolean;
}

export interface Curve {
  id: string;
  title: string;
  values: (number | null)[];
}

/** A check's outcome, as the harness reports it. */
export interface CheckOutcome {
  status: 'pass' | 'fail' | 'error';
  message: string;
  expected?: string;
  found?: string;
  hint?: string;
  /** Hints from general to specific, when the suite gave more than one (`hint` is then one of them). */
  hints?: string[];
  metric?: { name: string; value: number | null; threshold: number; comparator: '>=' | '<=' };
  file?: string;
  line?: number;
}
