/**
 * Concept questions (suite side, in the grader): each exercise's `src/answers.ts` exports one answer per
 * question (a choice, a number or a ranking), and each question is a check (`concept.*`). The answers the
 * grader compares with live only in the hidden suite (graders/suites/<slug>/concepts.ts), never in the
 * template. After every attempt the feedback explains the idea behind the question: as the hint when the
 * answer is wrong (without saying which answer is right), as the note when it is right.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, check, fail, gradingContext, type Localized, type Submission } from '../harness.ts';
import type { SentAnswer } from '../../child/kit/concepts-driver.ts';

interface QuestionBase {
  /** The check's id in the manifest: `concept.<name>`. */
  id: string;
  /** The export in src/answers.ts that holds the answer. */
  name: string;
  /** The idea behind the question, shown after every attempt. */
  explanation: Localized;
}

/** One of a few options, by its letter. */
export interface ChoiceQuestion extends QuestionBase {
  kind: 'choice';
  options: readonly string[];
  correct: string;
  /** What is wrong with a tempting wrong option, shown before the explanation when it is chosen. */
  because?: Partial<Record<string, Localized>>;
}

/** A number, right within `tolerance` (absolute; 0 for a count). */
export interface NumberQuestion extends QuestionBase {
  kind: 'number';
  correct: number;
  tolerance: number;
}

/** Every item of a list, in the right order. */
export interface RankingQuestion extends QuestionBase {
  kind: 'ranking';
  correct: readonly string[];
}

export type ConceptQuestion = ChoiceQuestion | NumberQuestion | RankingQuestion;

const FILE = 'answers.ts';

/** The line of `export const <name>` in the submission's answers file, for a note on the student's own line. */
function lineOf(name: string): { file?: string; line?: number } {
  const file = path.join(gradingContext().submissionDir, FILE);
  if (!existsSync(file)) return {};
  const index = readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((l) => new RegExp(`^\\s*export\\s+(?:const|let|var)\\s+${name}\\b`).test(l));
  return index < 0 ? { file: FILE } : { file: FILE, line: index + 1 };
}

const shown = (value: string | number | (string | number)[]): string =>
  Array.isArray(value) ? `[${value.map((v) => JSON.stringify(v)).join(', ')}]` : JSON.stringify(value);

/** What kind of answer a question takes, for a student whose answer is of another kind. */
function expectedKind(q: ConceptQuestion): Localized {
  switch (q.kind) {
    case 'choice':
      return { en: `one of ${q.options.map((o) => `'${o}'`).join(', ')}`, nb: `én av ${q.options.map((o) => `'${o}'`).join(', ')}` };
    case 'number':
      return { en: 'a number', nb: 'et tall' };
    case 'ranking':
      return {
        en: `a list of ${q.correct.length} items, each once: ${[...q.correct]
          .sort()
          .map((o) => `'${o}'`)
          .join(', ')}`,
        nb: `en liste med ${q.correct.length} elementer, hvert én gang: ${[...q.correct]
          .sort()
          .map((o) => `'${o}'`)
          .join(', ')}`,
      };
  }
}

/** Whether `value` is an answer of the question's kind (right or wrong). */
function wellFormed(q: ConceptQuestion, value: string | number | (string | number)[]): boolean {
  switch (q.kind) {
    case 'choice':
      return typeof value === 'string' && q.options.includes(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'ranking':
      return Array.isArray(value) && value.length === q.correct.length && [...value].map(String).sort().join('\n') === [...q.correct].sort().join('\n');
  }
}

function isRight(q: ConceptQuestion, value: string | number | (string | number)[]): boolean {
  switch (q.kind) {
    case 'choice':
      return value === q.correct;
    case 'number':
      return typeof value === 'number' && Math.abs(value - q.correct) <= q.tolerance;
    case 'ranking':
      return Array.isArray(value) && value.every((v, i) => v === q.correct[i]);
  }
}

/**
 * Declares one check per question. The answers are read in the child by the driver task `answers`
 * (concepts-driver.ts); every comparison is made here.
 */
export function conceptChecks(submission: Submission, questions: readonly ConceptQuestion[]): void {
  const sent = submission.task<Record<string, SentAnswer>>('answers', 'predict', () => ({ names: questions.map((q) => q.name) }));
  // Asked for before the suite's other steps (the child answers one step at a time, in the order asked), so
  // that a model that never finishes building, or a step that ends the child, leaves the answers graded.
  beforeAll(() => void sent.value().catch(() => undefined));
  for (const q of questions) {
    check(q.id, async (api) => {
      const answer = (await sent.value())[q.name] ?? { state: 'missing' };
      const where = lineOf(q.name);
      if (answer.state === 'missing') {
        fail({
          message: {
            en: `src/${FILE} does not export \`${q.name}\`, the answer to this question. Restore its line from the template (\`export const ${q.name} = ...\`).`,
            nb: `src/${FILE} eksporterer ikke \`${q.name}\`, svaret på dette spørsmålet. Hent linjen tilbake fra malen (\`export const ${q.name} = ...\`).`,
          },
          ...where,
        });
      }
      if (answer.state === 'unanswered') {
        fail({
          message: {
            en: `Not answered yet: \`${q.name}\` in src/${FILE} is still undefined. Read the question above it, answer, and grade again.`,
            nb: `Ikke besvart ennå: \`${q.name}\` i src/${FILE} er fortsatt undefined. Les spørsmålet over den, svar, og rett på nytt.`,
          },
          expected: expectedKind(q),
          ...where,
        });
      }
      const wrongKind = {
        en: `\`${q.name}\` is not an answer of the kind this question takes.`,
        nb: `\`${q.name}\` er ikke et svar av den typen spørsmålet tar.`,
      };
      if (answer.state === 'unreadable') {
        fail({
          message: wrongKind,
          expected: expectedKind(q),
          found: { en: `a value of type ${answer.type}`, nb: `en verdi av typen ${answer.type}` },
          ...where,
        });
      }
      if (!wellFormed(q, answer.value)) fail({ message: wrongKind, expected: expectedKind(q), found: shown(answer.value), ...where });
      const value = answer.value;
      if (!isRight(q, value)) {
        const because = q.kind === 'choice' && typeof value === 'string' ? q.because?.[value] : undefined;
        fail({
          message: {
            en: `Not right yet: ${shown(value)} is not the answer to \`${q.name}\`.`,
            nb: `Ikke riktig ennå: ${shown(value)} er ikke svaret på \`${q.name}\`.`,
          },
          found: shown(value),
          hint: because ? { en: `${because.en} ${q.explanation.en}`, nb: `${because.nb} ${q.explanation.nb}` } : q.explanation,
          ...where,
        });
      }
      api.note({ en: `Right. ${q.explanation.en}`, nb: `Riktig. ${q.explanation.nb}` });
    });
  }
}
