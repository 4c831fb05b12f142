/**
 * What a suite records for the student besides its checks: series it measured (curves, in the result and
 * the reports) and pictures (`grade --pictures DIR`). Neither ever changes a grade.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Curve } from '../core/grading-context.ts';
import { afterAll } from './suite-runtime.ts';
import { gradingContext, t, type Text } from './text.ts';

const curves = new Map<string, Curve>();

/**
 * Records a series the suite measured (the training loss per epoch, say) for the result and the reports:
 * the job summary draws it as a chart. Non-finite values are kept as null.
 */
export function recordCurve(id: string, title: Text, values: ArrayLike<number>): void {
  curves.set(id, { id, title: t(title), values: Array.from(values, (v) => (Number.isFinite(v) ? v : null)) });
}

/** The curves recorded so far, in the order they were first recorded. */
export function recordedCurves(): Curve[] {
  return [...curves.values()];
}

/** Saves one picture: `draw` is called only when pictures were asked for, and a failure is only reported. */
export type SavePicture = (name: string, draw: () => Buffer | Promise<Buffer>) => Promise<void>;

/**
 * Pictures for the student (`grade --pictures DIR`): `draw` runs after the checks, from data the grader
 * holds and the tasks' settled values, and saves PNG files into DIR/<slug>/. It never changes a grade: a
 * task that failed or a picture that cannot be drawn is left out, and nothing runs when pictures were not
 * asked for.
 */
export function pictures(draw: (save: SavePicture) => Promise<void>): void {
  afterAll(async () => {
    const dir = gradingContext().picturesDir;
    if (!dir) return;
    await mkdir(dir, { recursive: true });
    const save: SavePicture = async (name, render) => {
      try {
        await writeFile(path.join(dir, `${name}.png`), await render());
      } catch (error) {
        console.warn(`The picture ${name} could not be drawn: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    await draw(save).catch((error: unknown) => console.warn(`Pictures could not be drawn: ${error instanceof Error ? error.message : String(error)}`));
  }, 120_000);
}
