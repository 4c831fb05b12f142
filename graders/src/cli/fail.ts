/**
 * How the CLI ends when a command throws: a usage error (exit 2) says what was wrong, then the help; an
 * error of labgrade's own (exit 1) says what to do; anything else is a bug, shown with its stack. Each
 * speaks the language of `--lang`. A format that must print something whatever happened (Gradescope reads
 * results.json even when grading could not run) is given the reason.
 */
import { errorMessageIn, LabgradeError, UsageError } from '../core/errors.ts';
import { type MessageKey, msg } from '../core/i18n.ts';
import type { Language } from '../../../runtime/language.ts';
import { isReportFormat, reporters } from '../reporters/index.ts';
import { languageOf } from './options.ts';

/** Node's own errors for a command line it cannot parse (an unknown option, a missing value, a stray word). */
function isParseArgsError(error: unknown): error is Error {
  return error instanceof Error && String((error as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS_');
}

/** What Node's parseArgs could not read, from the catalogue where its message is one it knows (else Node's own, in English). */
function parseArgsMessage(error: Error, language: Language): string {
  for (const [pattern, key, param] of PARSE_ARGS_MESSAGES) {
    const found = pattern.exec(error.message);
    if (found) return msg(key, language, { [param]: found[1]! });
  }
  return `${error.message.split('. To specify')[0]!.replace(/\.$/, '')}.`;
}

const PARSE_ARGS_MESSAGES: [RegExp, MessageKey, string][] = [
  [/^Unknown option '([^']+)'/, 'usage.unknown-option', 'option'],
  [/^Option '([^' ]+) <value>' argument missing/, 'usage.missing-value', 'option'],
  [/^Option '([^']+)' argument is ambiguous/, 'usage.ambiguous-value', 'option'],
  [/^Option '([^']+)' does not take an argument/, 'usage.takes-no-value', 'option'],
  [/^Unexpected argument '([^']+)'/, 'usage.unexpected-argument', 'value'],
];

/** The `--format` that `grade` was asked for, read without parsing the command line (parsing may be what failed). */
function formatOf(argv: readonly string[]): string | undefined {
  if (argv[0] !== 'grade') return undefined;
  const at = argv.indexOf('--format');
  return at >= 0 ? argv[at + 1] : argv.find((a) => a.startsWith('--format='))?.slice('--format='.length);
}

/** Reports `error` for the command line `argv` on stderr and sets the exit code. */
export function fail(error: unknown, argv: readonly string[]): void {
  const format = formatOf(argv);
  if (format !== undefined && isReportFormat(format)) {
    const text = reporters[format].onError?.(error instanceof Error ? error.message : String(error));
    if (text !== undefined) process.stdout.write(text);
  }
  const language = languageOf(argv);
  if (error instanceof UsageError || isParseArgsError(error)) {
    // parseArgs explains what it could not read; the help below says what is expected.
    const message = isParseArgsError(error) && !(error instanceof UsageError) ? parseArgsMessage(error, language) : errorMessageIn(error, language);
    process.stderr.write(`labgrade: ${message}\n\n${msg('cli.help', language)}`);
    process.exitCode = 2;
  } else if (
    error instanceof LabgradeError ||
    (error instanceof Error && 'code' in error && String((error as { code: unknown }).code).startsWith('LABGRADE_'))
  ) {
    process.stderr.write(`labgrade: ${errorMessageIn(error, language)}\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`labgrade: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  }
}
