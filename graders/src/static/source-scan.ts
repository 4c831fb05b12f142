/**
 * What a submission's files say without type information, read from each file's syntax tree alone (in the
 * static-check worker, or the grader's process without one): functions that still throw the stub sentinel,
 * data written into the code, and the modules it imports, with the ones grading does not allow.
 */
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import type * as TS from 'typescript';
import { localized } from '../core/i18n.ts';

// Loaded with require: an ES import of TypeScript's 9 MB CommonJS file first scans it for named exports.
const ts = createRequire(import.meta.url)('typescript') as typeof TS;

/** Node modules that reach processes, the network or the file system: flagged in submissions. */
const FORBIDDEN_BUILTINS = new Set([
  'child_process',
  'cluster',
  'dgram',
  'dns',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'inspector',
  'module',
  'net',
  'os',
  'process',
  'tls',
  'v8',
  'vm',
  'worker_threads',
]);

const ALLOWED_BARE = [/^@tensorflow\/tfjs(-core|-layers|-backend-wasm|-backend-cpu|-node|-node-gpu)?$/, /^labgrade\/runtime$/];

/** What a forbidden import reaches, in both languages; undefined when grading allows it. */
export function classifyImport(specifier: string, fromFile: string, submissionDir: string): { en: string; nb: string } | undefined {
  const bare = specifier.replace(/^node:/, '');
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = path.resolve(path.dirname(fromFile), specifier);
    if (!(target + path.sep).startsWith(submissionDir + path.sep) && target !== submissionDir) {
      return localized('static.import-outside', { specifier });
    }
    return undefined;
  }
  if (FORBIDDEN_BUILTINS.has(bare) || (specifier.startsWith('node:') && builtinModules.includes(bare))) {
    return localized('static.import-node', { specifier });
  }
  if (builtinModules.includes(bare)) return undefined;
  if (ALLOWED_BARE.some((re) => re.test(specifier))) return undefined;
  return localized('static.import-package', { specifier });
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
    if (
      (ts.isStringLiteral(node) ||
        ts.isNoSubstitutionTemplateLiteral(node) ||
        ts.isTemplateHead(node) ||
        ts.isTemplateMiddle(node) ||
        ts.isTemplateTail(node)) &&
      node.text.length > EMBEDDED_STRING_CHARS
    ) {
      const n = node.text.length.toLocaleString('en-US');
      found.push({ pos: node.getStart(file), ...localized('static.embedded-text', { count: n }) });
    } else if (ts.isArrayLiteralExpression(node)) {
      const numbers = node.elements.filter((e) => ts.isNumericLiteral(e) || (ts.isPrefixUnaryExpression(e) && ts.isNumericLiteral(e.operand))).length;
      if (numbers > EMBEDDED_ARRAY_NUMBERS) {
        const n = numbers.toLocaleString('en-US');
        found.push({ pos: node.getStart(file), ...localized('static.embedded-array', { count: n }) });
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
export function importsOf(file: TS.SourceFile): { text: string; pos: number }[] {
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

export function lineOf(file: TS.SourceFile, pos: number): number {
  return file.getLineAndCharacterOfPosition(pos).line + 1;
}
