/** Reading the options that several commands share: `--lang`, `--jobs`. */
import { UsageError } from '../core/errors.ts';
import { localized } from '../core/i18n.ts';
import { LANGUAGES, type Language } from '../core/manifest.ts';

/**
 * The language asked for with `--lang` anywhere on the command line, read without parsing it (parsing may be
 * what failed): Norwegian for `nb`, else English. The help and the CLI's errors speak it.
 */
export function languageOf(argv: readonly string[]): Language {
  const at = argv.indexOf('--lang');
  const inline = argv.find((a) => a.startsWith('--lang='))?.slice('--lang='.length);
  return (at >= 0 ? argv[at + 1] : inline) === 'nb' ? 'nb' : 'en';
}

/** `--lang`: English unless asked otherwise. */
export function parseLanguage(value: string | undefined): Language {
  if (value === undefined) return 'en';
  if (!(LANGUAGES as readonly string[]).includes(value))
    throw new UsageError(localized('usage.one-of', { option: '--lang', choices: LANGUAGES.join(', '), value }));
  return value as Language;
}

/** `--jobs N`: how many gradings at once, 1 unless asked. */
export function parseJobs(value: string | undefined): number {
  if (value === undefined) return 1;
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(localized('usage.jobs', { value }));
  return jobs;
}
