/**
 * Hints that grow more specific: a record, on the student's own machine, of the checks that keep failing.
 * Each time a check fails again on changed files, the next of its hints is shown (general first, specific
 * last, never the solution); when it passes, its record is cleared. The record is a small JSON file
 * (`.labgrade/hint-history.json` where grading runs); a missing or damaged one counts as empty, and one that
 * cannot be written costs nothing but the escalation.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from './output.ts';

const Entry = z.object({
  /** Failed gradings of the check, counting one per distinct submission. */
  failures: z.number().int().positive(),
  /** Fingerprint of the files of the last failure: grading the same files again does not escalate. */
  sha256: z.string(),
});
const HistoryFile = z.object({ version: z.literal(1), checks: z.record(z.string(), Entry) });

export class HintHistory {
  private changed = false;
  /** The last save asked for; the next one starts when it is done. */
  private saving: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly file: string,
    private readonly checks: Record<string, z.infer<typeof Entry>>,
  ) {}

  /** Reads the record at `file`; a missing or unreadable one starts empty. */
  static async open(file: string): Promise<HintHistory> {
    const parsed = HistoryFile.safeParse(
      await readFile(file, 'utf8')
        .then(JSON.parse, () => undefined)
        .catch(() => undefined),
    );
    return new HintHistory(file, parsed.success ? parsed.data.checks : {});
  }

  /**
   * Records a failure of `checkId` of `slug` for the files with fingerprint `sha256`, and returns which of
   * its `count` hints to show (from 1).
   */
  failed(slug: string, checkId: string, count: number, sha256: string): number {
    const key = `${slug}/${checkId}`;
    const entry = this.checks[key];
    if (!entry) this.checks[key] = { failures: 1, sha256 };
    else if (entry.sha256 !== sha256) this.checks[key] = { failures: entry.failures + 1, sha256 };
    this.changed = true;
    return Math.min(count, this.checks[key]!.failures);
  }

  /** Clears the record of a check that passed. */
  passed(slug: string, checkId: string): void {
    const key = `${slug}/${checkId}`;
    if (this.checks[key]) {
      delete this.checks[key];
      this.changed = true;
    }
  }

  /**
   * Writes the record back; returns a warning instead of throwing when it cannot. Saves run one after
   * another: exercises graded at once (`grade --jobs N`) each save, and two writes in flight could rename an
   * older snapshot over a newer one, or share a temporary file.
   */
  save(): Promise<string | undefined> {
    const saved = this.saving.then(() => this.write());
    this.saving = saved;
    return saved;
  }

  private async write(): Promise<string | undefined> {
    if (!this.changed) return undefined;
    // Taken now: a change made while this write is under way marks the record changed for the next save.
    const contents = `${JSON.stringify({ version: 1, checks: this.checks }, null, 2)}\n`;
    this.changed = false;
    try {
      await writeFileAtomic(this.file, contents);
      return undefined;
    } catch (error) {
      this.changed = true;
      return `Hints will not grow more specific: ${(error as Error).message}`;
    }
  }
}
