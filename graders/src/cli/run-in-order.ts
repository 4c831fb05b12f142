/**
 * Runs tasks several at a time while their output reads as if they ran one after the other: tasks start in
 * order, the earliest unfinished one writes straight through, and what a later one writes is held until every
 * task before it is done, then written out whole. With one job at a time this is a plain loop.
 */

/** Where a task writes: the two streams, in the order the writes were made. */
export interface TaskOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

type Stream = keyof TaskOutput;

/**
 * Runs `task(index, output)` for each index below `count`, at most `jobs` at once, started in index order,
 * with each task's output written to `target` in index order. Resolves with the results, in index order.
 * When a task throws, no further task starts; the running ones are awaited, the output of every task up to
 * and including the earliest one that threw is written (later ones' is dropped, as if they had never run),
 * and that task's error is thrown.
 */
export async function runInOrder<T>(count: number, jobs: number, task: (index: number, output: TaskOutput) => Promise<T>, target: TaskOutput): Promise<T[]> {
  const held: [Stream, string][][] = Array.from({ length: count }, () => []);
  const done: boolean[] = new Array<boolean>(count).fill(false);
  const errors = new Map<number, unknown>();
  const results: T[] = [];
  // The task whose output goes straight through; every task before it is done.
  let head = 0;
  let next = 0;
  let stopped = false;

  const outputOf = (index: number): TaskOutput => {
    const write = (stream: Stream) => (text: string) => {
      if (index === head) target[stream](text);
      else held[index]!.push([stream, text]);
    };
    return { stdout: write('stdout'), stderr: write('stderr') };
  };
  const advance = () => {
    // A task that threw stays at the head: nothing after it is written.
    while (head < count && done[head] && !errors.has(head)) {
      head += 1;
      if (head < count) {
        for (const [stream, text] of held[head]!) target[stream](text);
        held[head] = [];
      }
    }
  };
  const worker = async () => {
    while (!stopped && next < count) {
      const index = next++;
      try {
        results[index] = await task(index, outputOf(index));
      } catch (error) {
        errors.set(index, error);
        stopped = true;
      }
      done[index] = true;
      advance();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, count)) }, worker));
  // Tasks start in order, so every task before the earliest that threw has finished and been written.
  if (errors.size) throw errors.get(Math.min(...errors.keys()));
  return results;
}
