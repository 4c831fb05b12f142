/**
 * `--format json`: the result itself. One exercise's result is printed as it is graded; several are printed
 * once, at the end, as one array, so that stdout is one JSON document. With --submissions, one entry per
 * submission and exercise.
 */
import type { GradeResult } from '../core/result.ts';
import { renderBatchJson } from './batch-table.ts';
import type { Reporter } from './reporter.ts';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export const jsonReporter: Reporter = {
  name: 'json',
  onResult: (result, context) => (context.count === 1 ? json(result) : undefined),
  onEnd: (results: GradeResult[], context) => {
    if (context.count > 1) context.write(json(results));
  },
  onBatch: (entries) => renderBatchJson(entries),
};
