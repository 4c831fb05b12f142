/**
 * The type check of submissions (in the static-check worker, and for `labgrade doctor`), written against
 * TypeScript's own API: the type check is most of a single grading's overhead, and this way TypeScript is the
 * only large module loaded and library declarations are parsed once per process, JSDoc skipped as tsc does.
 */
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import type * as TS from 'typescript';
import { gradersDir, nodeModulesDir, runtimeDir } from '../core/paths.ts';
import type { StaticFinding } from '../core/result.ts';

// Loaded with require: an ES import of TypeScript's 9 MB CommonJS file first scans it for named exports.
const ts = createRequire(import.meta.url)('typescript') as typeof TS;

/** The globals submissions are type-checked against (console, timers, a narrow `process`). */
export const submissionGlobals = path.join(gradersDir, 'submission-env', 'globals.d.ts');

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
    const program = ts.createProgram({
      rootNames: [submissionGlobals, ...rootFiles],
      options: COMPILER_OPTIONS,
      host,
      ...(this.#previous ? { oldProgram: this.#previous } : {}),
    });
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
    if (!file?.fileName.startsWith(baseDir.split(path.sep).join('/'))) continue;
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
