/**
 * Static checks on a submission, before any of it runs (in the static-check worker, or in the grader's process
 * without one): it parses and type-checks (type-check.ts), which functions still throw the stub sentinel ("not
 * attempted"), imports that grading does not allow (source-scan.ts), and library calls in functions asked for
 * by hand (by-hand.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as TS from 'typescript';
import { libraryUses, type LibraryUse } from './by-hand.ts';
import { localized, msg, type MessageKey, type Params } from '../core/i18n.ts';
import type { StaticFinding } from '../core/result.ts';
import { classifyImport, embeddedData, findNotAttempted, importsOf, lineOf } from './source-scan.ts';
import { CheckerPrograms, typeErrorsOf } from './type-check.ts';

// Loaded with require: an ES import of TypeScript's 9 MB CommonJS file first scans it for named exports.
const ts = createRequire(import.meta.url)('typescript') as typeof TS;

export interface StaticReport {
  findings: StaticFinding[];
  notAttempted: string[];
  /** TypeScript errors (syntax and type) in the submission's own files. */
  typeErrors: StaticFinding[];
  /** Each with what it imports, in both languages (`the package "lodash"`), for the check's message. */
  forbiddenImports: (StaticFinding & { what: { en: string; nb: string } })[];
  missingFiles: string[];
  /** Library values that the exercise's by-hand functions reach (see by-hand.ts). */
  libraryUses: LibraryUse[];
}

export interface StaticOptions {
  submissionDir: string;
  /** Files the exercise expects, relative to `submissionDir`'s parent layout (`src/x.ts` → `<dir>/x.ts`). */
  files: string[];
  /** Skip the (slower) full type-check (and with it the by-hand analysis, which needs the type checker). @default false */
  skipTypeCheck?: boolean;
  /** Functions the exercise asks for by hand: every TensorFlow.js or runtime value they reach is reported. @default [] */
  byHand?: string[];
}

/**
 * Checks one submission after another: library files are parsed once (see CheckerPrograms), and each
 * check parses only the submission's own files, which no later check sees.
 */
export class StaticChecker {
  readonly #programs = new CheckerPrograms();

  check(options: StaticOptions): StaticReport {
    return checkSubmission(this.#programs, options);
  }
}

/** Runs the static checks over the exercise's files in a submission folder. */
export function runStaticChecks(options: StaticOptions): StaticReport {
  return new StaticChecker().check(options);
}

/** The submission's files and those they import from its own folder, parsed without a program (no type check). */
function ownFilesWithoutProgram(roots: string[], submissionDir: string): TS.SourceFile[] {
  const files = new Map<string, TS.SourceFile>();
  const queue = [...roots];
  while (queue.length) {
    const full = queue.shift()!;
    if (files.has(full) || !existsSync(full)) continue;
    const file = ts.createSourceFile(full, readFileSync(full, 'utf8'), ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
    files.set(full, file);
    for (const { text } of importsOf(file)) {
      if (!text.startsWith('.')) continue;
      const target = path.resolve(path.dirname(full), text);
      if (target.startsWith(submissionDir + path.sep)) queue.push(target.endsWith('.ts') ? target : `${target}.ts`);
    }
  }
  return [...files.values()];
}

/** A finding's text from the catalogue: `message` in English, `nb` in Norwegian bokmål. */
function findingText(key: MessageKey, params: Params): { message: string; nb: string } {
  const text = localized(key, params);
  return { message: text.en, nb: text.nb };
}

/** What the syntax alone shows in one of the submission's files: functions not written yet, data written into the code, imports grading does not allow. */
function scanFile(file: TS.SourceFile, submissionDir: string, report: Pick<StaticReport, 'findings' | 'notAttempted' | 'forbiddenImports'>): void {
  const { findings, notAttempted, forbiddenImports } = report;
  const rel = path.relative(submissionDir, path.resolve(file.fileName)).split(path.sep).join('/');
  for (const name of findNotAttempted(file)) {
    notAttempted.push(name);
    findings.push({
      kind: 'not-attempted',
      severity: 'info',
      ...findingText('static.not-attempted', { fn: name }),
      file: rel,
    });
  }
  for (const data of embeddedData(file)) {
    findings.push({
      kind: 'embedded-data',
      severity: 'warning',
      message: msg('static.embedded-data', 'en', { what: data.en }),
      nb: msg('static.embedded-data', 'nb', { what: data.nb }),
      file: rel,
      line: lineOf(file, data.pos),
    });
  }
  for (const { text, pos } of importsOf(file)) {
    const what = text === '(a computed module name)' ? localized('static.import-computed') : classifyImport(text, path.resolve(file.fileName), submissionDir);
    if (!what) continue;
    const finding = {
      kind: 'forbidden-import' as const,
      severity: 'error' as const,
      message: msg('static.forbidden-import', 'en', { what: what.en }),
      nb: msg('static.forbidden-import', 'nb', { what: what.nb }),
      file: rel,
      line: lineOf(file, pos),
      what,
    };
    forbiddenImports.push(finding);
    findings.push(finding);
  }
}

function checkSubmission(programs: CheckerPrograms, options: StaticOptions): StaticReport {
  const submissionDir = path.resolve(options.submissionDir);
  const findings: StaticFinding[] = [];
  const notAttempted: string[] = [];
  const forbiddenImports: StaticReport['forbiddenImports'] = [];
  const missingFiles: string[] = [];
  const roots: string[] = [];
  for (const file of options.files) {
    const full = path.join(submissionDir, file);
    if (!existsSync(full)) {
      missingFiles.push(file);
      findings.push({
        kind: 'missing-file',
        severity: 'error',
        ...findingText('static.missing-file', { file }),
        file,
      });
      continue;
    }
    roots.push(full);
  }
  // Files the submission imports from its own folder are checked too.
  const program = options.skipTypeCheck ? undefined : programs.create(roots);
  const inSubmission = (f: TS.SourceFile) => path.resolve(f.fileName).startsWith(submissionDir + path.sep);
  const ownFiles = program ? program.getSourceFiles().filter(inSubmission) : ownFilesWithoutProgram(roots, submissionDir);

  for (const file of ownFiles) scanFile(file, submissionDir, { findings, notAttempted, forbiddenImports });

  const typeErrors = program ? typeErrorsOf(program, ownFiles, submissionDir) : [];
  findings.push(...typeErrors);
  const uses = program && options.byHand?.length ? libraryUses(program, ownFiles, options.byHand, submissionDir) : [];
  for (const use of uses) {
    findings.push({
      kind: 'library-use',
      severity: 'error',
      ...findingText('static.library-use', { fn: use.function, what: use.what, via: use.via ?? '' }),
      file: use.file,
      line: use.line,
    });
  }
  return { findings, notAttempted: [...new Set(notAttempted)].sort(), typeErrors, forbiddenImports, missingFiles, libraryUses: uses };
}
