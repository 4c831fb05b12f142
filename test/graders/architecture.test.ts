/**
 * The shape of graders/src, checked: each folder is named for where its code runs (cli/ and engine/ in the
 * main process, static/ in the static-check worker, suite/ in the hidden suite's worker, child/ in the
 * sandboxed child, sandbox/ the host side of that child), so what a folder may import is part of what it
 * says. The import graph has no cycles, and no file or function grows past the size a reader takes in at
 * once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const srcDir = path.join(repoRoot, 'graders', 'src');

/** Longest file under graders/src, in lines. */
const MAX_FILE_LINES = 300;
/** Longest function under graders/src, in lines from its first line to its closing brace. */
const MAX_FUNCTION_LINES = 80;

/**
 * What each folder may import from graders/src, besides itself. `runtime/` and `datasets/` are outside
 * graders/src and open to all but child/, whose imports are listed. Type-only imports are exempt: they
 * vanish before anything runs.
 */
const ALLOWED: Record<string, string[]> = {
  core: [],
  child: ['core/exported-model.ts'],
  static: ['core'],
  sandbox: ['core', 'child/protocol.ts', 'child/reply-format.ts'],
  suite: ['core', 'sandbox'],
  template: ['core'],
  // The engine starts the suite's worker by its entry (suite/worker.ts), and imports nothing else of it.
  engine: ['core', 'static', 'sandbox', 'template/integrity.ts', 'suite/worker.ts'],
  reporters: ['core', 'engine'],
  cli: ['core', 'engine', 'reporters', 'template', 'static'],
};

/** What child/ may import from outside graders/src: the shared runtime only (the child bundle carries it). */
const CHILD_OUTSIDE = ['runtime'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|mts|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

interface Import {
  target: string;
  typeOnly: boolean;
  /** A module started by URL as a worker's or a process's entry: a graph of its own, not an import. */
  entry: boolean;
  line: number;
}

/** Relative imports of a file, resolved to absolute paths, with whether they are type-only. */
function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Import[] = [];
  const add = (specifier: ts.Expression | undefined, typeOnly: boolean, node: ts.Node, entry = false) => {
    if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    found.push({ target: path.resolve(path.dirname(file), specifier.text), typeOnly, entry, line });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const allTypes =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name && !!clause.namedBindings && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier, allTypes, node);
    } else if (ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier, node.isTypeOnly, node);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0], false, node);
    } else if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'URL' &&
      node.arguments?.[1]?.getText() === 'import.meta.url'
    ) {
      // Worker and process entries: a module started by URL runs its imports as surely as one imported.
      add(node.arguments[0], false, node, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const files = sourceFiles(srcDir);
const rel = (file: string) => path.relative(srcDir, file).split(path.sep).join('/');

describe('graders/src', () => {
  it('has no import cycles, type-only imports included', () => {
    const graph = new Map(
      files.map((f) => [
        f,
        importsOf(f)
          .filter((i) => !i.entry && i.target.startsWith(srcDir))
          .map((i) => i.target),
      ]),
    );
    // Tarjan's strongly connected components: every component of more than one file is a cycle.
    let index = 0;
    const indices = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    const connect = (v: string) => {
      indices.set(v, index);
      low.set(v, index++);
      stack.push(v);
      onStack.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!indices.has(w)) {
          connect(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
      }
      if (low.get(v) === indices.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(rel(w));
        } while (w !== v);
        if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
      }
    };
    for (const file of graph.keys()) if (!indices.has(file)) connect(file);
    expect(cycles, 'files that import each other, directly or through others: move what they share into a module both import').toEqual([]);
  });

  it('keeps each folder to the imports that fit where its code runs', () => {
    const violations: string[] = [];
    for (const file of files) {
      const folder = rel(file).split('/')[0]!;
      const allowed = ALLOWED[folder];
      if (!allowed) {
        violations.push(`${rel(file)}: not in one of the folders ${Object.keys(ALLOWED).join(', ')}`);
        continue;
      }
      for (const { target, typeOnly, line } of importsOf(file)) {
        if (typeOnly) continue;
        if (!target.startsWith(srcDir)) {
          const outside = path.relative(repoRoot, target).split(path.sep)[0]!;
          if (folder === 'child' && !CHILD_OUTSIDE.includes(outside))
            violations.push(`${rel(file)}:${line} imports ${path.relative(repoRoot, target)}, which the child may not load`);
          continue;
        }
        const to = rel(target);
        if (to.split('/')[0] === folder) continue;
        if (!allowed.some((a) => to === a || to.startsWith(`${a}/`))) violations.push(`${rel(file)}:${line} (${folder}/) imports ${to}`);
      }
    }
    expect(violations, 'imports across folders that the layout does not allow: see ALLOWED in this test').toEqual([]);
  });

  it(`has no file over ${MAX_FILE_LINES} lines and no function over ${MAX_FUNCTION_LINES} lines`, () => {
    const tooLong: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
      if (lines > MAX_FILE_LINES) tooLong.push(`${rel(file)}: ${lines} lines`);
      const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node) => {
        if (ts.isFunctionLike(node) && 'body' in node && node.body) {
          const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
          const last = source.getLineAndCharacterOfPosition(node.end).line;
          if (last - first + 1 > MAX_FUNCTION_LINES) {
            const name = node.name ? node.name.getText() : '(anonymous)';
            tooLong.push(`${rel(file)}:${first + 1} ${name}: ${last - first + 1} lines`);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(tooLong, 'split these into named steps').toEqual([]);
  });
});
