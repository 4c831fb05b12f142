/** Tasks run several at a time, their output written as if they ran one after the other (`grade --jobs N`). */
import { describe, expect, test } from 'vitest';
import { runInOrder, type TaskOutput } from '../../graders/src/cli/run-in-order.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A target that records every write, with its stream, and when each task started and ended. */
function recorder() {
  const written: string[] = [];
  const events: string[] = [];
  const target: TaskOutput = { stdout: (t) => void written.push(`out:${t}`), stderr: (t) => void written.push(`err:${t}`) };
  return { written, events, target };
}

describe('runInOrder', () => {
  test.for([1, 2, 3, 8])("with %i job(s), writes each task's output whole and in task order, whichever ends first", async (jobs) => {
    const { written, events, target } = recorder();
    const durations = [60, 10, 30, 5];
    const results = await runInOrder(
      durations.length,
      jobs,
      async (i, out) => {
        events.push(`start ${i}`);
        out.stderr(`grading ${i}`);
        await sleep(durations[i]!);
        out.stdout(`report ${i}`);
        out.stderr(`written ${i}`);
        return i * 10;
      },
      target,
    );
    expect(results).toEqual([0, 10, 20, 30]);
    expect(written).toEqual([0, 1, 2, 3].flatMap((i) => [`err:grading ${i}`, `out:report ${i}`, `err:written ${i}`]));
    expect(events, 'tasks start in order').toEqual(['start 0', 'start 1', 'start 2', 'start 3']);
  });

  test('runs at most `jobs` tasks at once', async () => {
    let running = 0;
    let most = 0;
    await runInOrder(
      6,
      2,
      async () => {
        most = Math.max(most, ++running);
        await sleep(5);
        running -= 1;
      },
      recorder().target,
    );
    expect(most).toBe(2);
  });

  test('the earliest unfinished task writes straight through, before it ends', async () => {
    const { written, target } = recorder();
    let seenWhileRunning: string[] = [];
    await runInOrder(
      2,
      2,
      async (i, out) => {
        out.stderr(`line ${i}`);
        if (i === 0) {
          await sleep(20);
          seenWhileRunning = [...written];
        }
      },
      target,
    );
    expect(seenWhileRunning).toEqual(['err:line 0']);
    expect(written).toEqual(['err:line 0', 'err:line 1']);
  });

  test('after a task throws: starts no more, writes the output up to that task, and throws its error', async () => {
    const { written, events, target } = recorder();
    const run = runInOrder(
      5,
      2,
      async (i, out) => {
        events.push(`start ${i}`);
        out.stderr(`grading ${i}`);
        await sleep(i === 0 ? 40 : 5);
        if (i === 1) throw new Error('task 1 could not run');
        out.stdout(`report ${i}`);
      },
      target,
    );
    await expect(run).rejects.toThrow('task 1 could not run');
    expect(events).toEqual(['start 0', 'start 1']);
    expect(written).toEqual(['err:grading 0', 'out:report 0', 'err:grading 1']);
  });
});
