import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Node, Project, SyntaxKind } from 'ts-morph';
import { describe, expect, test } from 'vitest';
import { decimalComma, messages, msg, type MessageKey } from '../../graders/src/core/i18n.ts';
import { grade, gradeMany, repoRoot } from '../helpers/grade.ts';

describe('the message catalogue', () => {
  const params = {
    fn: 'f',
    name: 'Error',
    message: 'm',
    where: 'a.ts:1',
    phase: 'p',
    seconds: 1,
    limit: 1,
    reason: 'r',
    count: 1,
    first: 'x',
    names: 'a',
    what: 'w',
    version: '20.19.0',
    required: '20.19.0',
    tfjs: '4.22.0',
    pkg: 'p',
    fix: 'f',
    problem: 'q',
    slug: 's',
    files: 'f.ts',
    file: 'f.ts',
    path: 'e/f.ts',
    wall: 2,
    cpu: 1,
    idle: 60,
    time: '12:00:00',
    backend: 'tensorflow',
    kind: 'solution',
    total: 3,
    max: 4,
    when: '2026-01-01T12:00:00.000Z',
    changed: 'submission',
    graded: 1,
    reused: 2,
    level: 'core',
    minutes: 30,
    points: 10,
    title: 'T',
    option: '--x',
    choices: 'a, b',
    value: 'v',
    specifier: 'node:fs',
    score: 1,
    status: 'pass',
    student: '1.0 s',
    grader: '2.0 s',
  };
  test.each(Object.keys(messages) as MessageKey[])('"%s" renders in English and Norwegian', (key) => {
    const en = msg(key, 'en', params);
    const nb = msg(key, 'nb', params);
    expect(en.trim().length).toBeGreaterThan(0);
    expect(nb.trim().length).toBeGreaterThan(0);
    expect(en).not.toContain('undefined');
    expect(nb).not.toContain('undefined');
  });
});

describe('numbers in Norwegian', () => {
  test.each([
    ['0.5', '0,5'],
    ['>= 0.97', '>= 0,97'],
    ['terskel 0.5 med `threshold = 0.5`', 'terskel 0,5 med `threshold = 0.5`'],
    ['folder: 0.981, 0.975, 0.990', 'folder: 0,981; 0,975; 0,990'],
    ['[0, 1, 0.5]', '[0; 1; 0,5]'],
    ['[null, 28, 28, 1] og 60, 000', '[null, 28, 28, 1] og 60, 000'],
    ['TensorFlow.js 4.22.0', 'TensorFlow.js 4.22.0'],
    ['-0.25 og 1e-9', '-0,25 og 1e-9'],
    ['fant [0.5,0.25,1]', 'fant [0,5; 0,25; 1]'],
  ])('%j is written %j: a decimal comma outside code and version numbers', (text, written) => {
    expect(decimalComma(text)).toBe(written);
  });
});

