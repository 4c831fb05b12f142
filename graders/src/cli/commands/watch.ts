/** `labgrade watch <slug> [--once]`: the static checks and visible tests on every save (see ../watch.ts). */
import { parseArgs } from 'node:util';
import { UsageError } from '../../core/errors.ts';
import { localized } from '../../core/i18n.ts';
import { loadExercise } from '../../engine/catalogue.ts';
import { parseLanguage } from '../options.ts';

export async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { once: { type: 'boolean', default: false }, lang: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError(localized('usage.watch-one', { count: positionals.length }));
  const manifest = await loadExercise(positionals[0]!);
  const { watchExercise } = await import('../watch.ts');
  process.exitCode = await watchExercise({ manifest, language: values.lang === undefined ? manifest.language : parseLanguage(values.lang), once: values.once });
}
