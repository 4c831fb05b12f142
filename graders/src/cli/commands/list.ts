/** `labgrade list [--lang en|nb]`: each exercise's level, time, points and title, in the language asked for. */
import { parseArgs } from 'node:util';
import { msg } from '../../core/i18n.ts';
import { maxScore } from '../../core/manifest.ts';
import { listExercises, loadExercise } from '../../engine/catalogue.ts';
import { parseLanguage } from '../options.ts';

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { lang: { type: 'string' } } });
  const language = parseLanguage(values.lang);
  for (const slug of await listExercises()) {
    const m = await loadExercise(slug);
    const row = msg('cli.list-row', language, {
      slug: slug.padEnd(30),
      level: msg(`cli.level.${m.level}`, language).padEnd(12),
      minutes: String(m.estimatedMinutes).padStart(3),
      points: String(maxScore(m)).padStart(3),
      title: m.title[language],
    });
    process.stdout.write(`${row}\n`);
  }
}
