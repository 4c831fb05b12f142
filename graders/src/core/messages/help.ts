/**
 * `labgrade help`: what each command does and its options, in English and Norwegian bokmål. Part of the one
 * message catalogue (core/i18n.ts merges it); cli-errors.test.ts checks both name the same commands and options.
 */
import type { Entries } from './entry.ts';

const HELP_EN = `labgrade: auto-graded deep-learning exercises

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

export const helpMessages = {
  'cli.help': { en: () => HELP_EN, nb: () => HELP_NB },
} satisfies Entries;
