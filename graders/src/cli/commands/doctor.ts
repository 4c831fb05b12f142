/** `labgrade doctor [--lang en|nb]`: is this machine ready to grade? Exit 1 when something is to fix. */
import { parseArgs } from 'node:util';
import { listExercises, loadExercise } from '../../engine/catalogue.ts';
import { parseLanguage } from '../options.ts';

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { lang: { type: 'string' } } });
  const language = parseLanguage(values.lang);
  const manifests = await Promise.all((await listExercises()).map((slug) => loadExercise(slug)));
  const { formatDoctor, runDoctor } = await import('../doctor.ts');
  const findings = await runDoctor(manifests, language);
  process.stdout.write(formatDoctor(findings, language));
  if (findings.some((f) => f.status === 'problem')) process.exitCode = 1;
}
