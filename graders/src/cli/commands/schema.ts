/** `labgrade schema [--out FILE]`: the result file's JSON Schema, on stdout or in FILE. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resultJsonSchema } from '../../core/result.ts';
import { writeFileAtomic } from '../../engine/output.ts';

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { out: { type: 'string' } } });
  const text = `${JSON.stringify(resultJsonSchema(), null, 2)}\n`;
  if (values.out) await writeFileAtomic(path.resolve(values.out), text);
  else process.stdout.write(text);
}
