/**
 * What the static checks and their runner say about a submission's source, in English and Norwegian bokmål.
 * Part of the one message catalogue (core/i18n.ts merges it); a finding takes both (`localized`).
 */
import type { Entries } from './entry.ts';

export const staticMessages = {
  'static.title.compiles': { en: () => 'The code parses and type-checks', nb: () => 'Koden kan leses og typesjekkes' },
  'static.title.imports': { en: () => 'Only allowed imports', nb: () => 'Bare tillatte importer' },
  'static.not-attempted': { en: (p) => `${p.fn} is not implemented yet.`, nb: (p) => `${p.fn} er ikke implementert ennå.` },
  'static.embedded-data': {
    en: (p) => `Holds ${p.what} written into the code: data does not belong in a submission, and your teacher sees this in the class report.`,
    nb: (p) => `Inneholder ${p.what} skrevet inn i koden: data hører ikke hjemme i en innlevering, og læreren din ser dette i klasserapporten.`,
  },
  'static.embedded-text': { en: (p) => `a text of ${p.count} characters`, nb: (p) => `en tekst på ${p.count} tegn` },
  'static.embedded-array': { en: (p) => `an array of ${p.count} numbers`, nb: (p) => `en tabell med ${p.count} tall` },
  'static.forbidden-import': {
    en: (p) => `Imports ${p.what}, which grading does not allow.`,
    nb: (p) => `Importerer ${p.what}, som ikke er tillatt under retting.`,
  },
  'static.import-computed': { en: () => 'a module chosen at run time', nb: () => 'en modul som velges mens koden kjører' },
  'static.import-outside': { en: (p) => `"${p.specifier}" (outside your submission folder)`, nb: (p) => `"${p.specifier}" (utenfor innleveringsmappen din)` },
  'static.import-node': { en: (p) => `the Node module "${p.specifier}"`, nb: (p) => `Node-modulen "${p.specifier}"` },
  'static.import-package': { en: (p) => `the package "${p.specifier}"`, nb: (p) => `pakken "${p.specifier}"` },
  'static.missing-file': {
    en: (p) => `Expected the file ${p.file}, but it is missing. Restore it from the exercise template.`,
    nb: (p) => `Forventet filen ${p.file}, men den mangler. Hent den tilbake fra oppgavemalen.`,
  },
  'static.library-use': {
    en: (p) => `${p.fn} uses ${p.what} from a library${p.via ? ` (in ${p.via})` : ''}; this exercise asks for it written by hand.`,
    nb: (p) => `${p.fn} bruker ${p.what} fra et bibliotek${p.via ? ` (i ${p.via})` : ''}; denne oppgaven ber om at den skrives for hånd.`,
  },
  'static.type-check-timeout': {
    en: (p) => `The type check did not finish within ${p.seconds} s. Look for very deep or recursive types in your code and simplify them.`,
    nb: (p) => `Typesjekken ble ikke ferdig innen ${p.seconds} s. Se etter svært dype eller rekursive typer i koden din, og forenkle dem.`,
  },
  'static.could-not-run': {
    en: (p) => `The static checks could not run: ${p.reason}. Grade again; if this repeats, run \`npx labgrade doctor\`.`,
    nb: (p) => `De statiske sjekkene kunne ikke kjøre: ${p.reason}. Rett på nytt; skjer det igjen, kjør \`npx labgrade doctor\`.`,
  },
  'check.no-such-check': { en: () => 'the hidden suite has no check with this id.', nb: () => 'den skjulte testpakken har ingen sjekk med denne id-en.' },
} satisfies Entries;
