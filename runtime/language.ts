/**
 * The language of the visible tests' names and messages: `LABGRADE_LANG` (`en` or `nb`, set by
 * `labgrade watch --lang` or by hand: `LABGRADE_LANG=nb npm run test:exercise -- <slug>`), else the
 * exercise's own language from its manifest.
 */

/** A text in English and Norwegian bokmål: the one bilingual text type of the lab, graders and datasets included. */
export type Localized = { en: string; nb: string };

/** @deprecated Use {@link Localized}; kept because exercises import it from `labgrade/runtime`. */
export type Bilingual = Localized;

/** Languages the lab speaks. */
export type Language = keyof Localized;

/** `LABGRADE_LANG` when it names a language, else `fallback`. */
export function studentLanguage(fallback: Language = 'en'): Language {
  const chosen = typeof process === 'undefined' ? undefined : process.env['LABGRADE_LANG'];
  return chosen === 'en' || chosen === 'nb' ? chosen : fallback;
}

/**
 * A text's numbers written as Norwegian writes them, with a decimal comma (0.5 -> 0,5), outside `code` and
 * version numbers (4.22.0). A list of numbers with decimals in it is then separated by semicolons, so that
 * "0.91, 0.95" (or JSON's "0.91,0.95") reads "0,91; 0,95" rather than four numbers.
 */
export function decimalComma(text: string | number): string {
  return String(text)
    .split(/(`[^`]*`)/)
    .map((part) =>
      part.startsWith('`')
        ? part
        : part
            .replace(/(?<![\d.])-?\d+(?:\.\d+)?(?:, ?-?\d+(?:\.\d+)?)+(?![\d.])/g, (list) => (/\d\.\d/.test(list) ? list.replace(/, ?/g, '; ') : list))
            .replace(/(?<![\d.])(-?\d+)\.(\d+)(?![\d.])/g, '$1,$2'),
    )
    .join('');
}

/** `text` in the student's language (see {@link studentLanguage}); Norwegian writes decimals with a comma. */
export function say(text: Localized, fallback: Language = 'en'): string {
  const language = studentLanguage(fallback);
  return language === 'nb' ? decimalComma(text.nb) : text.en;
}
