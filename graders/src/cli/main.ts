/**
 * `labgrade` command line. Exit codes: 0 when the command ran (for `grade`, whatever the score), 1 when it
 * could not (bad manifest, missing dataset, unknown exercise, unwritable output), 2 on a usage error.
 *
 * This module only finds the command and hands it the rest of the command line: each command is a module
 * in commands/, loaded when it is asked for (importing the engine or TensorFlow.js takes seconds).
 */
import { UsageError } from '../core/errors.ts';
import { localized } from '../core/i18n.ts';
import { fail } from './fail.ts';

type Command = () => Promise<{ run: (argv: string[]) => Promise<void> }>;

const COMMANDS: Record<string, Command> = {
  list: () => import('./commands/list.ts'),
  grade: () => import('./commands/grade.ts'),
  stubs: () => import('./commands/stubs.ts'),
  report: () => import('./commands/report.ts'),
  'export-template': () => import('./commands/export-template.ts'),
  'unpack-suites': () => import('./commands/unpack-suites.ts'),
  schema: () => import('./commands/schema.ts'),
  watch: () => import('./commands/watch.ts'),
  doctor: () => import('./commands/doctor.ts'),
  help: () => import('./commands/help.ts'),
  '--help': () => import('./commands/help.ts'),
  '-h': () => import('./commands/help.ts'),
};

/** The command and its arguments; a `--lang` written before the command (`labgrade --lang nb help`) goes with it. */
function splitCommand(argv: string[]): { command: string | undefined; rest: string[] } {
  let i = 0;
  while (argv[i] === '--lang' || argv[i]?.startsWith('--lang=')) i += argv[i] === '--lang' ? 2 : 1;
  const [command, ...rest] = argv.slice(i);
  return { command, rest: [...rest, ...argv.slice(0, i)] };
}

async function main(command: string, rest: string[]): Promise<void> {
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) throw new UsageError(localized('usage.unknown-command', { value: command }));
  await (await load()).run(rest);
}

// A reader that stops early (`labgrade list | head -3`) closes the pipe: what is left unwritten is not wanted.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

const { command = 'help', rest } = splitCommand(process.argv.slice(2));
main(command, rest).catch((error: unknown) => fail(error, [command, ...rest]));
