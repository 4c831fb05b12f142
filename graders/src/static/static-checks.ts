/**
 * Static checks on a submission, before any of it runs: it parses and type-checks, which functions still
 * throw the stub sentinel ("not attempted"), and imports that grading does not allow. Written against
 * TypeScript's own API: the type check is most of a single grading's overhead, and this way TypeScript is the
 * only large module loaded and library declarations are parsed once per process, JSDoc skipped as tsc does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import type * as TS from 'typescript';
import { libraryUses, type LibraryUse } from './by-hand.ts';
import { gradersDir, nodeModulesDir, runtimeDir } from '../core/paths.ts';
import type { StaticFinding } from '../core/result.ts';

// Loaded with require: an ES import of TypeScript's 9 MB CommonJS file first scans it for named exports.
const ts = createRequire(import.meta.url)('typescript') as typeof TS;

/** Node modules that reach processes, the network or the file system: flagged in submissions. */
const FORBIDDEN_BUILTINS = new Set([
  'child_process', 'cluster', 'dgram', 'dns', 'fs', 'fs/promises', 'http', 'http2', 'https', 'inspector', 'module', 'net', 'os',
  'process', 'tls', 'v8', 'vm', 'worker_threads',
]);

/** The globals submissions are type-checked against (console, timers, a narrow `process`). */
const submissionGlobals = path.join(gradersDir, 'submission-env', 'globals.d.ts');

const ALLOWED_BARE = [/^@tensorflow\/tfjs(-core|-layers|-backend-wasm|-backend-cpu|-node|-node-gpu)?$/, /^labgrade\/runtime$/];

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

/** What a forbidden import reaches, in both languages; undefined when grading allows it. */
function classifyImport(specifier: string, fromFile: string, submissionDir: string): { en: string; nb: string } | undefined {
  const bare = specifier.replace(/^node:/, '');
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = path.resolve(path.dirname(fromFile), specifier);
    if (!(target + path.sep).startsWith(submissionDir + path.sep) && target !== submissionDir) {
      return { en: `"${specifier}" (outside your submission folder)`, nb: `"${specifier}" (utenfor innleveringsmappen din)` };
    }
    return undefined;
  }
  if (FORBIDDEN_BUILTINS.has(bare) || (specifier.startsWith('node:') && builtinModules.includes(bare))) {
    return { en: `the Node module "${specifier}"`, nb: `Node-modulen "${specifier}"` };
  }
  if (builtinModules.includes(bare)) return undefined;
  if (ALLOWED_BARE.some((re) => re.test(specifier))) return undefined;
  return { en: `the package "${specifier}"`, nb: `pakken "${specifier}"` };
}

/** The name of the function a node is in: a declaration's, or the variable an arrow or function expression is assigned to. */
function functionNameOf(file: TS.SourceFile, ancestors: readonly TS.Node[]): string | undefined {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const current = ancestors[i]!;
    if (ts.isFunctionDeclaration(current) || ts.isMethodDeclaration(current)) return current.name?.getText(file);
    const parent = ancestors[i - 1];
    if ((ts.isArrowFunction(current) || ts.isFunctionExpression(current)) && parent && ts.isVariableDeclaration(parent)) return parent.name.getText(file);
  }
  return undefined;
}

/** Visits every node of `file` with its ancestors (outermost first); the file need not have parent pointers. */
function walk(file: TS.SourceFile, visit: (node: TS.Node, ancestors: readonly TS.Node[]) => void): void {
  const ancestors: TS.Node[] = [];
  const step = (node: TS.Node): void => {
    visit(node, ancestors);
    ancestors.push(node);
    ts.forEachChild(node, step);
    ancestors.pop();
  };
  ts.forEachChild(file, step);
}

/** A string literal longer than this, or an array literal with more numbers, is data written into the code. */
export const EMBEDDED_STRING_CHARS = 2000;
export const EMBEDDED_ARRAY_NUMBERS = 500;

/**
 * Data written into the code: long string literals and long arrays of numbers. No exercise needs them; a
 * submission that carries a public test set's labels, or weights trained elsewhere, does. Reported to the
 * instructor, never a change to the grade.
 */
