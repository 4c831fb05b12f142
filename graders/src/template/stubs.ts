/**
 * `labgrade stubs`: writes exercises/<slug>/src from solutions/<slug>/src. Code between `// BEGIN SOLUTION`
 * and `// END SOLUTION` becomes the stub sentinel (`throw new NotImplementedError('<function>')`) inside a
 * function, and disappears at the top level; `// STUB: <code>` lines inside a region are kept as starter
 * code. Signatures, types and doc comments stay. `--check` fails when the committed stubs have drifted.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';
import { LabgradeError } from '../core/errors.ts';
import { exercisesDir, relativeToRepo, solutionsDir } from '../core/paths.ts';

const BEGIN = /^(\s*)\/\/ BEGIN SOLUTION\b.*$/;
const END = /^\s*\/\/ END SOLUTION\b.*$/;
const STUB_LINE = /^(\s*)\/\/ STUB: ?(.*)$/;

export class StubDriftError extends LabgradeError {
  constructor(files: string[]) {
    super(
      'LABGRADE_STUB_DRIFT',
      `These exercise stubs differ from what the solutions generate:\n${files.map((f) => `  - ${f}`).join('\n')}\nDid you forget to run \`npx labgrade stubs\`?`,
    );
  }
}

/** Function-like nodes of one parsed file, with the names a stub's sentinel uses for them. */
function namedBodies(source: string): { name: string; start: number; end: number }[] {
  // One parse per file, with the compiler's own API: no project, no lib files, no type checking.
  const file = ts.createSourceFile('solution.ts', source, ts.ScriptTarget.ES2022, true);
  const bodies: { name: string; start: number; end: number }[] = [];
  const visit = (node: ts.Node): void => {
    let name: string | undefined;
    let body: ts.Node | undefined;
    if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) {
      body = node.body;
      name = node.name && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) ? node.name.text : undefined;
    } else if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
      body = node.body;
      const parent = node.parent;
      if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) && ts.isIdentifier(parent.name)) name = parent.name.text;
    }
    if (name && body) bodies.push({ name, start: body.getStart(file), end: body.getEnd() });
    ts.forEachChild(node, visit);
  };
  visit(file);
  return bodies;
}

/** The innermost named function whose body contains `offset`. */
function enclosingFunctionName(bodies: ReturnType<typeof namedBodies>, offset: number): string | undefined {
  let best: { name: string; size: number } | undefined;
  for (const { name, start, end } of bodies) {
    if (!(start < offset && offset < end)) continue;
    if (!best || end - start < best.size) best = { name, size: end - start };
  }
  return best?.name;
}

/** Turns one solution file's text into its stub. */
export function stubSource(source: string, fileLabel = 'solution'): string {
  const lines = source.split('\n');
  const out: string[] = [];
  let offset = 0;
  let sentinelUsed = false;
  let bodies: ReturnType<typeof namedBodies> | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const begin = BEGIN.exec(line);
    if (!begin) {
      out.push(line);
      offset += line.length + 1;
      continue;
    }
    const indent = begin[1]!;
    bodies ??= namedBodies(source);
    const name = enclosingFunctionName(bodies, offset + line.length);
    const starter: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !END.test(lines[j]!); j++) {
      const stub = STUB_LINE.exec(lines[j]!);
      if (stub) starter.push(stub[1] + stub[2]);
    }
    if (j >= lines.length) throw new LabgradeError('LABGRADE_STUB_UNCLOSED', `${fileLabel}:${i + 1}: "// BEGIN SOLUTION" has no matching "// END SOLUTION".`);
    if (name) {
      out.push(`${indent}// TODO: write this part (see the README).`, ...starter, `${indent}throw new NotImplementedError('${name}');`);
      sentinelUsed = true;
    } else {
      out.push(...starter);
    }
    for (let k = i; k <= j; k++) offset += lines[k]!.length + 1;
    i = j;
  }
  let text = out.join('\n');
  if (
    sentinelUsed &&
    !/\bNotImplementedError\b[\s\S]*from ['"]labgrade\/runtime['"]/.test(
      text
        .split('\n')
        .filter((l) => l.startsWith('import'))
        .join('\n'),
    )
  ) {
    const lastImport = text.split('\n').reduce((last, l, idx) => (l.startsWith('import ') ? idx : last), -1);
    const all = text.split('\n');
    all.splice(lastImport + 1, 0, "import { NotImplementedError } from 'labgrade/runtime';");
    text = all.join('\n');
  }
  return text;
}

async function listTs(dir: string, base = dir): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await listTs(full, base)));
    else if (entry.name.endsWith('.ts')) found.push(path.relative(base, full));
  }
  return found.sort();
}

export interface StubsOptions {
  /** Compare instead of writing; throws StubDriftError on any difference. */
  check: boolean;
  /** Only these exercises. @default every folder in solutions/ */
  slugs?: string[];
}

/** Writes (or checks) every exercise's stubs. */
export async function runStubs(options: StubsOptions): Promise<void> {
  const slugs =
    options.slugs ??
    (existsSync(solutionsDir)
      ? (await readdir(solutionsDir, { withFileTypes: true }))
          .filter((e) => e.isDirectory())
          .map((e) => e.name)
          .sort()
      : []);
  const drift: string[] = [];
  for (const slug of slugs) {
    const from = path.join(solutionsDir, slug, 'src');
    const to = path.join(exercisesDir, slug, 'src');
    for (const rel of await listTs(from)) {
      const stub = stubSource(await readFile(path.join(from, rel), 'utf8'), relativeToRepo(path.join(from, rel)));
      const target = path.join(to, rel);
      const current = existsSync(target) ? await readFile(target, 'utf8') : undefined;
      if (current === stub) continue;
      if (options.check) drift.push(relativeToRepo(target));
      else {
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, stub);
        process.stdout.write(`wrote ${relativeToRepo(target)}\n`);
      }
    }
    if (options.check && existsSync(to)) {
      const expected = new Set(await listTs(from));
      for (const rel of await listTs(to)) if (!expected.has(rel)) drift.push(`${relativeToRepo(path.join(to, rel))} (no solution file)`);
    }
  }
  if (drift.length) throw new StubDriftError(drift);
  if (options.check) process.stdout.write(`Stubs of ${slugs.length} exercise(s) match their solutions.\n`);
}
