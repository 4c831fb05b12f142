/**
 * `labgrade` command line. Exit codes: 0 when the command ran (for `grade`, whatever the score), 1 when it
 * could not (bad manifest, missing dataset, unknown exercise, unwritable output), 2 on a usage error.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseBackendChoice } from '../../../runtime/backend-choice.ts';
import { ProgressBar } from '../../../runtime/progress.ts';
import { assertWritableDir, gradeExercise, listExercises, loadExercise, writeFileAtomic, type SubmissionChoice } from '../engine/grade.ts';
import { errorMessageIn, LabgradeError, UsageError } from '../core/errors.ts';
import { localized, msg } from '../core/i18n.ts';
import { LANGUAGES, maxScore, type Language } from '../core/manifest.ts';
import { classroomPoints } from '../reporters/classroom.ts';
import { renderGradescope } from '../reporters/gradescope.ts';
import { checkReuse } from '../engine/reuse.ts';
import { reporters, type ReportFormat } from '../reporters/index.ts';
import { resultJsonSchema, type GradeResult } from '../core/result.ts';
import { runInOrder, type TaskOutput } from './run-in-order.ts';

const HELP = `labgrade: auto-graded deep-learning exercises

Usage:
  labgrade list [--lang en|nb]                    list the exercises: level, time, points, title
  labgrade grade <slug>|--all [options]           grade exercises
      --solution              grade the reference solution (solutions/<slug>/src)
      --submission DIR        grade another folder (a student's repository or src/ folder)
      --submissions DIR       grade every folder in DIR (one per student); results go to
                              <out>/<folder>/<slug>.result.json, and a result already there for the same
                              files is kept (resumable); prints a table (text), or a list (json)
      --jobs N                grading processes/exercises at once (default 1): up to N exercises
                              graded side by side, each one's lines printed whole and in order; with
                              --submissions, N grading processes share the students
      --force                 grade again even where a result graded from the same inputs (files,
                              exercise, hidden suite, seed, backend, grader) is already in --out;
                              without it such a result is reused, and a line says so
      --out DIR               where to write <slug>.result.json (default: results)
      --format text|json|md|gradescope|classroom   report printed on stdout (default: text;
                              gradescope: Gradescope's results.json for all graded exercises;
                              classroom: the text report, then the points as GitHub Classroom reads
                              them, and under GitHub Actions a result output per exercise, the job
                              summary and annotations on your lines)
      --no-notices            with --format classroom: leave out the two notices, when GitHub
                              Classroom's grading reporter action prints the points instead
      --backend auto|tensorflow|tensorflow-gpu|wasm|cpu   TF.js backend (default: auto)
      --seed N                override the exercise's seed
      --lang en|nb            language of feedback (default: the exercise's)
      --pictures DIR          also draw the exercise's pictures as PNG files in DIR/<slug>/ (sample
                              digits with true and predicted labels, the confusion matrix, the loss
                              per epoch, a CNN's filters, filters and segmentations on MRI slices,
                              ROC curves)
  labgrade stubs [--check]                        write exercises/*/src from solutions/*/src
  labgrade report <results...> [--csv FILE] [--html FILE]
                                                  the class report: every *.result.json in the files and
                                                  folders given, as a CSV (a row per student, a column per
                                                  exercise and check), a self-contained HTML page (score
                                                  distributions, pass rate per check, submissions with
                                                  time, backend and changed files, leaderboards) and a
                                                  summary (score spread, the checks most students miss first)
      --roster FILE           GitHub Classroom's roster export, joined on the GitHub username (the
                              results' student folders); students missing from either are listed
      --canvas FILE           with --roster: a gradebook CSV for Canvas's import (the total as one
                              assignment, --canvas-assignment NAME, default "Lab 2 (labgrade)"; the
                              roster's identifier as --canvas-id sis-login-id|sis-user-id|name)
      --gradebook FILE        with --roster: a plain CSV, a row per student with where each stands
      --similarity            compare the students' src/ files per exercise (Dolos; the starter code
                              left out) and flag pairs at or above --similarity-threshold (default
                              0.5) in the summary, the CSV and the HTML page; grades are unchanged.
                              --submissions DIR: the students' folders, when not where they were graded
  labgrade export-template <dir> [--bundle-key FILE] [--suites-copy DIR] [--hashes FILE]
                                                  write the student template repository to <dir>: no
                                                  solutions, no hidden suites (checked). --bundle-key also
                                                  writes the suites encrypted (graders/suites.bundle) with
                                                  the key in FILE, made when missing; --suites-copy writes
                                                  them to DIR for a private suites repository; the hashes
                                                  of what was shipped go to FILE (default
                                                  graders/suites/template.json), for regrades
  labgrade unpack-suites [--bundle FILE]          open graders/suites.bundle with the key in
                                                  LABGRADE_SUITES_KEY into graders/suites (for CI)
  labgrade schema [--out FILE]                    print the result file's JSON Schema
  labgrade watch <slug> [--once] [--lang en|nb]   on every save in exercises/<slug>/src: the static checks
                                                  (syntax, types, imports, what is not written yet) and the
                                                  visible tests; --once runs them once (exit 1 when not clean)
  labgrade doctor [--lang en|nb]                  check Node, the TF.js backend, datasets and that exercises compile
  labgrade help [--lang en|nb]                    this text
`;

const HELP_NB = `labgrade: automatisk rettede oppgaver i dyp læring

Bruk:
  labgrade list [--lang en|nb]                    vis oppgavene: nivå, tid, poeng, tittel
  labgrade grade <slug>|--all [valg]              rett oppgaver
      --solution              rett løsningsforslaget (solutions/<slug>/src)
      --submission DIR        rett en annen mappe (en students repository eller src/-mappe)
      --submissions DIR       rett hver mappe i DIR (én per student); resultatene havner i
                              <out>/<mappe>/<slug>.result.json, og et resultat som alt finnes for de
                              samme filene beholdes (kan gjenopptas); skriver en tabell (text) eller en
                              liste (json)
      --jobs N                retteprosesser/oppgaver samtidig (standard 1): opptil N oppgaver rettes
                              side om side, og linjene til hver skrives samlet og i rekkefølge; med
                              --submissions deler N retteprosesser studentene mellom seg
      --force                 rett på nytt selv om et resultat rettet med de samme inndataene (filer,
                              oppgave, skjulte tester, frø, backend, retteprogram) alt finnes i --out;
                              uten det brukes resultatet om igjen, og en linje sier fra
      --out DIR               hvor <slug>.result.json skrives (standard: results)
      --format text|json|md|gradescope|classroom   rapporten som skrives ut (standard: text;
                              gradescope: Gradescopes results.json for alle rettede oppgaver;
                              classroom: tekstrapporten, så poengene slik GitHub Classroom leser dem,
                              og under GitHub Actions et resultat per oppgave, jobbsammendraget og
                              merknader på linjene dine)
      --no-notices            med --format classroom: utelat de to merknadene, når GitHub Classrooms
                              rapporteringshandling skriver ut poengene i stedet
      --backend auto|tensorflow|tensorflow-gpu|wasm|cpu   TF.js-backend (standard: auto)
      --seed N                bruk et annet frø enn oppgavens
      --lang en|nb            språk for tilbakemeldingene (standard: oppgavens)
      --pictures DIR          tegn også oppgavens bilder som PNG-filer i DIR/<slug>/ (eksempelsifre med
                              riktig og predikert etikett, forvirringsmatrisen, tapet per epoke,
                              filtrene i et CNN, filtre og segmenteringer på MR-snitt, ROC-kurver)
  labgrade stubs [--check]                        skriv exercises/*/src fra solutions/*/src
  labgrade report <results...> [--csv FILE] [--html FILE]
                                                  klasserapporten: hver *.result.json i filene og mappene
                                                  som er gitt, som CSV (en rad per student, en kolonne per
                                                  oppgave og sjekk), en selvstendig HTML-side
                                                  (poengfordelinger, andel bestått per sjekk, innleveringer
                                                  med tid, backend og endrede filer, resultatlister) og et
                                                  sammendrag (poengspredning, sjekkene flest bommer på først)
      --roster FILE           GitHub Classrooms klasseliste, koblet på GitHub-brukernavnet (mappene
                              til resultatene); studenter som mangler i en av dem, listes opp
      --canvas FILE           med --roster: en karakterbok-CSV for import i Canvas (summen som én
                              oppgave, --canvas-assignment NAVN, standard «Lab 2 (labgrade)»; listens
                              identifikator som --canvas-id sis-login-id|sis-user-id|name)
      --gradebook FILE        med --roster: en enkel CSV, én rad per student med status
      --similarity            sammenlign studentenes src/-filer per oppgave (Dolos; startkoden holdes
                              utenfor) og flagg par på eller over --similarity-threshold (standard
                              0.5) i sammendraget, CSV-en og HTML-siden; karakterene endres ikke.
                              --submissions DIR: studentenes mapper, når de ikke er der de ble rettet
  labgrade export-template <dir> [--bundle-key FILE] [--suites-copy DIR] [--hashes FILE]
                                                  skriv studentmalen til <dir>: ingen løsninger, ingen
                                                  skjulte tester (sjekket). --bundle-key skriver også de
                                                  skjulte testene kryptert (graders/suites.bundle) med
                                                  nøkkelen i FILE, som lages om den mangler; --suites-copy
                                                  skriver dem til DIR for et privat repository; hashene av
                                                  det som ble sendt ut skrives til FILE (standard
                                                  graders/suites/template.json), for omretting
  labgrade unpack-suites [--bundle FILE]          åpne graders/suites.bundle med nøkkelen i
                                                  LABGRADE_SUITES_KEY til graders/suites (for CI)
  labgrade schema [--out FILE]                    skriv ut JSON-skjemaet for resultatfilene
  labgrade watch <slug> [--once] [--lang en|nb]   ved hver lagring i exercises/<slug>/src: de statiske
                                                  sjekkene (syntaks, typer, importer, det som ikke er
                                                  skrevet ennå) og de synlige testene; --once kjører dem én
                                                  gang (avslutter med 1 når noe gjenstår)
  labgrade doctor [--lang en|nb]                  sjekk Node, TF.js-backenden, datasettene og at oppgavene kompilerer
  labgrade help [--lang en|nb]                    denne teksten
`;

/** The language asked for with `--lang` anywhere on the command line: Norwegian for `nb`, else English. */
function languageOf(argv: string[]): Language {
  const at = argv.indexOf('--lang');
  const inline = argv.find((a) => a.startsWith('--lang='))?.slice('--lang='.length);
  return (at >= 0 ? argv[at + 1] : inline) === 'nb' ? 'nb' : 'en';
}

