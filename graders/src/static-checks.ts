/**
 * Static checks on a submission, before any of it runs: it parses and type-checks, which functions still
 * throw the stub sentinel ("not attempted"), and imports that grading does not allow.
 */
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { Node, Project, SyntaxKind, ts, type SourceFile } from 'ts-morph';
import { gradersDir, nodeModulesDir, runtimeDir } from './paths.ts';
import type { StaticFinding } from './result.ts';

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
}

export interface StaticOptions {
  submissionDir: string;
  /** Files the exercise expects, relative to `submissionDir`'s parent layout (`src/x.ts` → `<dir>/x.ts`). */
  files: string[];
  /** Skip the (slower) full type-check. @default false */
  skipTypeCheck?: boolean;
}

function functionNameOf(node: Node): string | undefined {
  for (let current: Node | undefined = node; current; current = current.getParent()) {
    if (Node.isFunctionDeclaration(current) || Node.isMethodDeclaration(current)) return current.getName();
    if ((Node.isArrowFunction(current) || Node.isFunctionExpression(current)) && Node.isVariableDeclaration(current.getParent())) {
      return current.getParentOrThrow().asKindOrThrow(SyntaxKind.VariableDeclaration).getName();
    }
  }
  return undefined;
}

/** Names of functions whose bodies still throw the stub sentinel. */
export function findNotAttempted(file: SourceFile): string[] {
  const names = new Set<string>();
  for (const expression of file.getDescendantsOfKind(SyntaxKind.NewExpression)) {
    if (expression.getExpression().getText() !== 'NotImplementedError') continue;
    if (!Node.isThrowStatement(expression.getParent())) continue;
    const name = functionNameOf(expression);
    if (name) names.add(name);
  }
  return [...names];
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

function lineOf(file: SourceFile, pos: number): number {
  return file.getLineAndColumnAtPos(pos).line;
}

function flattenMessage(text: string | ts.DiagnosticMessageChain): string {
  return ts.flattenDiagnosticMessageText(text as string, ' ');
}

/**
 * A ts-morph project with the compiler options submissions are checked with. `baseDir`, when given, resolves
 * bare paths; the shared checker leaves it out (every path it maps is absolute).
 */
export function createCheckerProject(baseDir?: string): Project {
  const project = new Project({
    compilerOptions: {
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
      ...(baseDir ? { baseUrl: baseDir } : {}),
      paths: {
        'labgrade/runtime': [path.join(runtimeDir, 'index.ts')],
        '@tensorflow/*': [path.join(nodeModulesDir, '@tensorflow', '*')],
      },
    },
    skipAddingFilesFromTsConfig: true,
  });
  project.addSourceFileAtPath(submissionGlobals);
  return project;
}

/** TypeScript errors (syntax and type) of `files`, each with its path relative to `baseDir`. */
export function typeErrorsOf(project: Project, files: SourceFile[], baseDir: string): StaticFinding[] {
  const program = project.getProgram().compilerObject;
  const diagnostics = [...program.getSyntacticDiagnostics(), ...files.flatMap((f) => program.getSemanticDiagnostics(f.compilerNode))];
  const seen = new Set<string>();
  const findings: StaticFinding[] = [];
  for (const d of diagnostics) {
    const file = d.file;
    if (!file || !file.fileName.startsWith(baseDir.split(path.sep).join('/'))) continue;
    const rel = path.relative(baseDir, file.fileName).split(path.sep).join('/');
    const line = d.start !== undefined ? file.getLineAndCharacterOfPosition(d.start).line + 1 : undefined;
    const message = flattenMessage(d.messageText);
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
 * Checks one submission after another with one TypeScript program: TensorFlow.js's and Node's declarations
 * (hundreds of files) are parsed once, and each later check only parses the submission's own files. Files
 * of a submission are forgotten after its check, so that the next one never sees them.
 */
export class StaticChecker {
  readonly #project = createCheckerProject();

  check(options: StaticOptions): StaticReport {
    try {
      return checkSubmission(this.#project, options);
    } finally {
      for (const file of this.#project.getSourceFiles()) {
        const name = file.getFilePath();
        if (!name.startsWith(nodeModulesDir + path.sep) && !name.startsWith(runtimeDir + path.sep) && name !== submissionGlobals) this.#project.removeSourceFile(file);
      }
    }
  }
}

/** Runs the static checks over the exercise's files in a submission folder. */
export function runStaticChecks(options: StaticOptions): StaticReport {
  return new StaticChecker().check(options);
}

function checkSubmission(project: Project, options: StaticOptions): StaticReport {
  const submissionDir = path.resolve(options.submissionDir);
  const findings: StaticFinding[] = [];
  const notAttempted: string[] = [];
  const forbiddenImports: StaticReport['forbiddenImports'] = [];
  const missingFiles: string[] = [];
  const sourceFiles: SourceFile[] = [];
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
    sourceFiles.push(project.addSourceFileAtPath(full));
  }
  // Files the submission imports from its own folder are checked too.
  project.resolveSourceFileDependencies();
  const ownFiles = project.getSourceFiles().filter((f) => f.getFilePath().startsWith(submissionDir + path.sep));

  for (const file of ownFiles) {
    const rel = path.relative(submissionDir, file.getFilePath()).split(path.sep).join('/');
    for (const name of findNotAttempted(file)) {
      notAttempted.push(name);
      findings.push({ kind: 'not-attempted', severity: 'info', message: `${name} is not implemented yet.`, nb: `${name} er ikke implementert ennå.`, file: rel });
    }
    const specifiers: { text: string; pos: number }[] = [];
    for (const decl of file.getImportDeclarations()) specifiers.push({ text: decl.getModuleSpecifierValue(), pos: decl.getStart() });
    for (const decl of file.getExportDeclarations()) {
      const value = decl.getModuleSpecifierValue();
      if (value) specifiers.push({ text: value, pos: decl.getStart() });
    }
    for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      const callee = call.getExpression();
      const isImport = callee.getKind() === SyntaxKind.ImportKeyword;
      const isRequire = Node.isIdentifier(callee) && callee.getText() === 'require';
      if (!isImport && !isRequire) continue;
      const arg = call.getArguments()[0];
      if (arg && Node.isStringLiteral(arg)) specifiers.push({ text: arg.getLiteralValue(), pos: call.getStart() });
      else specifiers.push({ text: '(a computed module name)', pos: call.getStart() });
    }
    for (const { text, pos } of specifiers) {
      const what = text === '(a computed module name)' ? { en: 'a module chosen at run time', nb: 'en modul som velges mens koden kjører' } : classifyImport(text, file.getFilePath(), submissionDir);
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

  const typeErrors = options.skipTypeCheck ? [] : typeErrorsOf(project, ownFiles, submissionDir);
  findings.push(...typeErrors);
  return { findings, notAttempted: [...new Set(notAttempted)].sort(), typeErrors, forbiddenImports, missingFiles };
}
