import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Node, Project, SyntaxKind } from 'ts-morph';
import { describe, expect, test } from 'vitest';
import { messages, msg, type MessageKey } from '../../graders/src/i18n.ts';
import { gradeMany, repoRoot } from '../helpers/grade.ts';

describe('the message catalogue', () => {
  const params = { fn: 'f', name: 'Error', message: 'm', where: 'a.ts:1', phase: 'p', seconds: 1, limit: 1, reason: 'r', count: 1, first: 'x', names: 'a', what: 'w', version: '20.19.0', required: '20.19.0', tfjs: '4.22.0', pkg: 'p', fix: 'f', problem: 'q', slug: 's', files: 'f.ts', file: 'f.ts', path: 'e/f.ts', wall: 2, cpu: 1, idle: 60, time: '12:00:00', backend: 'tensorflow' };
  test.each(Object.keys(messages) as MessageKey[])('"%s" renders in English and Norwegian', (key) => {
    const en = msg(key, 'en', params);
    const nb = msg(key, 'nb', params);
    expect(en.trim().length).toBeGreaterThan(0);
    expect(nb.trim().length).toBeGreaterThan(0);
    expect(en).not.toContain('undefined');
    expect(nb).not.toContain('undefined');
  });
});

describe("the drivers' messages about what a submission returned", () => {
  // Every InvalidSubmissionError a driver throws reaches the student; its type requires both languages, and
  // this scan keeps that true even where the type checker does not run.
  const files = [...collect(path.join(repoRoot, 'graders', 'src')), ...collect(path.join(repoRoot, 'graders', 'suites'))];
  test.each(files.filter((f) => readFileSync(f, 'utf8').includes('new InvalidSubmissionError(')).map((f) => path.relative(repoRoot, f)))('%s gives each one in English and Norwegian', (file) => {
    const text = readFileSync(path.join(repoRoot, file), 'utf8');
    for (const match of text.matchAll(/new InvalidSubmissionError\(\s*/g)) {
      const after = text.slice(match.index + match[0].length, match.index + match[0].length + 800);
      const line = text.slice(0, match.index).split('\n').length;
      if (after.startsWith('{')) {
        expect(/\ben:/.test(after) && /\bnb:/.test(after), `${file}:${line}`).toBe(true);
      } else {
        // A conditional choosing between messages: each branch is an { en, nb } object.
        expect(after.match(/\{\s*en:/g)?.length ?? 0, `${file}:${line}`).toBeGreaterThan(0);
        expect(after.match(/\ben:/g)?.length, `${file}:${line}`).toBe(after.match(/\bnb:/g)?.length);
      }
    }
  });

  test('reach the student in Norwegian with --lang nb', async () => {
    const fixtures = path.join(repoRoot, 'test', 'fixtures', '00a-cnn-basics');
    const batch = await gradeMany('00a-cnn-basics', { 'missing-export': path.join(fixtures, 'missing-export', 'src'), 'wrong-type': path.join(fixtures, 'wrong-type', 'src') }, { extra: ['--lang', 'nb'] });
    expect(batch.exitCode, batch.stderr).toBe(0);
    const message = (student: string, id: string) => batch.results[student]!.checks.find((c) => c.id === id)!.message;
    expect(message('missing-export', 'conv2d.shapes')).toContain('Forventet at innleveringen eksporterer en funksjon som heter `conv2d`');
    expect(message('wrong-type', 'sobel.edges')).toContain('sobelEdges må returnere et objekt { data, height, width, channels }, men den returnerte');
  }, 300_000);
});

describe("the suites' failure texts", () => {
  // What a failing check says (message, hint, expected, found) reaches the student. A string with words in it
  // must sit in an { en, nb } object; bare strings are for numbers, shapes and code.
  const project = new Project({ skipAddingFilesFromTsConfig: true });
  project.addSourceFilesAtPaths([path.join(repoRoot, 'graders/suites/**/*.ts'), path.join(repoRoot, 'graders/src/kit/**/*.ts')]);
  const files = project.getSourceFiles();
  test('are found by the scan', () => expect(files.length).toBeGreaterThan(10));
  test.each(files.map((f) => path.relative(repoRoot, f.getFilePath())))('%s gives each one in English and Norwegian', (file) => {
    expect(untranslated(project.getSourceFileOrThrow(path.join(repoRoot, file))).map((p) => `${file}:${p}`)).toEqual([]);
  });

  test('the scan finds English left bare', () => {
    const probe = project.createSourceFile(
      path.join(repoRoot, 'graders/suites/probe.ts'),
      [
        "fail({ message: { en: 'Wrong.', nb: 'Feil.' }, expected: `${n} values`, found: String(n) });",
        "fail({ message: { en: 'Wrong.', nb: 'Feil.' }, expected: '[null, 784]', found: ok ? { en: `${n} rows`, nb: `${n} rader` } : 'it threw' });",
        "const d = { expected: x.toLocaleString('en-US'), found: `shape ${s}` };",
      ].join('\n'),
      { overwrite: true },
    );
    expect(untranslated(probe)).toEqual(['1 expected: } values`', '2 found: it threw', '3 found: `shape ${']);
  });
});

/** Words that are code, not English: a bare string may hold them. */
const CODE_WORDS = new Set(['null', 'softmax', 'sigmoid', 'NaN', 'Infinity']);

/** Lines of `file` where a failure text holds words outside an { en, nb } object. */
function untranslated(file: import('ts-morph').SourceFile): string[] {
  const problems: string[] = [];
  for (const prop of file.getDescendantsOfKind(SyntaxKind.PropertyAssignment)) {
    if (!['expected', 'found', 'message', 'hint'].includes(prop.getName())) continue;
    const init = prop.getInitializer();
    if (!init) continue;
    for (const node of [init, ...init.getDescendants()]) {
      if (!(Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node) || Node.isTemplateHead(node) || Node.isTemplateMiddle(node) || Node.isTemplateTail(node))) continue;
      const parent = node.getParent();
      // Arguments ('en-US', a separator) and comparisons (typeof x === 'number') are code.
      if (Node.isCallExpression(parent) && parent.getArguments().includes(node as never)) continue;
      if (Node.isBinaryExpression(parent) && parent.getOperatorToken().getText().includes('=')) continue;
      const text = Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node) ? node.getLiteralText() : node.getText();
      const words = text.replace(/`[^`]*`/g, ' ').match(/[A-Za-z]{2,}/g) ?? [];
      if (words.every((w) => CODE_WORDS.has(w)) || insideBothLanguages(node)) continue;
      problems.push(`${node.getStartLineNumber()} ${prop.getName()}: ${text.slice(0, 60)}`);
    }
  }
  return problems;
}

function insideBothLanguages(node: Node): boolean {
  for (let n: Node | undefined = node; n; n = n.getParent()) {
    if (Node.isPropertyAssignment(n) && (n.getName() === 'en' || n.getName() === 'nb')) {
      const names = n.getParentIfKindOrThrow(SyntaxKind.ObjectLiteralExpression).getProperties().map((p) => (Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p) ? p.getName() : ''));
      if (names.includes('en') && names.includes('nb')) return true;
    }
  }
  return false;
}

function collect(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? collect(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}
