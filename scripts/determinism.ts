/**
 * `npm run determinism`: grades the same submission several times with the real CLI, one after the other and
 * then in parallel, and counts the result fields that differ between any two gradings. Times, dates and the
 * machine's own figures are left out; scores, statuses, messages, metrics and the submission's output are
 * compared.
 *
 *     npm run determinism -- <slug>... [--solution | --submission DIR] [--runs 5] [--jobs 2] [--keep]
 *
 * Prints every differing field and its values, then `differing fields: N`; exits 1 when N > 0.
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { execa } from 'execa';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'labgrade.js');

/** Fields that describe when, how fast and where a grading ran, not what it found. */
const VOLATILE = new Set(['startedAt', 'timing', 'durationMs', 'cpuMs', 'environment', 'path']);

/** Every leaf of a JSON value as `path = value`, without the volatile fields. */
function leaves(value: unknown, at = '', out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      // Checks and phases are keyed by their id or name, so that a reordering would show as such.
      const key =
        item && typeof item === 'object' && ('id' in item || 'name' in item)
          ? String((item as { id?: unknown; name?: unknown }).id ?? (item as { name: unknown }).name)
          : String(i);
      leaves(item, `${at}[${key}]`, out);
    });
    if (value.length === 0) out.set(at, '[]');
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) if (!VOLATILE.has(key)) leaves(item, at ? `${at}.${key}` : key, out);
  } else {
    out.set(at, JSON.stringify(value));
  }
  return out;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      solution: { type: 'boolean', default: false },
      submission: { type: 'string' },
      runs: { type: 'string', default: '5' },
      jobs: { type: 'string', default: '2' },
      backend: { type: 'string', default: 'wasm' },
      keep: { type: 'boolean', default: false },
    },
  });
  const runs = Number(values.runs);
  const jobs = Number(values.jobs);
  if (positionals.length === 0 || !(Number.isInteger(runs) && runs >= 2) || !(Number.isInteger(jobs) && jobs >= 2)) {
    throw new Error('Usage: npm run determinism -- <slug>... [--solution | --submission DIR] [--runs N>=2] [--jobs N>=2] [--keep]');
  }
  /** The src folder of `slug` in what --submission names (a repository, an exercise folder or a src folder), as the CLI reads it. */
  const sourceOf = (slug: string): string => {
    if (!values.submission) return path.join(root, values.solution ? 'solutions' : 'exercises', slug, 'src');
    const dir = path.resolve(values.submission);
    const found = [path.join(dir, 'exercises', slug, 'src'), path.join(dir, 'src'), dir].find((candidate) => existsSync(candidate));
    if (!found) throw new Error(`Expected --submission to name a folder with ${slug}'s src/ files, but ${dir} does not exist.`);
    return found;
  };
  const work = await mkdtemp(path.join(os.tmpdir(), 'labgrade-determinism-'));
  try {
    // One repository per run, each with a full copy of every exercise's files, laid out as a student's.
    const submissions = path.join(work, 'submissions');
    for (let run = 1; run <= runs; run++) {
      for (const slug of positionals) {
        await cp(sourceOf(slug), path.join(submissions, `run-${run}`, 'exercises', slug, 'src'), { recursive: true });
      }
    }
    const results = new Map<string, Map<string, string>>();
    for (const [mode, jobCount] of [
      ['serial', 1],
      ['parallel', jobs],
    ] as const) {
      const out = path.join(work, mode);
      const args = [
        bin,
        'grade',
        ...positionals,
        '--submissions',
        submissions,
        '--out',
        out,
        '--backend',
        values.backend!,
        '--format',
        'json',
        '--jobs',
        String(jobCount),
      ];
      const started = performance.now();
      process.stderr.write(`grading ${runs} copies of ${positionals.join(', ')} ${mode === 'serial' ? 'one after the other' : `with --jobs ${jobCount}`}...\n`);
      const graded = await execa(process.execPath, args, { cwd: root, reject: false, stdout: 'pipe', stderr: 'inherit', env: { CI: '' } });
      process.stderr.write(`  ${((performance.now() - started) / 1000).toFixed(0)} s, exit code ${graded.exitCode}\n`);
      for (let run = 1; run <= runs; run++) {
        for (const slug of positionals) {
          const file = path.join(out, `run-${run}`, `${slug}.result.json`);
          const text = await readFile(file, 'utf8').catch(() => undefined);
          if (text === undefined) throw new Error(`Expected a result at ${file}, but there is none: the grading failed (exit code ${graded.exitCode}).`);
          results.set(`${mode} run ${run} ${slug}`, leaves(JSON.parse(text)));
        }
      }
    }
    let differing = 0;
    let compared = 0;
    for (const slug of positionals) {
      const labels = [...results.keys()].filter((label) => label.endsWith(` ${slug}`));
      const reference = results.get(labels[0]!)!;
      const fields = new Set(labels.flatMap((label) => [...results.get(label)!.keys()]));
      compared += fields.size;
      for (const field of [...fields].sort()) {
        const seen = new Map<string, string[]>();
        for (const label of labels) {
          const value = results.get(label)!.get(field) ?? '(missing)';
          seen.set(value, [...(seen.get(value) ?? []), label.replace(` ${slug}`, '')]);
        }
        if (seen.size === 1) continue;
        differing++;
        process.stdout.write(`${slug} ${field}:\n`);
        for (const [value, where] of seen) process.stdout.write(`  ${value.length > 160 ? `${value.slice(0, 160)}...` : value}  (${where.join(', ')})\n`);
      }
      process.stdout.write(
        `${slug}: ${labels.length} gradings, ${fields.size} fields each, score ${reference.get('score')}/${reference.get('maxScore')} (${reference.get('status')})\n`,
      );
    }
    process.stdout.write(`differing fields: ${differing} (of ${compared} compared)\n`);
    if (values.keep) process.stdout.write(`results kept in ${work}\n`);
    process.exitCode = differing === 0 ? 0 : 1;
  } finally {
    if (!values.keep) await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
