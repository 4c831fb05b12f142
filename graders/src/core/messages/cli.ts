/**
 * What the command line says: its progress lines, the list of exercises and its usage errors, in English and
 * Norwegian bokmål. Part of the one message catalogue (core/i18n.ts merges it); render with `msg`, or make a
 * UsageError from `localized(key, params)` so that the CLI prints the language of `--lang`.
 */
import type { Entries } from './entry.ts';

export const cliMessages = {
  'cli.grading': {
    en: (p) => `Grading ${p.slug} (${p.kind}) on backend ${p.backend}…`,
    nb: (p) => `Retter ${p.slug} (${p.kind}) med backend ${p.backend}…`,
  },
  'cli.train-label': { en: () => 'train', nb: () => 'trening' },
  'cli.result-written': { en: (p) => `Result written to ${p.path}`, nb: (p) => `Resultatet er skrevet til ${p.path}` },
  'cli.pictures': { en: (p) => `Pictures: ${p.files}`, nb: (p) => `Bilder: ${p.files}` },
  'cli.no-pictures': {
    en: (p) => `No pictures for ${p.slug}: it draws none, or what they show did not run.`,
    nb: (p) => `Ingen bilder for ${p.slug}: oppgaven tegner ingen, eller det de viser ble ikke kjørt.`,
  },
  'cli.level.core': { en: () => 'core', nb: () => 'kjerne' },
  'cli.level.recommended': { en: () => 'recommended', nb: () => 'anbefalt' },
  'cli.level.optional': { en: () => 'optional', nb: () => 'valgfri' },
  'cli.list-row': {
    en: (p) => `${p.slug} ${p.level} ~${p.minutes} min  ${p.points} pts  ${p.title}`,
    nb: (p) => `${p.slug} ${p.level} ~${p.minutes} min  ${p.points} poeng  ${p.title}`,
  },
  'cli.total': {
    en: (p) => `Total: ${p.total}/${p.max} over ${p.count} exercises in ${p.seconds} s.`,
    nb: (p) => `Totalt: ${p.total}/${p.max} over ${p.count} oppgaver på ${p.seconds} s.`,
  },
  'cli.reused': {
    en: (p) =>
      `${p.slug}: unchanged since it was graded at ${p.when} (files, exercise, hidden suite, seed, backend, grader): that result is reused. --force grades it again.`,
    nb: (p) =>
      `${p.slug}: uendret siden rettingen ${p.when} (filer, oppgave, skjulte tester, frø, backend, retteprogram): det resultatet brukes om igjen. --force retter på nytt.`,
  },
  'cli.regrading': {
    en: (p) => `${p.slug}: graded again, since its earlier result was graded from other inputs (${p.changed}).`,
    nb: (p) => `${p.slug}: rettes på nytt, fordi det forrige resultatet ble rettet med andre inndata (${p.changed}).`,
  },
  'cli.reused-total': {
    en: (p) => `Graded ${p.graded} of ${p.count} exercises in ${p.seconds} s; ${p.reused} unchanged, their results reused.`,
    nb: (p) => `Rettet ${p.graded} av ${p.count} oppgaver på ${p.seconds} s; ${p.reused} uendret, resultatene deres gjenbrukt.`,
  },
  'usage.one-of': {
    en: (p) => `Expected ${p.option} to be one of ${p.choices}, but got "${p.value}".`,
    nb: (p) => `Forventet at ${p.option} er en av ${p.choices}, men fikk «${p.value}».`,
  },
  'usage.jobs': {
    en: (p) => `Expected --jobs to be a positive whole number, but got "${p.value}".`,
    nb: (p) => `Forventet at --jobs er et positivt heltall, men fikk «${p.value}».`,
  },
  'usage.seed': {
    en: (p) => `Expected --seed to be a non-negative integer, but got "${p.value}".`,
    nb: (p) => `Forventet at --seed er et heltall som ikke er negativt, men fikk «${p.value}».`,
  },
  'usage.solution-or-submission': {
    en: () => 'Use either --solution or --submission DIR, not both.',
    nb: () => 'Bruk enten --solution eller --submission DIR, ikke begge.',
  },
  'usage.all-or-names': {
    en: () => 'Use either --all or exercise names, not both.',
    nb: () => 'Bruk enten --all eller navn på oppgaver, ikke begge.',
  },
  'usage.submissions-alone': {
    en: () => 'Use --submissions DIR on its own, without --solution or --submission.',
    nb: () => 'Bruk --submissions DIR alene, uten --solution eller --submission.',
  },
  'usage.pictures-one-submission': {
    en: () => "--pictures draws one submission's pictures; use it without --submissions.",
    nb: () => '--pictures tegner bildene til én innlevering; bruk det uten --submissions.',
  },
  'usage.submissions-format': {
    en: (p) => `Expected --format ${p.choices} with --submissions, but got "${p.value}": Gradescope, Classroom and markdown reports describe one submission.`,
    nb: (p) =>
      `Forventet --format ${p.choices} med --submissions, men fikk «${p.value}»: Gradescope-, Classroom- og markdown-rapporter beskriver én innlevering.`,
  },
  'usage.format-option': {
    en: (p) => `${p.option} goes with --format ${p.choices} (its notices), but the format is "${p.value}".`,
    nb: (p) => `${p.option} hører til --format ${p.choices} (merknadene dens), men formatet er «${p.value}».`,
  },
  'usage.report-inputs': {
    en: () => 'Name the result files or folders to report on, e.g. `labgrade report results --csv grades.csv`.',
    nb: () => 'Oppgi resultatfilene eller -mappene rapporten skal gjelde, f.eks. `labgrade report results --csv grades.csv`.',
  },
  'usage.roster-needed': {
    en: () =>
      "--canvas and --gradebook join the results with the class roster: add --roster FILE, GitHub Classroom's roster export (the Students tab's download).",
    nb: () =>
      '--canvas og --gradebook kobler resultatene med klasselisten: legg til --roster FILE, klasselisten eksportert fra GitHub Classroom (nedlastingen i fanen Students).',
  },
  'usage.similarity-options': {
    en: () => '--similarity-threshold and --submissions go with --similarity.',
    nb: () => '--similarity-threshold og --submissions hører til --similarity.',
  },
  'usage.similarity-threshold': {
    en: (p) => `Expected --similarity-threshold to be a number in (0, 1], such as 0.5, but got "${p.value}".`,
    nb: (p) => `Forventet at --similarity-threshold er et tall i (0, 1], som 0,5 (skrevet med punktum), men fikk «${p.value}».`,
  },
  'usage.template-folder': {
    en: (p) => `Expected one folder to write the template to, e.g. \`labgrade export-template ../lab2-template\`, but got ${p.count}.`,
    nb: (p) => `Forventet én mappe å skrive malen til, f.eks. \`labgrade export-template ../lab2-template\`, men fikk ${p.count}.`,
  },
  'usage.watch-one': {
    en: (p) => `Expected one exercise to watch, e.g. \`labgrade watch 00a-cnn-basics\`, but got ${p.count}. \`labgrade list\` shows them.`,
    nb: (p) => `Forventet én oppgave å følge med på, f.eks. \`labgrade watch 00a-cnn-basics\`, men fikk ${p.count}. \`labgrade list\` viser dem.`,
  },
  'usage.unknown-command': {
    en: (p) => `Unknown command "${p.value}".`,
    nb: (p) => `Ukjent kommando «${p.value}».`,
  },
  'usage.result-path-missing': {
    en: (p) => `Expected a result file or a folder of them, but ${p.path} does not exist.`,
    nb: (p) => `Forventet en resultatfil eller en mappe med slike, men ${p.path} finnes ikke.`,
  },
  'usage.no-result-files': {
    en: (p) =>
      `Expected result files (<slug>.result.json) in ${p.path}, but found none. Grade first, e.g. \`labgrade grade --all --submissions DIR --out results\`.`,
    nb: (p) =>
      `Forventet resultatfiler (<slug>.result.json) i ${p.path}, men fant ingen. Rett først, f.eks. \`labgrade grade --all --submissions DIR --out results\`.`,
  },
  'usage.roster-unreadable': {
    en: (p) =>
      `Expected --roster to name GitHub Classroom's roster export (a CSV file), but ${p.file} could not be read: ${p.reason}. Download it from the classroom's Students tab.`,
    nb: (p) =>
      `Forventet at --roster viser til klasselisten eksportert fra GitHub Classroom (en CSV-fil), men ${p.file} kunne ikke leses: ${p.reason}. Last den ned fra fanen Students i klasserommet.`,
  },
  'usage.submissions-missing': {
    en: (p) => `Expected --submissions to name a folder of submissions (one folder per student), but ${p.path} does not exist.`,
    nb: (p) => `Forventet at --submissions viser til en mappe med innleveringer (én mappe per student), men ${p.path} finnes ikke.`,
  },
  'usage.submissions-empty': {
    en: (p) => `Expected one folder per submission in ${p.path}, but it has none. Clone the students' repositories into it first.`,
    nb: (p) => `Forventet én mappe per innlevering i ${p.path}, men den har ingen. Klon studentenes repositoryer inn i den først.`,
  },
  // For the usage errors of engine/grade.ts and template/export.ts, whose owners switch to them (`new UsageError(localized(key, params))`).
  'usage.limit-scale': {
    en: (p) => `Expected LABGRADE_LIMIT_SCALE to be a number in (0, 1], but got "${p.value}".`,
    nb: (p) => `Forventet at LABGRADE_LIMIT_SCALE er et tall i (0, 1], men fikk «${p.value}».`,
  },
  'usage.template-inside-repo': {
    en: (p) => `Expected the template folder to be outside this repository, but ${p.path} is inside ${p.file}. Name a new folder elsewhere.`,
    nb: (p) => `Forventet at malmappen ligger utenfor dette repositoryet, men ${p.path} ligger i ${p.file}. Oppgi en ny mappe et annet sted.`,
  },
  'usage.template-not-empty': {
    en: (p) => `Expected a new or empty folder for the template, but ${p.path} has files in it. Name a new folder, or empty this one.`,
    nb: (p) => `Forventet en ny eller tom mappe for malen, men ${p.path} har filer i seg. Oppgi en ny mappe, eller tøm denne.`,
  },
  'usage.inside-template': {
    en: (p) => `Expected ${p.option} to be outside the template folder (students would see it), but ${p.path} is inside ${p.file}.`,
    nb: (p) => `Forventet at ${p.option} ligger utenfor malmappen (studentene ville sett den), men ${p.path} ligger i ${p.file}.`,
  },
  'usage.suites-copy-not-empty': {
    en: (p) => `Expected a new or empty folder for --suites-copy, but ${p.path} has files in it.`,
    nb: (p) => `Forventet en ny eller tom mappe for --suites-copy, men ${p.path} har filer i seg.`,
  },
  'usage.no-bundle': {
    en: (p) =>
      `Expected the hidden suites bundle at ${p.path}, but there is none. Export the template with --bundle-key FILE, or check the suites out from their repository instead.`,
    nb: (p) =>
      `Forventet den krypterte pakken med skjulte tester i ${p.path}, men den finnes ikke. Eksporter malen med --bundle-key FILE, eller hent de skjulte testene fra repositoryet deres i stedet.`,
  },
  // Node's parseArgs errors, which the CLI shows in the language of --lang (the English is Node's own).
  'usage.unknown-option': { en: (p) => `Unknown option '${p.option}'.`, nb: (p) => `Ukjent valg «${p.option}».` },
  'usage.missing-value': {
    en: (p) => `Option '${p.option} <value>' argument missing.`,
    nb: (p) => `Valget «${p.option}» mangler verdien sin: skriv den etter valget.`,
  },
  'usage.ambiguous-value': {
    en: (p) =>
      `Option '${p.option}' is followed by another option, not its value. Write its value after it (a value that starts with a dash as ${p.option}=-x).`,
    nb: (p) =>
      `Valget «${p.option}» følges av et annet valg, ikke av verdien sin. Skriv verdien etter valget (en verdi som begynner med bindestrek som ${p.option}=-x).`,
  },
  'usage.takes-no-value': {
    en: (p) => `Option '${p.option}' does not take an argument.`,
    nb: (p) => `Valget «${p.option}» tar ingen verdi.`,
  },
  'usage.unexpected-argument': {
    en: (p) => `Unexpected argument '${p.value}'. This command does not take positional arguments.`,
    nb: (p) => `Uventet argument «${p.value}». Denne kommandoen tar ingen argumenter uten valg foran.`,
  },
} satisfies Entries;