/** The help text in the language asked for with `--lang`. */
function helpText(argv: string[]): string {
  return languageOf(argv) === 'nb' ? HELP_NB : HELP;
}

/** `--lang`: English unless asked otherwise. */
function parseLanguage(value: string | undefined): Language {
  if (value === undefined) return 'en';
  if (!(LANGUAGES as readonly string[]).includes(value)) throw new UsageError(`Expected --lang to be one of ${LANGUAGES.join(', ')}, but got "${value}".`);
  return value as Language;
}

/** `--jobs N`: how many gradings at once, 1 unless asked. */
function parseJobs(value: string | undefined): number {
  const jobs = value === undefined ? 1 : Number(value);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`Expected --jobs to be a positive whole number, but got "${value}".`);
  return jobs;
}

/** Node's own errors for a command line it cannot parse (an unknown option, a missing value, a stray word). */
function isParseArgsError(error: unknown): error is Error {
  return error instanceof Error && String((error as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS_');
}

/** Whether the command line asks `grade` for Gradescope's format, read without parsing it (parsing may be what failed). */
function wantsGradescope(argv: string[]): boolean {
  const at = argv.indexOf('--format');
  return argv[0] === 'grade' && ((at >= 0 && argv[at + 1] === 'gradescope') || argv.includes('--format=gradescope'));
}

function fail(error: unknown): void {
  // Gradescope reads results.json whatever happened: grading that could not run scores 0, with the reason.
  if (wantsGradescope(process.argv.slice(2))) {
    const reason = error instanceof Error ? error.message : String(error);
    void import('../reporters/gradescope.ts').then(({ gradescopeFailure }) => process.stdout.write(`${JSON.stringify(gradescopeFailure(reason), null, 2)}\n`));
  }
  if (error instanceof UsageError || isParseArgsError(error)) {
    // parseArgs explains what it could not read; the help below says what is expected.
    const message = isParseArgsError(error) && !(error instanceof UsageError) ? `${error.message.split('. To specify')[0]!.replace(/\.$/, '')}.` : errorMessageIn(error, languageOf(process.argv.slice(2)));
    process.stderr.write(`labgrade: ${message}\n\n${helpText(process.argv.slice(2))}`);
    process.exitCode = 2;
  } else if (error instanceof LabgradeError || (error instanceof Error && 'code' in error && String((error as { code: unknown }).code).startsWith('LABGRADE_'))) {
    // Errors speak the language asked for with --lang, like the feedback.
    process.stderr.write(`labgrade: ${errorMessageIn(error, languageOf(process.argv.slice(2)))}\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`labgrade: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  }
}

async function grade(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
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
      shard: { type: 'string' },
      pictures: { type: 'string' },
      'no-notices': { type: 'boolean', default: false },
    },
  });
  const formats = [...Object.keys(reporters), 'gradescope', 'classroom'];
  if (!formats.includes(values.format!)) throw new UsageError(`Expected --format to be one of ${formats.join(', ')}, but got "${values.format}".`);
  const format = values.format as ReportFormat | 'gradescope' | 'classroom';
  let backend;
  try {
    backend = parseBackendChoice(values.backend!);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  let seed: number | undefined;
  if (values.seed !== undefined) {
    seed = Number(values.seed);
    if (!Number.isInteger(seed) || seed < 0) throw new UsageError(`Expected --seed to be a non-negative integer, but got "${values.seed}".`);
  }
  if (values.lang !== undefined) parseLanguage(values.lang);
  if (values.solution && values.submission) throw new UsageError('Use either --solution or --submission DIR, not both.');
  const slugs = values.all ? await listExercises() : positionals;
  // Formats that describe all graded exercises in one document are printed once, at the end.
  const combined = format === 'gradescope' || (format === 'json' && slugs.length > 1);
  if (!slugs.length) throw new UsageError(localized('error.no-exercise-named'));
  if (values.all && positionals.length) throw new UsageError('Use either --all or exercise names, not both.');
  if (values.submissions !== undefined) {
    if (values.solution || values.submission) throw new UsageError('Use --submissions DIR on its own, without --solution or --submission.');
    if (values.pictures !== undefined) throw new UsageError('--pictures draws one submission\'s pictures; use it without --submissions.');
    if (format === 'gradescope' || format === 'md' || format === 'classroom') {
      throw new UsageError(`Expected --format text or json with --submissions, but got "${format}": Gradescope, Classroom and markdown reports describe one submission.`);
    }
    const jobs = parseJobs(values.jobs);
    let shard: { index: number; count: number } | undefined;
    if (values.shard !== undefined) {
      const match = /^(\d+)\/(\d+)$/.exec(values.shard);
      if (!match || Number(match[1]) >= Number(match[2])) throw new UsageError(`Expected --shard INDEX/COUNT with INDEX below COUNT, but got "${values.shard}".`);
      shard = { index: Number(match[1]), count: Number(match[2]) };
    }
    for (const slug of slugs) await loadExercise(slug);
    await assertWritableDir(path.resolve(values.out!));
    const { gradeBatch, renderBatchJson, renderBatchText } = await import('../engine/batch.ts');
    const entries = await gradeBatch({
      slugs,
      submissionsDir: values.submissions,
      outDir: path.resolve(values.out!),
      backend,
      seed,
      language: values.lang as Language | undefined,
      jobs,
      force: values.force!,
      shard,
      onLine: (line) => process.stderr.write(`${line}\n`),
    });
    process.stdout.write(format === 'json' ? renderBatchJson(entries) : renderBatchText(entries, slugs));
    if (entries.some((e) => e.error)) process.exitCode = 1;
    return;
  }
  if (values.shard !== undefined) throw new UsageError('--shard goes with --submissions DIR.');
  const jobs = parseJobs(values.jobs);
  if (values['no-notices'] && format !== 'classroom') throw new UsageError(`--no-notices goes with --format classroom (its notices), but the format is "${format}".`);
  const submission: SubmissionChoice = values.solution ? { kind: 'solution' } : values.submission ? { kind: 'custom', dir: values.submission } : { kind: 'exercise' };
  const outDir = path.resolve(values.out!);
  await assertWritableDir(outDir);
  // On a student's machine, hints of checks that keep failing grow more specific; CI starts afresh each run.
  const hintHistory = process.env.CI
    ? undefined
    : await (await import('../engine/hint-history.ts')).HintHistory.open(path.resolve(process.env.LABGRADE_HINT_HISTORY ?? path.join('.labgrade', 'hint-history.json')));
  // Every exercise named must exist before any grading starts.
  for (const slug of slugs) await loadExercise(slug);
  // Exercises whose result from an earlier grading of the same inputs was reused (see reuse.ts).
  const reused = new Set<string>();
  // With --jobs N, up to N exercises are graded at once; each one's lines are held until the exercises before
  // it are done, so that the output reads as one after the other. The manifest has no estimate of grading
  // time (estimatedMinutes is the student's), so they start in the order named.
  const gradeOne = async (index: number, out: TaskOutput): Promise<GradeResult> => {
    const slug = slugs[index]!;
    // Each exercise speaks --lang, or its manifest's language.
    const language = (values.lang as Language | undefined) ?? (await loadExercise(slug)).language;
    const picturesDir = values.pictures === undefined ? undefined : path.resolve(values.pictures);
    const resultFile = path.join(outDir, `${slug}.result.json`);
    const common = { slug, submission, backend, seed, language: values.lang as Language | undefined, ...(picturesDir ? { picturesDir } : {}) };
    const reuse = values.force ? undefined : await checkReuse(resultFile, common);
    if (reuse?.reusable) {
      reused.add(slug);
      out.stderr(`${msg('cli.reused', language, { slug, when: reuse.reusable.startedAt })}\n`);
      if (format === 'classroom') out.stdout(reporters.text(reuse.reusable));
      else if (!combined) out.stdout(reporters[format as ReportFormat](reuse.reusable));
      return reuse.reusable;
    }
    if (reuse?.changed.length) out.stderr(`${msg('cli.regrading', language, { slug, changed: reuse.changed.join(', ') })}\n`);
    out.stderr(`${msg('cli.grading', language, { slug, kind: submission.kind, backend })}\n`);
    // Training progress on stderr: a bar redrawn in place in a terminal, a line per epoch in a log or CI, or
    // with --jobs N: bars of exercises graded at once would overwrite each other.
    const live = jobs === 1 && Boolean(process.stderr.isTTY) && !process.env.CI;
    const bar = new ProgressBar((text) => out.stderr(text), live, `  ${msg('cli.train-label', language)}`, undefined, language);
    const result = await gradeExercise({
      ...common,
      outDir,
      ...(hintHistory ? { hintHistory } : {}),
      onTrainingProgress: (p) => bar.update(p),
    });
    bar.finish();
    const warning = await hintHistory?.save();
    if (warning) out.stderr(`${warning}\n`);
    if (format === 'classroom') out.stdout(reporters.text(result));
    else if (!combined) out.stdout(reporters[format as ReportFormat](result));
    out.stderr(`${msg('cli.result-written', language, { path: path.relative(process.cwd(), path.join(outDir, `${slug}.result.json`)) })}\n`);
    if (picturesDir) {
      const dir = path.join(picturesDir, slug);
      const drawn = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.png')).sort() : [];
      out.stderr(
        drawn.length
          ? `${msg('cli.pictures', language, { files: drawn.map((f) => path.relative(process.cwd(), path.join(dir, f))).join(', ') })}\n`
          : `${msg('cli.no-pictures', language, { slug })}\n`,
      );
    }
    return result;
  };
  const results = await runInOrder(slugs.length, jobs, gradeOne, { stdout: (text) => void process.stdout.write(text), stderr: (text) => void process.stderr.write(text) });
  if (format === 'gradescope') process.stdout.write(renderGradescope(results));
  else if (format === 'classroom') await (await import('../reporters/classroom-run.ts')).reportToClassroom(results, { reused, notices: !values['no-notices'] });
  else if (combined) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  if (slugs.length > 1) {
    // Per exercise: score, status and wall time (the whole grading, static checks included), or that it was reused.
    const width = Math.max(...results.map((r) => r.exercise.id.length));
    for (const r of results) {
      const time = reused.has(r.exercise.id) ? 'reused' : `${(r.timing.totalMs / 1000).toFixed(1)} s`;
      process.stderr.write(`  ${r.exercise.id.padEnd(width)}  ${`${r.score}/${r.maxScore}`.padStart(7)}  ${r.status.padEnd(5)}  ${time.padStart(9)}\n`);
    }
    const { total, max } = classroomPoints(results);
    const seconds = results.filter((r) => !reused.has(r.exercise.id)).reduce((s, r) => s + r.timing.totalMs, 0) / 1000;
    process.stderr.write(`${msg('cli.total', results[0]!.language, { total, max, count: results.length, seconds: seconds.toFixed(1) })}\n`);
    if (reused.size) process.stderr.write(`${msg('cli.reused-total', results[0]!.language, { graded: results.length - reused.size, count: results.length, reused: reused.size, seconds: seconds.toFixed(1) })}\n`);
  }
}

async function report(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      csv: { type: 'string' },
      html: { type: 'string' },
      roster: { type: 'string' },
      canvas: { type: 'string' },
      gradebook: { type: 'string' },
      'canvas-assignment': { type: 'string' },
      'canvas-id': { type: 'string' },
      similarity: { type: 'boolean', default: false },
      'similarity-threshold': { type: 'string' },
      submissions: { type: 'string' },
    },
  });
  if (!positionals.length) throw new UsageError('Name the result files or folders to report on, e.g. `labgrade report results --csv grades.csv`.');
  const { CANVAS_ID_COLUMNS } = await import('../reporters/class/gradebook.ts');
  if ((values.canvas !== undefined || values.gradebook !== undefined) && values.roster === undefined) {
    throw new UsageError('--canvas and --gradebook join the results with the class roster: add --roster FILE, GitHub Classroom\'s roster export (the Students tab\'s download).');
  }
  const canvasId = values['canvas-id'] ?? 'sis-login-id';
  if (!(CANVAS_ID_COLUMNS as readonly string[]).includes(canvasId)) throw new UsageError(`Expected --canvas-id to be one of ${CANVAS_ID_COLUMNS.join(', ')}, but got "${canvasId}".`);
  if ((values['similarity-threshold'] !== undefined || values.submissions !== undefined) && !values.similarity) throw new UsageError('--similarity-threshold and --submissions go with --similarity.');
  const threshold = values['similarity-threshold'] === undefined ? undefined : Number(values['similarity-threshold']);
  if (threshold !== undefined && !(threshold > 0 && threshold <= 1)) throw new UsageError(`Expected --similarity-threshold to be a number in (0, 1], such as 0.5, but got "${values['similarity-threshold']}".`);
  const { collectResults, renderCsv, renderSummary } = await import('../reporters/class/report.ts');
  const { results, warnings } = collectResults(positionals);
  for (const warning of warnings) process.stderr.write(`${warning}\n`);
  let similar;
  if (values.similarity) {
    const { findSimilarPairs, similarTo } = await import('../reporters/class/similarity.ts');
    similar = await findSimilarPairs({ results, ...(values.submissions !== undefined ? { submissionsDir: path.resolve(values.submissions) } : {}), ...(threshold !== undefined ? { threshold } : {}) });
    for (const warning of similar.warnings) process.stderr.write(`${warning}\n`);
    process.stderr.write(`Similar code (a flag for a person to look at; grades are unchanged): ${similar.pairs.length ? similar.pairs.map((p) => `${p.left} and ${p.right} in ${p.exercise}, ${Math.round(p.similarity * 100)}%`).join('; ') : 'no pair reaches the threshold'}.\n`);
    if (values.csv !== undefined) await writeFileAtomic(path.resolve(values.csv), renderCsv(results, similarTo(similar.pairs)));
  }
  if (values.csv !== undefined) {
    if (!similar) await writeFileAtomic(path.resolve(values.csv), renderCsv(results));
    process.stderr.write(`CSV written to ${values.csv}\n`);
  }
  if (values.html !== undefined) {
    const { renderHtml } = await import('../reporters/class/html.ts');
    await writeFileAtomic(path.resolve(values.html), renderHtml(results, undefined, similar?.pairs));
    process.stderr.write(`HTML report written to ${values.html}\n`);
  }
  if (values.roster !== undefined) {
    const { joinRoster, readRoster } = await import('../reporters/class/roster.ts');
    const { renderCanvasCsv, renderGradebookCsv, rosterFindings } = await import('../reporters/class/gradebook.ts');
    const roster = readRoster(path.resolve(values.roster));
    for (const warning of roster.warnings) process.stderr.write(`${warning}\n`);
    const students = joinRoster(roster.entries, results);
    if (values.canvas !== undefined) {
      const assignment = values['canvas-assignment'];
      await writeFileAtomic(path.resolve(values.canvas), renderCanvasCsv(students, { canvasId: canvasId as (typeof CANVAS_ID_COLUMNS)[number], ...(assignment !== undefined ? { assignment } : {}) }));
      process.stderr.write(`Canvas gradebook written to ${values.canvas}\n`);
    }
    if (values.gradebook !== undefined) {
      await writeFileAtomic(path.resolve(values.gradebook), renderGradebookCsv(students));
      process.stderr.write(`Gradebook written to ${values.gradebook}\n`);
    }
    for (const line of rosterFindings(students)) process.stderr.write(`${line}\n`);
  }
  process.stdout.write(renderSummary(results));
}