export function embeddedData(file: TS.SourceFile): { pos: number; en: string; nb: string }[] {
  const found: { pos: number; en: string; nb: string }[] = [];
  walk(file, (node) => {
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) && node.text.length > EMBEDDED_STRING_CHARS) {
      const n = node.text.length.toLocaleString('en-US');
      found.push({ pos: node.getStart(file), en: `a text of ${n} characters`, nb: `en tekst på ${n} tegn` });
    } else if (ts.isArrayLiteralExpression(node)) {
      const numbers = node.elements.filter((e) => ts.isNumericLiteral(e) || (ts.isPrefixUnaryExpression(e) && ts.isNumericLiteral(e.operand))).length;
      if (numbers > EMBEDDED_ARRAY_NUMBERS) {
        const n = numbers.toLocaleString('en-US');
        found.push({ pos: node.getStart(file), en: `an array of ${n} numbers`, nb: `en tabell med ${n} tall` });
      }
    }
  });
  return found;
}

/** Names of functions whose bodies still throw the stub sentinel. */
export function findNotAttempted(file: TS.SourceFile): string[] {
  const names = new Set<string>();
  walk(file, (node, ancestors) => {
    if (!ts.isNewExpression(node) || node.expression.getText(file) !== 'NotImplementedError') return;
    if (!ts.isThrowStatement(ancestors[ancestors.length - 1]!)) return;
    const name = functionNameOf(file, ancestors);
    if (name) names.add(name);
  });
  return [...names];
}

/** Module specifiers a file names (imports, re-exports, `import x = require()`, `import()`, `require()`), with where. */
function importsOf(file: TS.SourceFile): { text: string; pos: number }[] {
  const found: { text: string; pos: number }[] = [];
  walk(file, (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ text: node.moduleSpecifier.text, pos: node.getStart(file) });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const target = node.moduleReference.expression;
      found.push({ text: ts.isStringLiteral(target) ? target.text : '(a computed module name)', pos: node.getStart(file) });
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      if (!isImport && !isRequire) return;
      const arg = node.arguments[0];
      found.push({ text: arg && ts.isStringLiteralLike(arg) ? arg.text : '(a computed module name)', pos: node.getStart(file) });
    }
  });
  return found;
}

function lineOf(file: TS.SourceFile, pos: number): number {
  return file.getLineAndCharacterOfPosition(pos).line + 1;
}

/** The compiler options submissions are checked with. */
const COMPILER_OPTIONS: TS.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2023.d.ts'],
  module: ts.ModuleKind.Preserve,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true,
  noEmit: true,
  strict: true,
  skipLibCheck: true,
  esModuleInterop: true,
  // Node's declarations are most of what a type check would parse; submissions get submissionGlobals instead.
  types: [],
  paths: {
    'labgrade/runtime': [path.join(runtimeDir, 'index.ts')],
    '@tensorflow/*': [path.join(nodeModulesDir, '@tensorflow', '*')],
  },
};

/** Files no submission can change (TypeScript's lib, TensorFlow.js, the runtime, the globals): parsed once and shared. */
function isLibraryFile(fileName: string): boolean {
  const name = path.resolve(fileName);
  return name.startsWith(nodeModulesDir + path.sep) || name.startsWith(runtimeDir + path.sep) || name === submissionGlobals;
}

/**
 * Programs over submissions (or the exercises' own files, for `doctor`) that share the parsed library files:
 * TensorFlow.js's declarations (hundreds of files) are parsed once per process, and each program starts from
 * the previous one, so TypeScript reuses what did not change (the libraries' module resolutions).
 */
export class CheckerPrograms {
  readonly #library = new Map<string, TS.SourceFile>();
  #previous: TS.Program | undefined;

