/**
 * Which library code an exercise's "by hand" functions reach. Where an exercise teaches an operation by
 * writing it (00a's convolution, 02's Gini impurity and split, 06's metrics), the manifest names those
 * functions (`byHand`); this static analysis, run by the grader on the submission's source before any of it
 * runs, follows each of them through the submission's own functions and variables and reports every value it
 * uses from TensorFlow.js or the project's runtime. The engine then gives the checks of that operation no
 * points. Types are free: only values count.
 */
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as TS from 'typescript';
import { runtimeDir } from '../core/paths.ts';

const ts = createRequire(import.meta.url)('typescript') as typeof TS;

/** One use of library code inside a by-hand function (or a function of the submission it calls). */
export interface LibraryUse {
  /** The by-hand function whose code reaches the library. */
  function: string;
  /** The expression as written, e.g. `tf.conv2d`. */
  what: string;
  /** The submission's own function (or variable) the use is in, when it is not `function` itself. */
  via?: string;
  /** Where, relative to the submission folder. */
  file: string;
  line: number;
}

/** Runtime exports any function may use: the stub sentinel is not an operation. */
const ALLOWED = new Set(['NotImplementedError', 'isNotImplemented']);

/** The runtime's folder as given and as the file system resolves it (TypeScript reports real paths). */
const runtimeDirs = [...new Set([runtimeDir, realOrSelf(runtimeDir)])];
const tensorflowSegment = `${path.sep}node_modules${path.sep}@tensorflow${path.sep}`;

function realOrSelf(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}

/**
 * Whether a declaration lives in TensorFlow.js or the project's runtime. TensorFlow.js is recognised by its
 * folder wherever node_modules really is (a linked node_modules, or pnpm's store), not only below this one.
 */
function isLibraryFile(fileName: string): boolean {
  const name = path.resolve(fileName);
  return name.includes(tensorflowSegment) || runtimeDirs.some((dir) => name.startsWith(dir + path.sep));
}

/** Whether `node` sits in a type position (an annotation, a type argument, an interface...). */
function inTypePosition(node: TS.Node): boolean {
  for (let n: TS.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isTypeNode(n) || ts.isInterfaceDeclaration(n) || ts.isTypeAliasDeclaration(n) || ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) return true;
    if (ts.isExpressionWithTypeArguments(n) && n.parent && ts.isHeritageClause(n.parent) && n.parent.token === ts.SyntaxKind.ImplementsKeyword) return true;
    if (ts.isStatement(n) || ts.isFunctionLike(n)) return false;
  }
  return false;
}

/** The expression to show for a library identifier: `tf.conv2d` rather than `tf`. */
function shownExpression(id: TS.Identifier, file: TS.SourceFile): string {
  let node: TS.Node = id;
  while (node.parent && ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node) node = node.parent;
  const text = node.getText(file).replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The top-level declaration (function, variable, class) named `name` in the submission's files. */
function topLevelDeclaration(files: readonly TS.SourceFile[], name: string): TS.Node | undefined {
  for (const file of files) {
    for (const statement of file.statements) {
      if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name?.text === name) return statement;
      if (ts.isVariableStatement(statement)) {
        for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === name) return d;
      }
    }
  }
  return undefined;
}

/** The name of the top-level function, class or variable of its file that `node` is in. */
function topLevelName(node: TS.Node): string | undefined {
  let n: TS.Node = node;
  while (n.parent && !ts.isSourceFile(n.parent)) n = n.parent;
  if ((ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n)) && n.name) return n.name.text;
  if (ts.isVariableStatement(n)) {
    const d = n.declarationList.declarations.find((v) => node.pos >= v.pos && node.end <= v.end) ?? n.declarationList.declarations[0];
    return d && ts.isIdentifier(d.name) ? d.name.text : undefined;
  }
  return undefined;
}

/**
 * Every library value each of `functions` reaches, through the submission's own functions, variables and
 * classes. A function the submission does not define has no uses.
 */
export function libraryUses(program: TS.Program, ownFiles: readonly TS.SourceFile[], functions: readonly string[], submissionDir: string): LibraryUse[] {
  const checker = program.getTypeChecker();
  const own = new Set(ownFiles.map((f) => path.resolve(f.fileName)));
  const uses: LibraryUse[] = [];
  for (const fn of functions) {
    const start = topLevelDeclaration(ownFiles, fn);
    if (!start) continue;
    const seen = new Set<TS.Node>();
    const queue: TS.Node[] = [start];
    const found = new Set<string>();
    while (queue.length) {
      const node = queue.shift()!;
      if (seen.has(node)) continue;
      seen.add(node);
      const file = node.getSourceFile();
      const visit = (child: TS.Node): void => {
        if (ts.isIdentifier(child) && !inTypePosition(child)) {
          let symbol = checker.getSymbolAtLocation(child);
          if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
          for (const declaration of symbol?.declarations ?? []) {
            const declaredIn = path.resolve(declaration.getSourceFile().fileName);
            if (own.has(declaredIn)) {
              if (!seen.has(declaration)) queue.push(declaration);
            } else if (isLibraryFile(declaredIn) && !ALLOWED.has(child.text)) {
              const line = file.getLineAndCharacterOfPosition(child.getStart(file)).line + 1;
              const where = `${file.fileName}:${line}`;
              if (!found.has(where)) {
                found.add(where);
                const via = topLevelName(child);
                uses.push({
                  function: fn,
                  what: shownExpression(child, file),
                  ...(via && via !== fn ? { via } : {}),
                  file: path.relative(submissionDir, path.resolve(file.fileName)).split(path.sep).join('/'),
                  line,
                });
              }
              break;
            }
          }
        }
        ts.forEachChild(child, visit);
      };
      visit(node);
    }
  }
  return uses;
}
