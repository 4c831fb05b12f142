/**
 * Everything grading writes: result files (and reading them back), the pictures folder it clears, and the
 * atomic writes other records use. A write that fails says why in words a user can act on.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { OutputError } from '../core/errors.ts';
import { GradeResult } from '../core/result.ts';

/** Why a write into `file` failed, in words a user can act on. */
function writeFailure(file: string, error: unknown): OutputError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'the disk is full'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'the folder is not writable'
        : code === 'ENOTDIR' || code === 'EEXIST'
          ? 'a file stands where a folder is needed'
          : (error as Error).message;
  return new OutputError(`Could not write ${file}: ${reason}. Free some space or choose another folder with --out DIR.`);
}

/**
 * Checks, before any grading starts, that results can be written into `dir` (creating it if needed), so
 * that a wrong --out fails in seconds with a clear error instead of after minutes of grading.
 */
export async function assertWritableDir(dir: string): Promise<void> {
  const probe = path.join(dir, `.labgrade-write-check.${process.pid}`);
  try {
    await mkdir(dir, { recursive: true });
    // As large as a result file can be, so that a full disk is found now, not after minutes of grading.
    await writeFile(probe, Buffer.alloc(64 * 1024));
  } catch (error) {
    throw writeFailure(dir, error);
  } finally {
    await rm(probe, { force: true }).catch(() => {});
  }
}

/** Writes a file so that readers never see half of it: a temporary file in the same folder, then rename. */
export async function writeFileAtomic(file: string, contents: string): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(temp, contents);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => {});
    throw writeFailure(file, error);
  }
}

/** Writes `<outDir>/<exercise>.result.json`. */
export async function writeResult(outDir: string, result: GradeResult): Promise<void> {
  await writeFileAtomic(path.join(outDir, `${result.exercise.id}.result.json`), `${JSON.stringify(result, null, 2)}\n`);
}

/** Reads a result file back, validated. */
export async function readResult(file: string): Promise<GradeResult> {
  return GradeResult.parse(JSON.parse(await readFile(file, 'utf8')));
}

/** Removes the pictures an earlier grading drew, so that the folder holds this grading's only. */
export async function clearPictures(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
