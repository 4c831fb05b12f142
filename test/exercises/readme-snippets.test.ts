/**
 * The code the READMEs suggest type-checks against what students are given. Every fenced ```ts block of
 * every exercise README is compiled as if it were a file in that exercise's src/ folder, next to the
 * untouched stubs (so `import { ... } from './mlp.ts'` reads the stub's own types); the blocks of the
 * repository README (the page "From PyTorch to TensorFlow.js") are compiled at the repository's root. A
 * block that does as the README says must not fail a static check.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { maxScore, parseManifest } from '../../graders/src/core/manifest.ts';
import { repoRoot } from '../helpers/grade.ts';

interface Snippet {
  /** The markdown file and the line its block starts on, for messages. */
  where: string;
  /** The virtual file the block is compiled as. */
  file: string;
  code: string;
}

/** Every ```ts block of `markdown`, as a virtual file in `dir`. */
function snippetsOf(markdown: string, dir: string): Snippet[] {
  const text = readFileSync(markdown, 'utf8');
  const snippets: Snippet[] = [];
  const fence = /^```ts\n([\s\S]*?)^```$/gm;
  for (const match of text.matchAll(fence)) {
    const line = text.slice(0, match.index).split('\n').length;
    // Each block is a module of its own, so that blocks never clash over names.
    snippets.push({
      where: `${path.relative(repoRoot, markdown)}:${line}`,
      file: path.join(dir, `readme-snippet-${line}.ts`),
      code: `${match[1]}\nexport {};\n`,
    });
  }
  return snippets;
}

const slugs = readdirSync(path.join(repoRoot, 'exercises'))
  .filter((slug) => existsSync(path.join(repoRoot, 'exercises', slug, 'exercise.json')))
  .sort();
const snippets = [
  ...snippetsOf(path.join(repoRoot, 'README.md'), repoRoot),
  ...slugs.flatMap((slug) => snippetsOf(path.join(repoRoot, 'exercises', slug, 'README.md'), path.join(repoRoot, 'exercises', slug, 'src'))),
];

/** Type errors of every snippet, by snippet, from one program with the repository's own compiler options. */
function diagnoseSnippets(): Map<Snippet, string[]> {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(repoRoot, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error('Expected tsconfig.json to parse');
  const byFile = new Map(snippets.map((s) => [path.resolve(s.file), s]));
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language, onError) => {
    const snippet = byFile.get(path.resolve(fileName));
    return snippet ? ts.createSourceFile(fileName, snippet.code, language, true) : getSourceFile(fileName, language, onError);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => byFile.has(path.resolve(fileName)) || fileExists(fileName);
  const readFile = host.readFile.bind(host);
  host.readFile = (fileName) => byFile.get(path.resolve(fileName))?.code ?? readFile(fileName);
  const program = ts.createProgram({ rootNames: [...byFile.keys()], options: { ...config.options, noEmit: true }, host });
  const errors = new Map<Snippet, string[]>(snippets.map((s) => [s, []]));
  for (const diagnostic of [...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics(), ...program.getGlobalDiagnostics()]) {
    const snippet = diagnostic.file ? byFile.get(path.resolve(diagnostic.file.fileName)) : undefined;
    if (!snippet) continue;
    const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    errors.get(snippet)!.push(`line ${line + 1} of the block: TS${diagnostic.code} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
  }
  return errors;
}

describe("each exercise's README", () => {
  test.each(slugs)('%s states the time and the points of its manifest, in English and Norwegian', (slug) => {
    const manifest = parseManifest(
      JSON.parse(readFileSync(path.join(repoRoot, 'exercises', slug, 'exercise.json'), 'utf8')),
      path.join(repoRoot, 'exercises', slug, 'exercise.json'),
    );
    const text = readFileSync(path.join(repoRoot, 'exercises', slug, 'README.md'), 'utf8');
    expect(/\b[Aa]bout (\d+) minutes/.exec(text)?.[1], 'English time').toBe(String(manifest.estimatedMinutes));
    expect(/\b[Oo]mtrent (\d+) minutter/.exec(text)?.[1], 'Norwegian time').toBe(String(manifest.estimatedMinutes));
    expect(/What is graded \((\d+) points\)/.exec(text)?.[1], 'English points').toBe(String(maxScore(manifest)));
    expect(/Hva som gir poeng \((\d+) poeng\)/.exec(text)?.[1], 'Norwegian points').toBe(String(maxScore(manifest)));
    for (const check of manifest.checks) expect(text.split(`| \`${check.id}\` |`).length - 1, `${check.id} in both tables`).toBe(2);
  });
});

describe('the code in the READMEs', () => {
  test('is found: the PyTorch page, the first exercise and exercise 03 show code', () => {
    const where = snippets.map((s) => s.where);
    expect(where.some((w) => w.startsWith('README.md:'))).toBe(true);
    expect(where.some((w) => w.startsWith('exercises/00-from-python/'))).toBe(true);
    expect(where.some((w) => w.startsWith('exercises/03-mnist-mlp/'))).toBe(true);
  });

  test('type-checks against the stubs students are given, block by block', () => {
    const errors = diagnoseSnippets();
    const failing = [...errors].filter(([, list]) => list.length > 0).map(([s, list]) => `${s.where}\n  ${list.join('\n  ')}`);
    expect(failing, 'A README block that does not type-check would fail a student who follows it: fix the block or the stub.').toEqual([]);
  }, 300_000);

  test('the check finds a block that does not type-check', () => {
    // The block 03's README once suggested with a type that did not accept what model.fit returns.
    const probe: Snippet = {
      where: 'probe',
      file: path.join(repoRoot, 'exercises', '03-mnist-mlp', 'src', 'readme-snippet-probe.ts'),
      code: "import type { TrainingHistory } from './mlp.ts';\nconst h: TrainingHistory = { history: { loss: 'low' } };\nexport { h };\n",
    };
    snippets.push(probe);
    try {
      expect(diagnoseSnippets().get(probe)!.join('\n')).toMatch(/TS2322/);
    } finally {
      snippets.pop();
    }
  }, 300_000);
});
