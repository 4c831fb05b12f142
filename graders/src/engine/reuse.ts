/**
 * Incremental grading: before an exercise is graded, the result already written for it is read back, and
 * reused when it was graded from exactly the inputs grading would use now (inputs.ts). A result without
 * recorded inputs, from other inputs, or damaged is graded again.
 */
import { existsSync } from 'node:fs';
import { changedInputs, gradingInputsFor, type GradingInputs, type InputPart } from './inputs.ts';
import type { GradeOptions } from './options.ts';
import { readResult } from './output.ts';
import type { GradeResult } from '../core/result.ts';

export interface ReuseCheck {
  /** The inputs grading would use now. */
  inputs: GradingInputs;
  /** The earlier result, when it can be reused as it is. */
  reusable?: GradeResult;
  /** What differs from the earlier result's inputs (empty when reusable or when there is no earlier result). */
  changed: InputPart[];
}

/** Whether `file` holds a result graded from the inputs `options` give now. */
export async function checkReuse(file: string, options: GradeOptions): Promise<ReuseCheck> {
  const inputs = await gradingInputsFor(options);
  if (!existsSync(file)) return { inputs, changed: [] };
  let previous: GradeResult;
  try {
    previous = await readResult(file);
  } catch {
    // A damaged or outdated file is graded again.
    return { inputs, changed: ['engine'] };
  }
  const changed = changedInputs(previous, inputs);
  if (changed.length === 0 && previous.inputs?.sha256 === inputs.sha256) return { inputs, reusable: previous, changed };
  return { inputs, changed };
}
