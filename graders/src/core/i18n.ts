/**
 * The one message catalogue of the graders, in English and Norwegian bokmål: every text that has both
 * languages is rendered from here with `msg(key, language, params)`, or taken in both with `localized`. A
 * missing language is a type error, and test/graders/i18n.test.ts checks that every entry renders in both.
 * The language is always passed in: there is no language set for the whole process.
 */
import type { Localized } from '../../../runtime/language.ts';
import type { Language } from '../../../runtime/language.ts';
import type { Entries, Entry, Params } from './messages/entry.ts';
// The catalogue's parts by who shows them (core/messages/); they hold text only.
import { cliMessages } from './messages/cli.ts';
import { helpMessages } from './messages/help.ts';
import { reportMessages } from './messages/reports.ts';
import { staticMessages } from './messages/static.ts';

export type { Localized };
export type { Entries, Entry, Params };

const engineMessages = {
  'goals.table-header': { en: () => '| learning goal | graded by |\n|---|---|', nb: () => '| læringsmål | rettes av |\n|---|---|' },
  'check.pass': { en: () => 'Passed.', nb: () => 'Bestått.' },
  'check.not-implemented': {
    en: (p) => `\`${p.fn}\` is not implemented yet: it still throws NotImplementedError. Write its body, then grade again.`,
    nb: (p) => `\`${p.fn}\` er ikke implementert ennå: den kaster fortsatt NotImplementedError. Skriv innholdet i funksjonen og rett på nytt.`,
  },
  'check.exception': {
    en: (p) =>
      `Your code threw ${p.name}: ${p.message}${p.where ? ` (at ${p.where})` : ''}. Read the message, fix the line it points to, and run the visible tests.`,
    nb: (p) =>
      `Koden din kastet ${p.name}: ${p.message}${p.where ? ` (i ${p.where})` : ''}. Les meldingen, rett linjen den peker på, og kjør de synlige testene.`,
  },
  'check.by-hand': {
    en: (p) =>
      `\`${p.fn}\` uses library code (${p.what} at ${p.where}${p.via ? `, in ${p.via}` : ''}): this exercise asks for the operation written by hand, with loops over the numbers, so this check earns nothing${p.more ? ` (the static checks list ${p.more} more such use${Number(p.more) === 1 ? '' : 's'})` : ''}. The README describes how.`,
    nb: (p) =>
      `\`${p.fn}\` bruker bibliotekskode (${p.what} i ${p.where}${p.via ? `, i ${p.via}` : ''}): denne oppgaven ber om at operasjonen skrives for hånd, med løkker over tallene, så denne sjekken gir ingen poeng${p.more ? ` (de statiske sjekkene viser ${p.more} til)` : ''}. README-en beskriver hvordan.`,
  },
  'check.tampered': {
    en: (p) =>
      `The grader did not accept what the ${p.phase} step sent back: it was changed on its way from your code's process to the grader (its seal did not match). Code that rewrites TensorFlow.js, typed arrays or Node's internals can do this; remove it. Your teacher sees this in the class report.`,
    nb: (p) =>
      `Retteren godtok ikke det steget «${p.phase}» sendte tilbake: det ble endret på veien fra prosessen til koden din til retteren (forseglingen stemte ikke). Kode som skriver om TensorFlow.js, typede tabeller eller Nodes interne deler kan gjøre dette; fjern den. Læreren din ser dette i klasserapporten.`,
  },
  'check.invalid': {
    en: (p) => `${p.message}`,
    nb: (p) => `${p.message}`,
  },
  'check.timeout': {
    en: (p) =>
      `The ${p.phase} step did not finish within its time limit of ${p.seconds} s. Look for a loop that never ends, or make training lighter (fewer epochs, a smaller model).`,
    nb: (p) =>
      `Steget «${p.phase}» ble ikke ferdig innen tidsgrensen på ${p.seconds} s. Se etter en løkke som aldri slutter, eller gjør treningen lettere (færre epoker, en mindre modell).`,
  },
  'check.timeout-idle': {
    en: (p) =>
      `The ${p.phase} step stopped computing without finishing: after ${p.wall} s it had computed for only ${p.cpu} s, and nothing in the last ${p.idle} s, so it was ended. Look for a promise that never resolves (a missing \`resolve\`, or an \`await\` on something that never finishes).`,
    nb: (p) =>
      `Steget «${p.phase}» sluttet å regne uten å bli ferdig: etter ${p.wall} s hadde det regnet i bare ${p.cpu} s, og ingenting de siste ${p.idle} s, så det ble stoppet. Se etter et løfte (promise) som aldri blir innfridd (en manglende \`resolve\`, eller en \`await\` på noe som aldri blir ferdig).`,
  },
  'check.memory': {
    en: (p) =>
      `The ${p.phase} step used more than ${p.limit} MiB of memory and was stopped. Dispose tensors you no longer need (tf.tidy, tensor.dispose()) and avoid copying the data many times.`,
    nb: (p) =>
      `Steget «${p.phase}» brukte mer enn ${p.limit} MiB minne og ble stoppet. Frigjør tensorer du ikke trenger (tf.tidy, tensor.dispose()) og unngå å kopiere dataene mange ganger.`,
  },
  'check.crashed': {
    en: (p) => `The ${p.phase} step crashed: ${p.reason}. Run the visible tests to see the full output.`,
    nb: (p) => `Steget «${p.phase}» krasjet: ${p.reason}. Kjør de synlige testene for å se hele utskriften.`,
  },
  'check.skipped': {
    en: (p) => `Not run, because an earlier step failed (${p.reason}).`,
    nb: (p) => `Ikke kjørt, fordi et tidligere steg feilet (${p.reason}).`,
  },
  'check.not-run': {
    en: (p) => `This check did not run: ${p.reason}`,
    nb: (p) => `Denne sjekken ble ikke kjørt: ${p.reason}`,
  },
  'check.grader-error': {
    en: (p) => `The grader could not finish this check: ${p.message}. This is not your fault; tell your instructor.`,
    nb: (p) => `Retteprogrammet klarte ikke å fullføre denne sjekken: ${p.message}. Dette er ikke din feil; si fra til faglæreren.`,
  },
  'check.load-failed': {
    en: (p) => `Your code could not be loaded: ${p.message}`,
    nb: (p) => `Koden din kunne ikke lastes: ${p.message}`,
  },
  'static.compiles.pass': { en: () => 'Your code parses and type-checks.', nb: () => 'Koden din kan leses og typesjekkes.' },
  'static.compiles.fail': {
    en: (p) => `TypeScript reports ${p.count} problem(s). The first: ${p.first}. Fix it (your editor underlines it in red) and grade again.`,
    nb: (p) => `TypeScript rapporterer ${p.count} problem(er). Det første: ${p.first}. Rett det (editoren din streker det under i rødt) og rett på nytt.`,
  },
  'static.imports.pass': { en: () => 'Your code imports only what it may.', nb: () => 'Koden din importerer bare det den har lov til.' },
  'static.imports.fail': {
    en: (p) => `Your code imports ${p.what}, which grading does not allow. Remove that import; use only @tensorflow/tfjs and labgrade/runtime.`,
    nb: (p) => `Koden din importerer ${p.what}, som ikke er tillatt under retting. Fjern importen; bruk bare @tensorflow/tfjs og labgrade/runtime.`,
  },
  'static.attempted.pass': { en: () => 'Every function has been written.', nb: () => 'Alle funksjonene er skrevet.' },
  'static.attempted.fail': {
    en: (p) => `Not implemented yet: ${p.names}. Each still throws NotImplementedError.`,
    nb: (p) => `Ikke implementert ennå: ${p.names}. Hver av dem kaster fortsatt NotImplementedError.`,
  },
  'phase.build': { en: () => 'build', nb: () => 'bygging' },
  'phase.train': { en: () => 'training', nb: () => 'trening' },
  'phase.predict': { en: () => 'prediction', nb: () => 'prediksjon' },
  'phase.static': { en: () => 'static checks', nb: () => 'statiske sjekker' },
  'doctor.title': { en: () => 'labgrade doctor: is this machine ready to grade?', nb: () => 'labgrade doctor: er maskinen klar til retting?' },
  'doctor.node.ok': {
    en: (p) => `Node.js ${p.version} (${p.required} or newer is needed).`,
    nb: (p) => `Node.js ${p.version} (${p.required} eller nyere trengs).`,
  },
  'doctor.node.old': {
    en: (p) =>
      `Node.js ${p.version} is too old: ${p.required} or newer is needed. Install a current Node.js 20 or 22 from https://nodejs.org, then run \`npm ci\` again.`,
    nb: (p) =>
      `Node.js ${p.version} er for gammel: ${p.required} eller nyere trengs. Installer en oppdatert Node.js 20 eller 22 fra https://nodejs.org, og kjør \`npm ci\` på nytt.`,
  },
  'doctor.backend.ok': {
    en: (p) => `TensorFlow.js ${p.tfjs} runs on the ${p.name} backend${p.pkg ? ` (${p.pkg})` : ''}: grading uses it.`,
    nb: (p) => `TensorFlow.js ${p.tfjs} kjører på ${p.name}-backenden${p.pkg ? ` (${p.pkg})` : ''}: rettingen bruker den.`,
  },
  'doctor.backend.skipped': {
    en: (p) => `The faster ${p.name} backend is not in use: ${p.reason}. ${p.fix}`,
    nb: (p) => `Den raskere ${p.name}-backenden er ikke i bruk: ${p.reason}. ${p.fix}`,
  },
  'doctor.backend.native-missing': {
    en: (p) =>
      `The native tensorflow backend (several times faster) is not in use: ${p.pkg} is not installed. \`npm install\` installs it where libtensorflow can be downloaded from Google (GitHub runners, most laptops). Where that download is blocked but a TensorFlow wheel can be had (pip, or a wheel file named by LABGRADE_TF_WHEEL), run \`npm run install:native\`: it builds the backend from the wheel in about a minute. Grading works without it, on WebAssembly.`,
    nb: (p) =>
      `Den native tensorflow-backenden (flere ganger raskere) er ikke i bruk: ${p.pkg} er ikke installert. \`npm install\` installerer den der libtensorflow kan lastes ned fra Google (GitHubs maskiner, de fleste bærbare). Der den nedlastingen er blokkert, men en TensorFlow-wheel kan hentes (pip, eller en wheel-fil angitt med LABGRADE_TF_WHEEL), kjør \`npm run install:native\`: den bygger backenden fra wheelen på omtrent ett minutt. Rettingen virker uten den, på WebAssembly.`,
  },
  'doctor.backend.native-broken': {
    en: (p) =>
      `The native tensorflow backend is installed but does not load: ${p.reason}. Run \`npm run install:native -- --force\` to rebuild it from a TensorFlow wheel. Until then grading uses WebAssembly.`,
    nb: (p) =>
      `Den native tensorflow-backenden er installert, men lar seg ikke laste: ${p.reason}. Kjør \`npm run install:native -- --force\` for å bygge den på nytt fra en TensorFlow-wheel. Til da bruker rettingen WebAssembly.`,
  },
  'doctor.backend.failed': {
    en: (p) => `No TensorFlow.js backend loads: ${p.reason}. Run \`npm ci\` to restore the packages.`,
    nb: (p) => `Ingen TensorFlow.js-backend lar seg laste: ${p.reason}. Kjør \`npm ci\` for å hente pakkene på nytt.`,
  },
  'doctor.dataset.ok': { en: (p) => `Dataset ${p.name}: present, checksums match.`, nb: (p) => `Datasett ${p.name}: finnes, sjekksummene stemmer.` },
  'doctor.dataset.generated': {
    en: (p) => `Dataset ${p.name}: generated when needed, nothing to download.`,
    nb: (p) => `Datasett ${p.name}: lages ved behov, ingenting å laste ned.`,
  },
  'doctor.dataset.problem': { en: (p) => `Dataset ${p.name}: ${p.problem}`, nb: (p) => `Datasett ${p.name}: ${p.problem}` },
  'doctor.compile.ok': { en: (p) => `${p.slug}: your files compile (${p.files}).`, nb: (p) => `${p.slug}: filene dine kompilerer (${p.files}).` },
  'doctor.compile.errors': {
    en: (p) =>
      `${p.slug}: ${p.count} TypeScript error(s); first: ${p.first}. Fix it (your editor underlines it), or run \`npx labgrade grade ${p.slug}\` for all of them.`,
    nb: (p) =>
      `${p.slug}: ${p.count} TypeScript-feil; første: ${p.first}. Rett den (editoren din streker den under), eller kjør \`npx labgrade grade ${p.slug}\` for å se alle.`,
  },
  'doctor.compile.missing': {
    en: (p) => `${p.slug}: the file ${p.file} is missing. Restore it from the exercise template (git checkout -- ${p.path}).`,
    nb: (p) => `${p.slug}: fila ${p.file} mangler. Hent den tilbake fra oppgavemalen (git checkout -- ${p.path}).`,
  },
  'doctor.summary.ok': { en: () => 'Everything needed for grading is in place.', nb: () => 'Alt som trengs for retting er på plass.' },
  'doctor.summary.problems': {
    en: (p) => `${p.count} problem(s) to fix before grading; each says how.`,
    nb: (p) => `${p.count} problem(er) å rette før retting; hvert av dem sier hvordan.`,
  },
  'watch.start': {
    en: (p) => `Watching ${p.path} for changes: each save runs the static checks and the visible tests of ${p.slug}. Stop with Ctrl+C.`,
    nb: (p) => `Følger med på endringer i ${p.path}: hver lagring kjører de statiske sjekkene og de synlige testene for ${p.slug}. Stopp med Ctrl+C.`,
  },
  'watch.round': { en: (p) => `[${p.time}] Checking ${p.files}…`, nb: (p) => `[${p.time}] Sjekker ${p.files}…` },
  'watch.static.ok': {
    en: () => 'Static checks: your files parse, type-check and import only what is allowed.',
    nb: () => 'Statiske sjekker: filene dine kan leses, typesjekkes og importerer bare det som er lov.',
  },
  'watch.static.problems': { en: (p) => `Static checks: ${p.count} problem(s):`, nb: (p) => `Statiske sjekker: ${p.count} problem(er):` },
  'watch.not-implemented': { en: (p) => `Not implemented yet: ${p.names}.`, nb: (p) => `Ikke implementert ennå: ${p.names}.` },
  'watch.tests.pass': {
    en: () => 'Visible tests: all passed. Push to have your work graded.',
    nb: () => 'Synlige tester: alle bestått. Push for å få arbeidet ditt rettet.',
  },
  'watch.tests.fail': {
    en: () => 'Visible tests: some failed (above). Each says what it expected; fix one at a time and save.',
    nb: () => 'Synlige tester: noen feilet (over). Hver av dem sier hva den forventet; rett én om gangen og lagre.',
  },
  'watch.waiting': { en: () => 'Waiting for the next save…', nb: () => 'Venter på neste lagring…' },
  'error.unknown-exercise': {
    en: (p) => `There is no exercise "${p.slug}". Expected one of: ${p.names}. Run \`npx labgrade list\` to see them.`,
    nb: (p) => `Det finnes ingen oppgave «${p.slug}». Forventet en av: ${p.names}. Kjør \`npx labgrade list\` for å se dem.`,
  },
  'error.no-exercise-named': {
    en: () => 'Name an exercise to grade (see `labgrade list`), or use --all.',
    nb: () => 'Oppgi hvilken oppgave som skal rettes (se `labgrade list`), eller bruk --all.',
  },
  'error.no-solution': {
    en: (p) =>
      `Expected the reference solution in ${p.path}, but this repository has none (a student repository never does). Grade your own work with \`npx labgrade grade ${p.slug}\`.`,
    nb: (p) =>
      `Forventet løsningsforslaget i ${p.path}, men dette repositoryet har ingen (et studentrepository har aldri det). Rett ditt eget arbeid med \`npx labgrade grade ${p.slug}\`.`,
  },
  'error.submission-missing': {
    en: (p) => `Expected --submission to name a folder with the exercise's src/ files, but ${p.path} does not exist.`,
    nb: (p) => `Forventet at --submission viser til en mappe med oppgavens src/-filer, men ${p.path} finnes ikke.`,
  },
  'error.suite-missing': {
    en: (p) => `Expected the hidden suite for ${p.slug} in ${p.path}, but it is not there. Restore it from version control.`,
    nb: (p) => `Forventet de skjulte testene for ${p.slug} i ${p.path}, men de er ikke der. Hent dem tilbake fra versjonskontrollen.`,
  },
  'error.suite-not-here': {
    en: (p) =>
      `The graded checks for ${p.slug} are not in this repository: they run on GitHub when you push. Open your repository's Actions tab, then the latest "Autograding Tests" run, for your points and feedback. Here, \`npm run test:exercise -- ${p.slug}\` runs the visible tests.`,
    nb: (p) =>
      `De poenggivende sjekkene for ${p.slug} ligger ikke i dette repositoryet: de kjøres på GitHub når du pusher. Åpne fanen Actions i repositoryet ditt, så den siste kjøringen av «Autograding Tests», for poengene og tilbakemeldingene dine. Her kjører \`npm run test:exercise -- ${p.slug}\` de synlige testene.`,
  },
  'error.dataset-unavailable': {
    en: (p) => `Grading ${p.slug} needs data that is missing or damaged:`,
    nb: (p) => `Rettingen av ${p.slug} trenger data som mangler eller er skadet:`,
  },
  'error.backend-missing': {
    en: (p) =>
      `The "${p.backend}" backend is not available: ${p.pkg} is not installed. Install it with \`npm install ${p.pkg}\` on a machine that can download libtensorflow (GitHub runners and most laptops can)${p.backend === 'tensorflow' ? '; where that download is blocked but a TensorFlow wheel can be had, run `npm run install:native` after `npm ci`' : ''}; or grade with \`--backend wasm\`.`,
    nb: (p) =>
      `Backenden «${p.backend}» er ikke tilgjengelig: ${p.pkg} er ikke installert. Installer den med \`npm install ${p.pkg}\` på en maskin som kan laste ned libtensorflow (GitHubs maskiner og de fleste bærbare kan det)${p.backend === 'tensorflow' ? '; der den nedlastingen er blokkert, men en TensorFlow-wheel kan hentes, kjør `npm run install:native` etter `npm ci`' : ''}; eller rett med \`--backend wasm\`.`,
  },
} satisfies Entries;

/** The one catalogue: the engine's messages, the command line's (help, usage errors) and the reports'. */
export const messages = { ...engineMessages, ...cliMessages, ...helpMessages, ...reportMessages, ...staticMessages };

export type MessageKey = keyof typeof messages;

/** Renders a catalogue message in one language. */
export function msg(key: MessageKey, language: Language, params: Params = {}): string {
  return (messages[key] as Entry)[language](params);
}

/** Both languages of a catalogue message. */
export function localized(key: MessageKey, params: Params = {}): Localized {
  return { en: msg(key, 'en', params), nb: msg(key, 'nb', params) };
}

export { decimalComma } from '../../../runtime/language.ts';
