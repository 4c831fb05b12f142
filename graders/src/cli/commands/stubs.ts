/** `labgrade stubs [--check]`: writes exercises/<slug>/src from solutions/<slug>/src, or checks that they agree. */
import { parseArgs } from 'node:util';

export async function run(argv: string[]): Promise<void> {
  const { runStubs } = await import('../../template/stubs.ts');
  const { values } = parseArgs({ args: argv, options: { check: { type: 'boolean', default: false } } });
  return runStubs({ check: values.check });
}
