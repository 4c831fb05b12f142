/** `labgrade unpack-suites [--bundle FILE]`: opens the encrypted hidden suites with LABGRADE_SUITES_KEY (for CI). */
import path from 'node:path';
import { parseArgs } from 'node:util';

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { bundle: { type: 'string' } } });
  const { unpackSuites } = await import('../../template/suites-bundle.ts');
  const count = await unpackSuites(values.bundle !== undefined ? path.resolve(values.bundle) : undefined);
  process.stdout.write(`Unpacked ${count} files of the hidden suites into graders/suites.\n`);
}
