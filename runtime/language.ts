/**
 * The language of the visible tests' names and messages: `LABGRADE_LANG` (`en` or `nb`, set by
 * `labgrade watch --lang` or by hand: `LABGRADE_LANG=nb npm run test:exercise -- <slug>`), else the
 * exercise's own language from its manifest.
 */

/** A text in English and Norwegian bokmål. */
export interface Bilingual {
  en: string;
  nb: string;
}

/** Languages the lab speaks. */
export type Language = keyof Bilingual;

/** `LABGRADE_LANG` when it names a language, else `fallback`. */
export function studentLanguage(fallback: Language = 'en'): Language {
  const chosen = typeof process === 'undefined' ? undefined : process.env['LABGRADE_LANG'];
  return chosen === 'en' || chosen === 'nb' ? chosen : fallback;
}

/** `text` in the student's language (see {@link studentLanguage}). */
export function say(text: Bilingual, fallback: Language = 'en'): string {
  return text[studentLanguage(fallback)];
}
