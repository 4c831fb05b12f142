/**
 * Runs the real `labgrade` CLI in a child process, as students and CI do, and normalises results for
 * comparison with golden expected files (absolute paths, times and machine details removed).
 */
import { execa } from 'execa';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GradeResult } from '../../graders/src/result.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(repoRoot, 'bin', 'labgrade.js');

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs `labgrade <args>` from the repository root. */
export async function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 900_000): Promise<CliRun> {
  const run = await execa(process.execPath, [bin, ...args], { cwd: repoRoot, env: { ...env, CI: '' }, reject: false, timeout: timeoutMs, all: false });
  return { exitCode: run.exitCode ?? -1, stdout: String(run.stdout), stderr: String(run.stderr) };
}

export interface GradeRun extends CliRun {
  result?: GradeResult;
  outDir: string;
}

/** Grades one exercise into a fresh output folder and reads the result file back, validated by its schema. */
export async function grade(slug: string, options: { solution?: boolean; submission?: string; backend?: string; env?: Record<string, string>; extra?: string[] } = {}): Promise<GradeRun> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'labgrade-test-'));
  const args = ['grade', slug, '--out', outDir, '--backend', options.backend ?? 'wasm', ...(options.extra ?? [])];
  if (options.solution) args.push('--solution');
  if (options.submission) args.push('--submission', options.submission);
  const run = await runCli(args, options.env);
  const file = path.join(outDir, `${slug}.result.json`);
  const result = existsSync(file) ? GradeResult.parse(JSON.parse(readFileSync(file, 'utf8'))) : undefined;
  return { ...run, result, outDir };
}

/** The parts of a result that must not change between runs, machines or checkouts. */
export function normalize(result: GradeResult): unknown {
  const strip = (text: string | undefined) => text?.replaceAll(repoRoot, '<repo>').replace(/\/tmp\/labgrade-[\w-]+/g, '<stage>');
  return {
    exercise: result.exercise.id,
    status: result.status,
    score: result.score,
    maxScore: result.maxScore,
    notAttempted: result.notAttempted,
    staticFindings: result.staticFindings.map((f) => `${f.kind}${f.file ? ` ${f.file}${f.line ? `:${f.line}` : ''}` : ''}`),
    checks: result.checks.map((c) => ({
      id: c.id,
      status: c.status,
      points: c.points,
      message: strip(c.message),
      ...(c.expected !== undefined ? { expected: strip(c.expected) } : {}),
      ...(c.found !== undefined ? { found: strip(c.found) } : {}),
      ...(c.file ? { at: `${c.file}:${c.line ?? ''}` } : {}),
    })),
  };
}

/** Reads a golden expected file; with LABGRADE_UPDATE_FIXTURES=1 writes it from `actual` first. */
export function expectedFor(file: string, actual: unknown): unknown {
  if (process.env.LABGRADE_UPDATE_FIXTURES === '1' || !existsSync(file)) {
    if (process.env.LABGRADE_UPDATE_FIXTURES !== '1') throw new Error(`Missing golden file ${file}. Run the test with LABGRADE_UPDATE_FIXTURES=1 to write it, then review it.`);
    writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}
