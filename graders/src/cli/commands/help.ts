/** `labgrade help [--lang en|nb]`: what each command does, in the language asked for. */
import { msg } from '../../core/i18n.ts';
import { languageOf } from '../options.ts';

export async function run(argv: string[]): Promise<void> {
  process.stdout.write(msg('cli.help', languageOf(argv)));
}
