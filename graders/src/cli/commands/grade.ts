/**
 * `labgrade grade <slug>|--all [options]`: reads and checks the options, then grades one submission
 * (grade-run.ts) or, with `--submissions DIR`, every submission in DIR (engine/batch.ts). Every usage error is
 * raised before any grading starts.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BACKEND_CHOICES, parseBackendChoice, type BackendChoice } from '../../../../runtime/backend-choice.ts';
import { UsageError } from '../../core/errors.ts';
import { localized, type MessageKey } from '../../core/i18n.ts';
import type { Language } from '../../core/manifest.ts';
import { assertWritableDir } from '../../engine/output.ts';
import { listExercises, loadExercise } from '../../engine/catalogue.ts';
import type { SubmissionChoice } from '../../engine/grade.ts';
import { isReportFormat, reporters, type Reporter } from '../../reporters/index.ts';
import { gradeExercises } from '../grade-run.ts';
import { parseJobs, parseLanguage } from '../options.ts';

const OPTIONS = {
  all: { type: 'boolean', default: false },
  solution: { type: 'boolean', default: false },
  submission: { type: 'string' },
  out: { type: 'string', default: 'results' },
  format: { type: 'string', default: 'text' },
  backend: { type: 'string', default: 'auto' },
  seed: { type: 'string' },
  lang: { type: 'string' },
  submissions: { type: 'string' },
  jobs: { type: 'string' },
  force: { type: 'boolean', default: false },
  pictures: { type: 'string' },
  'no-notices': { type: 'boolean', default: false },
} as const;

/** Options of `grade` that only some formats read (each reporter lists its own in `options`). */
const FORMAT_OPTIONS = ['no-notices'] as const;

const usage = (key: MessageKey, params: Record<string, string | number> = {}) => new UsageError(localized(key, params));

function reporterOf(format: string): Reporter {
  if (!isReportFormat(format)) throw usage('usage.one-of', { option: '--format', choices: Object.keys(reporters).join(', '), value: format });
  return reporters[format];
}

function backendOf(value: string): BackendChoice {
  try {
    return parseBackendChoice(value);
  } catch {
    throw usage('usage.one-of', { option: '--backend', choices: BACKEND_CHOICES.join(', '), value });
  }
}

function seedOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seed = Number(value);
  if (!Number.isInteger(seed) || seed < 0) throw usage('usage.seed', { value });
  return seed;
}

type Values = ReturnType<typeof parseGrade>['values'];

const parseGrade = (argv: string[]) => parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });

/** `--submissions DIR`: every submission in DIR, in `--jobs` grading processes; a table or a list on stdout. */
async function gradeClass(
  values: Values,
  slugs: string[],
  common: { backend: BackendChoice; seed?: number; language?: Language },
  reporter: Reporter,
): Promise<void> {
  if (values.solution || values.submission) throw usage('usage.submissions-alone');
  if (values.pictures !== undefined) throw usage('usage.pictures-one-submission');
  const { onBatch } = reporter;
  if (!onBatch) {
    const choices = Object.values(reporters)
      .filter((r) => r.onBatch)
      .map((r) => r.name)
      .join(' or ');
    throw usage('usage.submissions-format', { choices, value: reporter.name });
  }
  const jobs = parseJobs(values.jobs);
  for (const slug of slugs) await loadExercise(slug);
  const outDir = path.resolve(values.out);
  await assertWritableDir(outDir);
  const { gradeBatch } = await import('../../engine/batch.ts');
  const entries = await gradeBatch({
    slugs,
    submissionsDir: values.submissions!,
    outDir,
    ...common,
    jobs,
    force: values.force,
    onLine: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(onBatch(entries, slugs));
  if (entries.some((e) => e.error)) process.exitCode = 1;
}

export async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseGrade(argv);
  const reporter = reporterOf(values.format);
  const common = { backend: backendOf(values.backend), seed: seedOf(values.seed), language: values.lang as Language | undefined };
  if (values.lang !== undefined) parseLanguage(values.lang);
  if (values.solution && values.submission) throw usage('usage.solution-or-submission');
  const slugs = values.all ? await listExercises() : positionals;
  if (!slugs.length) throw usage('error.no-exercise-named');
  if (values.all && positionals.length) throw usage('usage.all-or-names');
  if (values.submissions !== undefined) return gradeClass(values, slugs, common, reporter);
  const jobs = parseJobs(values.jobs);
  for (const option of FORMAT_OPTIONS) {
    if (values[option] && !reporter.options?.includes(option)) {
      const choices = Object.values(reporters)
        .filter((r) => r.options?.includes(option))
        .map((r) => r.name)
        .join(' or ');
      throw usage('usage.format-option', { option: `--${option}`, choices, value: reporter.name });
    }
  }
  const submission: SubmissionChoice = values.solution
    ? { kind: 'solution' }
    : values.submission
      ? { kind: 'custom', dir: values.submission }
      : { kind: 'exercise' };
  const outDir = path.resolve(values.out);
  await assertWritableDir(outDir);
  // On a student's machine, hints of checks that keep failing grow more specific; CI starts afresh each run.
  const hintHistory = process.env.CI
    ? undefined
    : await (await import('../../engine/hint-history.ts')).HintHistory.open(
        path.resolve(process.env.LABGRADE_HINT_HISTORY ?? path.join('.labgrade', 'hint-history.json')),
      );
  // Every exercise named must exist before any grading starts.
  for (const slug of slugs) await loadExercise(slug);
  const picturesDir = values.pictures === undefined ? undefined : path.resolve(values.pictures);
  await gradeExercises({
    slugs,
    submission,
    ...common,
    outDir,
    jobs,
    force: values.force,
    ...(picturesDir ? { picturesDir } : {}),
    ...(hintHistory ? { hintHistory } : {}),
    reporter,
    notices: !values['no-notices'],
  });
}
