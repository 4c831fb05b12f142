/** Report formats of `labgrade grade --format`, one per file, registered here. */
import type { GradeResult } from '../core/result.ts';
import { renderMarkdown } from './markdown.ts';
import { renderText } from './text.ts';

export const reporters = {
  text: renderText,
  md: renderMarkdown,
  json: (result: GradeResult) => `${JSON.stringify(result, null, 2)}\n`,
} satisfies Record<string, (result: GradeResult) => string>;

export type ReportFormat = keyof typeof reporters;