describe('Norwegian texts in the sources', () => {
  /** Where a Norwegian text writes a decimal point, or "stride" for a step, outside `code`. */
  const slips = (text: string): string[] => {
    const prose = text.replace(/`[^`]*`/g, ' ');
    return [...(prose.match(/(?<![\w.])\d+\.\d+(?![\d.])/g) ?? []), ...(prose.match(/\bstride \d/g) ?? [])];
  };

  test("write decimals with a comma and a stride as 'steg': manifests, suites, the grader's kit and the datasets", () => {
    const problems: string[] = [];
    for (const slug of readdirSync(path.join(repoRoot, 'exercises'))) {
      const file = path.join(repoRoot, 'exercises', slug, 'exercise.json');
      if (!existsSync(file)) continue;
      const visit = (node: unknown, where: string): void => {
        if (Array.isArray(node)) node.forEach((n, i) => visit(n, `${where}.${i}`));
        else if (node && typeof node === 'object')
          for (const [k, v] of Object.entries(node))
            k === 'nb' && typeof v === 'string' ? slips(v).forEach((x) => problems.push(`${slug}/exercise.json ${where}: ${x}`)) : visit(v, `${where}.${k}`);
      };
      visit(JSON.parse(readFileSync(file, 'utf8')), '');
    }
    const project = new Project({ skipAddingFilesFromTsConfig: true });
    project.addSourceFilesAtPaths([
      path.join(repoRoot, 'graders/suites/**/*.ts'),
      path.join(repoRoot, 'graders/src/**/*.ts'),
      path.join(repoRoot, 'datasets/**/*.ts'),
    ]);
    for (const file of project.getSourceFiles()) {
      for (const prop of file.getDescendantsOfKind(SyntaxKind.PropertyAssignment)) {
        if (prop.getName() !== 'nb') continue;
        const init = prop.getInitializer();
        if (!init) continue;
        for (const node of [init, ...init.getDescendants()]) {
          if (
            !(
              Node.isStringLiteral(node) ||
              Node.isNoSubstitutionTemplateLiteral(node) ||
              Node.isTemplateHead(node) ||
              Node.isTemplateMiddle(node) ||
              Node.isTemplateTail(node)
            )
          )
            continue;
          const text = Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node) ? node.getLiteralText() : node.getText();
          for (const x of slips(text)) problems.push(`${path.relative(repoRoot, file.getFilePath())}:${node.getStartLineNumber()}: ${x}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test('the check finds a slip', () => {
    expect(slips('terskel 0.5, steg 2 og `x = 0.5`')).toEqual(['0.5']);
    expect(slips('stride 2, 0,5 og versjon 4.22.0')).toEqual(['stride 2']);
  });
});

describe("the drivers' messages about what a submission returned", () => {
  // Every InvalidSubmissionError a driver throws reaches the student; its type requires both languages, and
  // this scan keeps that true even where the type checker does not run.
  const files = [...collect(path.join(repoRoot, 'graders', 'src')), ...collect(path.join(repoRoot, 'graders', 'suites'))];
  test.each(files.filter((f) => readFileSync(f, 'utf8').includes('new InvalidSubmissionError(')).map((f) => path.relative(repoRoot, f)))(
    '%s gives each one in English and Norwegian',
    (file) => {
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
    },
  );

  test('reach the student in Norwegian with --lang nb', async () => {
    const fixtures = path.join(repoRoot, 'test', 'fixtures', '00a-cnn-basics');
    const students = ['missing-export', 'wrong-type', 'spawns-process', 'same-padding-offset'];
    const batch = await gradeMany('00a-cnn-basics', Object.fromEntries(students.map((s) => [s, path.join(fixtures, s, 'src')])), { extra: ['--lang', 'nb'] });
    expect(batch.exitCode, batch.stderr).toBe(0);
    const message = (student: string, id: string) => batch.results[student]!.checks.find((c) => c.id === id)!.message;
    expect(message('missing-export', 'conv2d.shapes')).toContain('Forventet at innleveringen eksporterer en funksjon som heter `conv2d`');
    expect(message('wrong-type', 'sobel.edges')).toContain('sobelEdges må returnere et objekt { data, height, width, channels }, men den returnerte');
    // The static checks' findings and a suite's description of the case that differs.
    expect(message('spawns-process', 'static.imports')).toContain('Node-modulen "node:child_process", som ikke er tillatt under retting');
    expect(message('same-padding-offset', 'conv2d.channels')).toMatch(
      /avviker fra TensorFlow\.js\. Første: inndata \d+x\d+x\d+, \d+ filtre på \d+x\d+, steg \d+, utfylling 'same', ved rad \d+, kolonne \d+, kanal \d+\./,
    );
  }, 300_000);
});

describe("the command line's own lines", () => {
  test('follow --lang: what is graded, where the result went, and the report', async () => {
    const run = await grade('00b-tfjs-basics', { extra: ['--lang', 'nb'] });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toContain('Retter 00b-tfjs-basics (exercise) med backend wasm…');
    expect(run.stderr).toMatch(/Resultatet er skrevet til .*00b-tfjs-basics\.result\.json/);
    expect(run.result?.language).toBe('nb');
  }, 300_000);
});

describe("the suites' failure texts", () => {
  // What a failing check says (message, hint, expected, found), a metric's name, and a picture's title,
  // captions and series names reach the student. A string with words in it must sit in an { en, nb } object;
  // bare strings are for numbers, shapes and code.
  const project = new Project({ skipAddingFilesFromTsConfig: true });
  project.addSourceFilesAtPaths([
    path.join(repoRoot, 'graders/suites/**/*.ts'),
    path.join(repoRoot, 'graders/src/suite/kit/**/*.ts'),
    path.join(repoRoot, 'graders/src/child/kit/**/*.ts'),
  ]);
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
        "api.metric({ name: 'test accuracy', value: 1, threshold: 0.9, comparator: '>=' }); const layer = { name: 'dense_1' };",
        "fail({ message: { en: 'Low.', nb: 'Lav.' }, metric: { name: `AUC over ${k}`, value: 1, threshold: 0.9, comparator: '>=' } }); api.metric({ name: { en: 'MSE', nb: 'MSE' }, value: 1, threshold: 1, comparator: '<=' });",
        "await save('c', () => confusionPng(`Confusion matrix: ${n} test images`, language, labels, predicted));",
        "await save('r', () => rocPng(t({ en: 'ROC', nb: 'ROC' }), language, [{ name: 'your model', scores, labels }]));",
        "const tiles = [{ png, caption: 'MRI slice' }, { png, caption: t({ en: 'edges', nb: 'kanter' }) }]; svgPng('<svg xmlns=\"http://www.w3.org/2000/svg\"/>', 10);",
      ].join('\n'),
      { overwrite: true },
    );
    expect(untranslated(probe)).toEqual([
      '1 expected: } values`',
      '2 found: it threw',
      '3 found: `shape ${',
      '4 name: test accuracy',
      '5 name: `AUC over ${',
      '6 confusionPng: `Confusion matrix: ${',
      '6 confusionPng: } test images`',
      '7 rocPng: your model',
      '8 caption: MRI slice',
    ]);
  });
});

