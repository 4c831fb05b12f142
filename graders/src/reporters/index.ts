/** Every format of `labgrade grade --format`, one per file, registered here and nowhere else. */
import { classroomReporter } from './classroom-run.ts';
import { gradescopeReporter } from './gradescope.ts';
import { jsonReporter } from './json.ts';
import { markdownReporter } from './markdown.ts';
import type { Reporter } from './reporter.ts';
import { textReporter } from './text.ts';

export type { Reporter, RunContext } from './reporter.ts';

export const reporters = {
  text: textReporter,
  md: markdownReporter,
  json: jsonReporter,
  gradescope: gradescopeReporter,
  classroom: classroomReporter,
} satisfies Record<string, Reporter>;

export type ReportFormat = keyof typeof reporters;

/** Whether `name` is a format of `--format`. */
export function isReportFormat(name: string): name is ReportFormat {
  return Object.hasOwn(reporters, name);
}
