/**
 * The words of the per-exercise reports (text, markdown) and of the Classroom job summary, in English and
 * Norwegian bokmål. Part of the one message catalogue (core/i18n.ts merges it); render with `msg`.
 */
import type { Entries } from './entry.ts';

export const reportMessages = {
  'report.submission': { en: () => 'Submission', nb: () => 'Innlevering' },
  'report.expected': { en: () => 'expected', nb: () => 'forventet' },
  'report.found': { en: () => 'found', nb: () => 'fant' },
  'report.hint': { en: () => 'hint', nb: () => 'tips' },
  'report.at': { en: () => 'at', nb: () => 'i' },
  'report.status.pass': { en: () => 'pass', nb: () => 'bestått' },
  'report.status.fail': { en: () => 'fail', nb: () => 'ikke bestått' },
  'report.status.error': { en: () => 'error', nb: () => 'feil' },
  'report.score': {
    en: (p) => `Score: ${p.score}/${p.max} (${p.status}) · ${p.total} (your code ${p.student}, grader ${p.grader})`,
    nb: (p) => `Poeng: ${p.score}/${p.max} (${p.status}) · ${p.total} (din kode ${p.student}, retting ${p.grader})`,
  },
  'report.not-attempted': { en: (p) => `Not implemented yet: ${p.names}`, nb: (p) => `Ikke implementert ennå: ${p.names}` },
  'report.note': { en: (p) => `Note: ${p.message}`, nb: (p) => `Merk: ${p.message}` },
  'report.tampering': {
    en: (p) =>
      `Changed on the way to the grader (reported to your teacher): the answer of ${p.names}. Remove code that rewrites TensorFlow.js, typed arrays or Node's internals.`,
    nb: (p) =>
      `Endret på veien til retteren (rapporteres til læreren): svaret fra ${p.names}. Fjern kode som skriver om TensorFlow.js, typede tabeller eller Nodes interne deler.`,
  },
  'report.template-file.changed': { en: (p) => `${p.file} (changed)`, nb: (p) => `${p.file} (endret)` },
  'report.template-file.missing': { en: (p) => `${p.file} (missing)`, nb: (p) => `${p.file} (mangler)` },
  'report.template-changes': {
    en: (p) =>
      `Changed from the template (reported to your teacher): ${p.files}${Number(p.count) > 0 ? ` and ${p.count} more` : ''}. Only the files in exercises/<slug>/src/ are yours to change.`,
    nb: (p) =>
      `Endret fra malen (rapporteres til læreren): ${p.files}${Number(p.count) > 0 ? ` og ${p.count} til` : ''}. Bare filene i exercises/<oppgave>/src/ er dine å endre.`,
  },
  'report.md.table-head': { en: () => '| | Check | Points | Feedback |', nb: () => '| | Sjekk | Poeng | Tilbakemelding |' },
  'report.epoch': { en: () => 'epoch', nb: () => 'epoke' },
  'report.loss': { en: () => 'loss', nb: () => 'tap' },
  'classroom.heading': { en: (p) => `## Autograding: ${p.total}/${p.max} points`, nb: (p) => `## Automatisk retting: ${p.total}/${p.max} poeng` },
  'classroom.table-head': { en: () => '| Exercise | Points | On this push |', nb: () => '| Oppgave | Poeng | Ved denne pushen |' },
  'classroom.reused': { en: (p) => `reused: unchanged since graded ${p.when} UTC`, nb: (p) => `gjenbrukt: uendret siden retting ${p.when} UTC` },
  'classroom.graded': { en: (p) => `graded (${p.seconds} s)`, nb: (p) => `rettet (${p.seconds} s)` },
  'classroom.none': { en: () => 'none', nb: () => 'ingen' },
  'classroom.graded-now': {
    en: (p) => `Graded now: ${p.graded}. Reused (your files, the exercise, its hidden tests, seed, backend and grader unchanged): ${p.reused}.`,
    nb: (p) => `Rettet nå: ${p.graded}. Gjenbrukt (filene dine, oppgaven, de skjulte testene, frøet, backend og retteprogrammet er uendret): ${p.reused}.`,
  },
  'classroom.more-notes': {
    en: () => '### More notes on your lines (GitHub shows 10 in the code)',
    nb: () => '### Flere merknader på linjene dine (GitHub viser 10 i koden)',
  },
} satisfies Entries;