describe("the visible tests' names and messages", () => {
  // Students read them in the terminal while they work: test and describe names, expect() messages and
  // errors go through say() (or a local helper that calls it), except a name that is only an identifier.
  const project = new Project({ skipAddingFilesFromTsConfig: true });
  project.addSourceFilesAtPaths(path.join(repoRoot, 'exercises/*/test/**/*.ts'));
  const files = project.getSourceFiles();
  test('are found by the scan', () => expect(files.length).toBeGreaterThanOrEqual(9));
  test.each(files.map((f) => path.relative(repoRoot, f.getFilePath())))('%s gives each one in English and Norwegian', (file) => {
    expect(unsaid(project.getSourceFileOrThrow(path.join(repoRoot, file))).map((p) => `${file}:${p}`)).toEqual([]);
  });

  test('the scan finds English left bare', () => {
    const probe = project.createSourceFile(
      path.join(repoRoot, 'exercises/probe/test/probe.test.ts'),
      [
        "const s = (en: string, nb: string) => say({ en, nb }, 'en');",
        "describe('buildModel', () => test(s('returns a model', 'returnerer en modell'), () => expect(1, s('One.', 'En.')).toBe(1)));",
        "test('returns a model', () => expect(1, `one of ${n} values`).toBe(1));",
        "test.each([1])(say({ en: 'case %s', nb: 'tilfelle %s' }), () => { throw new Error('broken data'); });",
      ].join('\n'),
      { overwrite: true },
    );
    expect(unsaid(probe)).toEqual(['3 test: returns a model', '3 expect: `one of ${', '3 expect: } values`', '4 Error: broken data']);
  });
});

