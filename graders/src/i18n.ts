/**
 * Messages the engine shows students, in English and Norwegian bokmål. A missing language is a type error,
 * and test/graders/i18n.test.ts checks that every entry renders in both.
 */
import type { Language } from './manifest.ts';

export type Localized = { en: string; nb: string };
type Params = Record<string, string | number>;
type Entry = { en: (p: Params) => string; nb: (p: Params) => string };

export const messages = {
  'check.pass': { en: () => 'Passed.', nb: () => 'Bestått.' },
  'check.not-implemented': {
    en: (p) => `\`${p.fn}\` is not implemented yet: it still throws NotImplementedError. Write its body, then grade again.`,
    nb: (p) => `\`${p.fn}\` er ikke implementert ennå: den kaster fortsatt NotImplementedError. Skriv innholdet i funksjonen og rett på nytt.`,
  },
  'check.exception': {
    en: (p) => `Your code threw ${p.name}: ${p.message}${p.where ? ` (at ${p.where})` : ''}. Read the message, fix the line it points to, and run the visible tests.`,
    nb: (p) => `Koden din kastet ${p.name}: ${p.message}${p.where ? ` (i ${p.where})` : ''}. Les meldingen, rett linjen den peker på, og kjør de synlige testene.`,
  },
  'check.invalid': {
    en: (p) => `${p.message}`,
    nb: (p) => `${p.message}`,
  },
  'check.timeout': {
    en: (p) => `The ${p.phase} step did not finish within its time limit of ${p.seconds} s. Look for a loop that never ends, or make training lighter (fewer epochs, a smaller model).`,
    nb: (p) => `Steget «${p.phase}» ble ikke ferdig innen tidsgrensen på ${p.seconds} s. Se etter en løkke som aldri slutter, eller gjør treningen lettere (færre epoker, en mindre modell).`,
  },
  'check.memory': {
    en: (p) => `The ${p.phase} step used more than ${p.limit} MiB of memory and was stopped. Dispose tensors you no longer need (tf.tidy, tensor.dispose()) and avoid copying the data many times.`,
    nb: (p) => `Steget «${p.phase}» brukte mer enn ${p.limit} MiB minne og ble stoppet. Frigjør tensorer du ikke trenger (tf.tidy, tensor.dispose()) og unngå å kopiere dataene mange ganger.`,
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
} satisfies Record<string, Entry>;

export type MessageKey = keyof typeof messages;

/** Renders a catalogue message in one language. */
export function msg(key: MessageKey, language: Language, params: Params = {}): string {
  return (messages[key] as Entry)[language](params);
}

/** Both languages of a catalogue message. */
export function localized(key: MessageKey, params: Params = {}): Localized {
  return { en: msg(key, 'en', params), nb: msg(key, 'nb', params) };
}