/** `labgrade list`: each exercise's level, time, points and title, in the language asked for. */
async function list(argv: string[]): Promise<void> {
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

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'grade':
      return grade(rest);
    case 'list':
      return list(rest);
    case 'stubs': {
      const { runStubs } = await import('../template/stubs.ts');
      const { values } = parseArgs({ args: rest, options: { check: { type: 'boolean', default: false } } });
      return runStubs({ check: values.check! });
    }
    case 'schema': {
      const { values } = parseArgs({ args: rest, options: { out: { type: 'string' } } });
      const text = `${JSON.stringify(resultJsonSchema(), null, 2)}\n`;
      if (values.out) await writeFileAtomic(path.resolve(values.out), text);
      else process.stdout.write(text);
      return;
    }
    case 'report':
      return report(rest);
    case 'export-template': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { 'bundle-key': { type: 'string' }, 'suites-copy': { type: 'string' }, hashes: { type: 'string' } },
      });
      if (positionals.length !== 1) throw new UsageError(`Expected one folder to write the template to, e.g. \`labgrade export-template ../lab2-template\`, but got ${positionals.length}.`);
      const { exportTemplate } = await import('../template/export.ts');
      const summary = await exportTemplate({
        dir: positionals[0]!,
        ...(values['bundle-key'] !== undefined ? { bundleKeyFile: values['bundle-key'] } : {}),
        ...(values['suites-copy'] !== undefined ? { suitesCopyDir: values['suites-copy'] } : {}),
        ...(values.hashes !== undefined ? { hashesFile: values.hashes } : {}),
      });
      const lines = [`Template written to ${positionals[0]} (${summary.files} files; no solution or hidden suite text in it).`];
      if (values['bundle-key'] !== undefined) {
        lines.push(
          summary.keyCreated
            ? `A new key is in ${values['bundle-key']}: add its contents as the secret LABGRADE_SUITES_KEY, and keep the file out of the template.`
            : `The hidden suites are encrypted with the key in ${values['bundle-key']} (the secret LABGRADE_SUITES_KEY).`,
        );
      }
      if (values['suites-copy'] !== undefined) lines.push(`The hidden suites are in ${values['suites-copy']}: push them to the private repository named by LABGRADE_SUITES_REPOSITORY.`);
      const hashes = path.relative(process.cwd(), summary.hashesFile);
      lines.push(`The template's hashes are in ${hashes.startsWith('..') ? summary.hashesFile : hashes}: keep them with the suites, so that regrades report changed files.`);
      process.stdout.write(`${lines.join('\n')}\n`);
      return;
    }
    case 'unpack-suites': {
      const { values } = parseArgs({ args: rest, options: { bundle: { type: 'string' } } });
      const { unpackSuites } = await import('../template/export.ts');
      const count = await unpackSuites(values.bundle !== undefined ? path.resolve(values.bundle) : undefined);
      process.stdout.write(`Unpacked ${count} files of the hidden suites into graders/suites.\n`);
      return;
    }
    case 'watch': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { once: { type: 'boolean', default: false }, lang: { type: 'string' } } });
      if (positionals.length !== 1) throw new UsageError(`Expected one exercise to watch, e.g. \`labgrade watch 00a-cnn-basics\`, but got ${positionals.length}. \`labgrade list\` shows them.`);
      const manifest = await loadExercise(positionals[0]!);
      const { watchExercise } = await import('./watch.ts');
      process.exitCode = await watchExercise({ manifest, language: values.lang === undefined ? manifest.language : parseLanguage(values.lang), once: values.once! });
      return;
    }
    case 'doctor': {
      const { values } = parseArgs({ args: rest, options: { lang: { type: 'string' } } });
      const language = parseLanguage(values.lang);
      const manifests = await Promise.all((await listExercises()).map((slug) => loadExercise(slug)));
      const { formatDoctor, runDoctor } = await import('./doctor.ts');
      const findings = await runDoctor(manifests, language);
      process.stdout.write(formatDoctor(findings, language));
      if (findings.some((f) => f.status === 'problem')) process.exitCode = 1;
      return;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(helpText(rest));
      return;
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

// A reader that stops early (`labgrade list | head -3`) closes the pipe: what is left unwritten is not wanted.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

main(process.argv.slice(2)).catch(fail);