/** Lines of a visible test file where a name or message holds words outside say() or an { en, nb } object. */
function unsaid(file: import('ts-morph').SourceFile): string[] {
  // say(), and local helpers whose body calls it.
  const translators = new Set(['say']);
  for (const decl of file.getDescendantsOfKind(SyntaxKind.VariableDeclaration))
    if (/\bsay\(/.test(decl.getInitializer()?.getText() ?? '')) translators.add(decl.getName());
  for (const decl of file.getDescendantsOfKind(SyntaxKind.FunctionDeclaration))
    if (/\bsay\(/.test(decl.getBody()?.getText() ?? '') && decl.getName()) translators.add(decl.getName()!);
  const texts: { node: Node; what: string }[] = [];
  for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    // describe('x', ...), test.each(cases)('x', ...), it.skip('x', ...): the name is the first argument.
    const base = (Node.isCallExpression(callee) ? callee.getExpression() : callee).getText().split('.')[0]!;
    const args = call.getArguments();
    if (['describe', 'test', 'it'].includes(base) && args[0]) texts.push({ node: args[0], what: base });
    if (callee.getText() === 'expect' && args[1]) texts.push({ node: args[1], what: 'expect' });
  }
  for (const created of file.getDescendantsOfKind(SyntaxKind.NewExpression)) {
    if (/Error$/.test(created.getExpression().getText()) && created.getArguments()[0]) texts.push({ node: created.getArguments()[0]!, what: 'Error' });
  }
  const problems: { line: number; text: string }[] = [];
  for (const { node, what } of texts) {
    for (const literal of [node, ...node.getDescendants()]) {
      if (
        !(
          Node.isStringLiteral(literal) ||
          Node.isNoSubstitutionTemplateLiteral(literal) ||
          Node.isTemplateHead(literal) ||
          Node.isTemplateMiddle(literal) ||
          Node.isTemplateTail(literal)
        )
      )
        continue;
      const text = Node.isStringLiteral(literal) || Node.isNoSubstitutionTemplateLiteral(literal) ? literal.getLiteralText() : literal.getText();
      const words = text.replace(/`[^`]*`/g, ' ').match(/[A-Za-z]{2,}/g) ?? [];
      if (/^[A-Za-z_$][\w$]*$/.test(text) || words.every((w) => CODE_WORDS.has(w)) || insideBothLanguages(literal)) continue;
      if (literal.getAncestors().some((a) => Node.isCallExpression(a) && translators.has(a.getExpression().getText()))) continue;
      problems.push({ line: literal.getStartLineNumber(), text: `${what}: ${text.slice(0, 60)}` });
    }
  }
  return [...new Map(problems.map((p) => [`${p.line} ${p.text}`, p])).keys()];
}

/** Words that are code, not English: a bare string may hold them. */
const CODE_WORDS = new Set(['null', 'softmax', 'sigmoid', 'NaN', 'Infinity']);

/** The picture functions (graders/src/suite/kit/pictures.ts) whose first parameter is the title a student reads. */
function titledPictures(project: Project): Set<string> {
  const pictures = project.getSourceFileOrThrow(path.join(repoRoot, 'graders/src/suite/kit/pictures.ts'));
  return new Set(
    pictures
      .getFunctions()
      .filter((f) => f.isExported() && f.getName()?.endsWith('Png') && f.getParameters()[0]?.getName() === 'title')
      .map((f) => f.getName()!),
  );
}

/** Whether `prop` is the name of a measured value: in the object given to `api.metric(...)` or as fail's `metric:`. */
function isMetricName(prop: import('ts-morph').PropertyAssignment): boolean {
  const object = prop.getParent();
  const holder = object.getParent();
  if (Node.isPropertyAssignment(holder)) return holder.getName() === 'metric';
  if (!Node.isCallExpression(holder) || !holder.getArguments().includes(object as never)) return false;
  const callee = holder.getExpression();
  return Node.isPropertyAccessExpression(callee) ? callee.getName() === 'metric' : callee.getText() === 'metric';
}

/** Lines of `file` where a failure text, a metric's name or a picture's words hold words outside an { en, nb } object. */
function untranslated(file: import('ts-morph').SourceFile): string[] {
  const problems: { at: number; text: string }[] = [];
  // What is scanned: a property's value, or all the arguments of a call that draws a titled picture.
  const scanned: { label: string; roots: Node[]; call?: Node }[] = [];
  for (const prop of file.getDescendantsOfKind(SyntaxKind.PropertyAssignment)) {
    const name = prop.getName();
    if (!(['expected', 'found', 'message', 'hint', 'caption'].includes(name) || (name === 'name' && isMetricName(prop)))) continue;
    const init = prop.getInitializer();
    if (init) scanned.push({ label: name, roots: [init] });
  }
  const pictures = titledPictures(file.getProject());
  for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (Node.isIdentifier(callee) && pictures.has(callee.getText())) scanned.push({ label: callee.getText(), roots: call.getArguments(), call });
  }
  const seen = new Set<Node>();
  for (const { label, roots, call } of scanned) {
    for (const node of roots.flatMap((root) => [root, ...root.getDescendants()])) {
      if (seen.has(node)) continue;
      if (
        !(
          Node.isStringLiteral(node) ||
          Node.isNoSubstitutionTemplateLiteral(node) ||
          Node.isTemplateHead(node) ||
          Node.isTemplateMiddle(node) ||
          Node.isTemplateTail(node)
        )
      )
        continue;
      const parent = node.getParent();
      // Arguments ('en-US', a separator) and comparisons (typeof x === 'number') are code; a picture's title is not.
      if (Node.isCallExpression(parent) && parent !== call && parent.getArguments().includes(node as never)) continue;
      if (Node.isBinaryExpression(parent) && parent.getOperatorToken().getText().includes('=')) continue;
      const text = Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node) ? node.getLiteralText() : node.getText();
      const words = text.replace(/`[^`]*`/g, ' ').match(/[A-Za-z]{2,}/g) ?? [];
      if (words.every((w) => CODE_WORDS.has(w)) || insideBothLanguages(node)) continue;
      seen.add(node);
      problems.push({ at: node.getStart(), text: `${node.getStartLineNumber()} ${label}: ${text.slice(0, 60)}` });
    }
  }
  return problems.sort((a, b) => a.at - b.at).map((p) => p.text);
}

function insideBothLanguages(node: Node): boolean {
  for (let n: Node | undefined = node; n; n = n.getParent()) {
    if (Node.isPropertyAssignment(n) && (n.getName() === 'en' || n.getName() === 'nb')) {
      const names = n
        .getParentIfKindOrThrow(SyntaxKind.ObjectLiteralExpression)
        .getProperties()
        .map((p) => (Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p) ? p.getName() : ''));
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
