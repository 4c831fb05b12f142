/**
 * The byte format of a task's reply, shared by the child that writes it (reply-seal.ts, which loads this
 * before any student code, like everything it uses) and the grader that reads it (sandbox/reply-decode.ts).
 * Plain constants only: nothing here calls anything student code could patch.
 */

/** The typed-array kinds a reply may hold, by tag. */
export const KINDS = [
  'Uint8Array',
  'Int8Array',
  'Uint16Array',
  'Int16Array',
  'Uint32Array',
  'Int32Array',
  'Float32Array',
  'Float64Array',
  'Uint8ClampedArray',
] as const;

export const TAG = { undefined: 0, null: 1, false: 2, true: 3, number: 4, string: 5, array: 6, object: 7, typed: 8, buffer: 9 } as const;
export const MAX_DEPTH = 64;
