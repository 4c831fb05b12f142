/** The shape of the message catalogue (core/i18n.ts) and of each of its parts (core/messages/). */

/** A message's parameters, by name. */
export type Params = Record<string, string | number>;
/** One catalogue entry: the message in each language. */
export type Entry = { en: (p: Params) => string; nb: (p: Params) => string };
/** A part of the catalogue (`satisfies Entries`). */
export type Entries = Record<string, Entry>;
