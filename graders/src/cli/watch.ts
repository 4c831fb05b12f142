/**
 * `labgrade watch <slug>`: on every save in exercises/<slug>/src, the static checks (syntax, types, imports,
 * functions not written yet, with file and line) and then the visible tests of that exercise. One TypeScript
 * program is kept between rounds, so a re-check after a save is quick. Saves that arrive during a round start
 * one more round when it ends, never several at once. `--once` runs a single round (exit 0 when the checks
 * and tests pass, 1 when not).
 */
import { execa } from 'execa';
import { watch as watchFolder, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { errorMessageIn } from '../core/errors.ts';
import { msg } from '../core/i18n.ts';
import { findingMessage } from '../core/result.ts';
import type { Language, Manifest } from '../core/manifest.ts';
import { exercisesDir, relativeToRepo, repoRoot } from '../core/paths.ts';
import { StaticService } from '../engine/static-run.ts';

export interface WatchOptions {
  manifest: Manifest;
  language: Language;
  once: boolean;
  /** Where the report goes (the terminal). */
  write?: (text: string) => void;
}

const DEBOUNCE_MS = 300;

/** Runs the checks once; true when the static checks found nothing and the visible tests passed. */
async function round(options: Required<Omit<WatchOptions, 'once'>>, service: StaticService, changed: string[]): Promise<boolean> {
  const { manifest, language, write } = options;
  const srcDir = path.join(exercisesDir, manifest.id, 'src');
  const files = manifest.files.map((f) => f.replace(/^src\//, ''));
  const time = new Date().toTimeString().slice(0, 8);
  write(`\n${msg('watch.round', language, { time, files: (changed.length ? changed : files).join(', ') })}\n`);

  const report = await service.check({ submissionDir: srcDir, files }).report;
  const problems = [...report.findings.filter((f) => f.kind === 'missing-file'), ...report.typeErrors, ...report.forbiddenImports];
  if (problems.length) {
    write(`${msg('watch.static.problems', language, { count: problems.length })}\n`);
    for (const p of problems) write(`  ${p.file ?? ''}${p.line ? `:${p.line}` : ''}  ${findingMessage(p, language)}\n`);
  } else write(`${msg('watch.static.ok', language)}\n`);
  if (report.notAttempted.length) write(`${msg('watch.not-implemented', language, { names: report.notAttempted.join(', ') })}\n`);

  // The visible tests, as the student runs them; their own output goes straight to the terminal.
  const tests = await execa('npm', ['run', '--silent', 'test:exercise', '--', manifest.id], {
    cwd: repoRoot,
    reject: false,
    all: true,
    // The visible tests name themselves and explain failures in the student's language too.
    env: { LABGRADE_LANG: language, ...(process.stdout.isTTY ? { FORCE_COLOR: '1' } : { NO_COLOR: '1', FORCE_COLOR: '' }) },
  });
  write(`${String(tests.all ?? '').trimEnd()}\n`);
  const passed = tests.exitCode === 0;
  write(`${msg(passed ? 'watch.tests.pass' : 'watch.tests.fail', language)}\n`);
  return passed && problems.length === 0;
}

/** Watches until interrupted (or runs once); resolves with the exit code. */
export async function watchExercise(options: WatchOptions): Promise<number> {
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  const full = { manifest: options.manifest, language: options.language, write };
  const srcDir = path.join(exercisesDir, options.manifest.id, 'src');
  const service = new StaticService();
  if (options.once) {
    try {
      return (await round(full, service, [])) ? 0 : 1;
    } finally {
      service.close();
    }
  }

  write(`${msg('watch.start', options.language, { path: relativeToRepo(srcDir), slug: options.manifest.id })}\n`);
  let running = false;
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const run = async (changed: string[]) => {
    running = true;
    try {
      await round(full, service, changed);
    } catch (error) {
      write(`${errorMessageIn(error, options.language)}\n`);
    }
    running = false;
    if (pending.size) {
      const next = [...pending].sort();
      pending = new Set();
      void run(next);
    } else write(`${msg('watch.waiting', options.language)}\n`);
  };
  const schedule = (file: string) => {
    pending.add(file);
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (running) return; // picked up when the current round ends
      const next = [...pending].sort();
      pending = new Set();
      void run(next);
    }, DEBOUNCE_MS);
  };

  let watcher: FSWatcher;
  await new Promise<void>((resolve) => {
    watcher = watchFolder(srcDir, { recursive: true }, (_event, name) => {
      const file = name ? String(name).split(path.sep).join('/') : '';
      // Editors' temporary and backup files are not the student's code.
      if (!file || /(^|\/)\.|~$|\.swp$|\.tmp$/.test(file)) return;
      schedule(file);
    });
    void run([]);
    const stop = () => {
      watcher.close();
      if (timer) clearTimeout(timer);
      service.close();
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