  /** A program over `rootFiles` and what they import. */
  create(rootFiles: string[]): TS.Program {
    const host = ts.createCompilerHost(COMPILER_OPTIONS);
    // As tsc does: JSDoc is parsed only where it can change types (JavaScript files).
    host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
      if (!isLibraryFile(fileName)) return getSourceFile(fileName, languageVersion, onError, shouldCreate);
      let file = this.#library.get(fileName);
      if (!file) {
        file = getSourceFile(fileName, languageVersion, onError, shouldCreate);
        if (file) this.#library.set(fileName, file);
      }
      return file;
    };
    const program = ts.createProgram({ rootNames: [submissionGlobals, ...rootFiles], options: COMPILER_OPTIONS, host, ...(this.#previous ? { oldProgram: this.#previous } : {}) });
    this.#previous = program;
    return program;
  }
}

/** TypeScript errors (syntax and type) of `files`, each with its path relative to `baseDir`. */
export function typeErrorsOf(program: TS.Program, files: readonly TS.SourceFile[], baseDir: string): StaticFinding[] {
  const diagnostics = files.flatMap((f) => [...program.getSyntacticDiagnostics(f), ...program.getSemanticDiagnostics(f)]);
  const seen = new Set<string>();
  const findings: StaticFinding[] = [];
  for (const d of diagnostics) {
    const file = d.file;
    if (!file || !file.fileName.startsWith(baseDir.split(path.sep).join('/'))) continue;
    const rel = path.relative(baseDir, file.fileName).split(path.sep).join('/');
    const line = d.start !== undefined ? file.getLineAndCharacterOfPosition(d.start).line + 1 : undefined;
    const message = ts.flattenDiagnosticMessageText(d.messageText, ' ');
    // An import of a Node module has no declarations to check against; the import check reports it instead.
    const missing = d.code === 2307 || d.code === 2591 ? /'([^']+)'/.exec(message)?.[1] : undefined;
    if (missing && builtinModules.includes(missing.replace(/^node:/, ''))) continue;
    const key = `${rel}:${line}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({
      kind: d.category === ts.DiagnosticCategory.Error && d.code < 2000 ? 'syntax' : 'type',
      severity: 'error',
      message: `TS${d.code}: ${message}`,
      file: rel,
      ...(line ? { line } : {}),
    });
  }
  return findings;
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
        message: `Expected the file ${file}, but it is missing. Restore it from the exercise template.`,
        nb: `Forventet filen ${file}, men den mangler. Hent den tilbake fra oppgavemalen.`,
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

  for (const file of ownFiles) {
    const rel = path.relative(submissionDir, path.resolve(file.fileName)).split(path.sep).join('/');
    for (const name of findNotAttempted(file)) {
      notAttempted.push(name);
      findings.push({ kind: 'not-attempted', severity: 'info', message: `${name} is not implemented yet.`, nb: `${name} er ikke implementert ennå.`, file: rel });
    }
    for (const data of embeddedData(file)) {
      findings.push({
        kind: 'embedded-data',
        severity: 'warning',
        message: `Holds ${data.en} written into the code: data does not belong in a submission, and your teacher sees this in the class report.`,
        nb: `Inneholder ${data.nb} skrevet inn i koden: data hører ikke hjemme i en innlevering, og læreren din ser dette i klasserapporten.`,
        file: rel,
        line: lineOf(file, data.pos),
      });
    }
    for (const { text, pos } of importsOf(file)) {
      const what = text === '(a computed module name)' ? { en: 'a module chosen at run time', nb: 'en modul som velges mens koden kjører' } : classifyImport(text, path.resolve(file.fileName), submissionDir);
      if (!what) continue;
      const finding = {
        kind: 'forbidden-import' as const,
        severity: 'error' as const,
        message: `Imports ${what.en}, which grading does not allow.`,
        nb: `Importerer ${what.nb}, som ikke er tillatt under retting.`,
        file: rel,
        line: lineOf(file, pos),
        what,
      };
      forbiddenImports.push(finding);
      findings.push(finding);
    }
  }

  const typeErrors = program ? typeErrorsOf(program, ownFiles, submissionDir) : [];
  findings.push(...typeErrors);
  const uses = program && options.byHand?.length ? libraryUses(program, ownFiles, options.byHand, submissionDir) : [];
  for (const use of uses) {
    findings.push({
      kind: 'library-use',
      severity: 'error',
      message: `${use.function} uses ${use.what} from a library${use.via ? ` (in ${use.via})` : ''}; this exercise asks for it written by hand.`,
      nb: `${use.function} bruker ${use.what} fra et bibliotek${use.via ? ` (i ${use.via})` : ''}; denne oppgaven ber om at den skrives for hånd.`,
      file: use.file,
      line: use.line,
    });
  }
  return { findings, notAttempted: [...new Set(notAttempted)].sort(), typeErrors, forbiddenImports, missingFiles, libraryUses: uses };
}
