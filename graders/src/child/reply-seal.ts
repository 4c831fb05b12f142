/**
 * Sealed replies, the child's side (sandbox/reply-decode.ts is the grader's): defence in depth for the channel from
 * the child to the grader. The child encodes each
 * reply into bytes of its own canonical format and signs them with HMAC-SHA-256 under a key that reaches it
 * on the IPC channel before any student code is loaded and stays in this module's closure. Everything the
 * encoder and the hash (sha256.ts) use is captured when these modules load, before student code: patching prototypes,
 * typed arrays, JSON or Node's IPC serializer afterwards cannot make them lie. The grader checks the seal
 * (with Node's own crypto, where no student code runs) before it decodes a reply, so a reply rewritten in
 * flight is detected and reported as tampering. Scoring never depends on this layer: every value that earns
 * points is computed by the grader from what the child sends.
 */

import { KINDS, MAX_DEPTH, TAG } from './reply-format.ts';
import { sha256 } from './sha256.ts';

// ---------- captured intrinsics (child side) ----------

const ReflectApply = Reflect.apply;
const ArrayIsArray = Array.isArray;
const ObjectKeys = Object.keys;
const U8 = Uint8Array;
const F64 = Float64Array;
const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object;
const getter = (target: object, key: PropertyKey): ((this: unknown) => unknown) =>
  Object.getOwnPropertyDescriptor(target, key)!.get! as (this: unknown) => unknown;
const typedArrayKind = getter(TypedArrayPrototype, Symbol.toStringTag);
const typedArrayBuffer = getter(TypedArrayPrototype, 'buffer');
const typedArrayByteOffset = getter(TypedArrayPrototype, 'byteOffset');
const typedArrayByteLength = getter(TypedArrayPrototype, 'byteLength');
const arrayBufferByteLength = getter(ArrayBuffer.prototype, 'byteLength');
const typedArraySet = (TypedArrayPrototype as { set: (this: Uint8Array, source: ArrayLike<number>, offset?: number) => void }).set;
const charCodeAt = String.prototype.charCodeAt;

/** A value a reply cannot carry (a function, a symbol, a structure nested too deep). */
export class UnsendableValueError extends Error {
  readonly code = 'LABGRADE_UNSENDABLE';
  constructor(message: string) {
    super(message);
    this.name = 'UnsendableValueError';
  }
}

/** A byte buffer that grows, written with captured functions only. */
class Writer {
  bytes = new U8(1 << 16);
  capacity = 1 << 16;
  length = 0;
  private readonly scratch = new F64(1);
  private readonly scratchBytes = new U8(ReflectApply(typedArrayBuffer, this.scratch, []) as ArrayBuffer);

  private reserve(n: number): void {
    if (this.length + n <= this.capacity) return;
    let size = this.capacity * 2;
    while (size < this.length + n) size *= 2;
    const grown = new U8(size);
    ReflectApply(typedArraySet, grown, [this.bytes]);
    this.bytes = grown;
    this.capacity = size;
  }

  byte(b: number): void {
    this.reserve(1);
    this.bytes[this.length++] = b;
  }

  u32(n: number): void {
    this.reserve(4);
    this.bytes[this.length++] = n & 0xff;
    this.bytes[this.length++] = (n >>> 8) & 0xff;
    this.bytes[this.length++] = (n >>> 16) & 0xff;
    this.bytes[this.length++] = (n >>> 24) & 0xff;
  }

  f64(x: number): void {
    this.reserve(8);
    // NaN in one form: its payload bits are not part of what a reply means.
    // biome-ignore lint/suspicious/noSelfCompare: Number.isNaN is a global that student code can replace; x !== x is not.
    if (x !== x) {
      for (let i = 0; i < 6; i++) this.bytes[this.length++] = 0;
      this.bytes[this.length++] = 0xf8;
      this.bytes[this.length++] = 0x7f;
      return;
    }
    this.scratch[0] = x;
    for (let i = 0; i < 8; i++) this.bytes[this.length++] = this.scratchBytes[i]!;
  }

  text(s: string): void {
    const n = s.length;
    this.u32(n);
    this.reserve(2 * n);
    for (let i = 0; i < n; i++) {
      const unit = ReflectApply(charCodeAt, s, [i]) as number;
      this.bytes[this.length++] = unit & 0xff;
      this.bytes[this.length++] = unit >>> 8;
    }
  }

  raw(buffer: ArrayBuffer, offset: number, length: number): void {
    this.u32(length);
    this.reserve(length);
    ReflectApply(typedArraySet, this.bytes, [new U8(buffer, offset, length), this.length]);
    this.length += length;
  }
}

/** The typed array's kind as its index in KINDS, or -1 for anything else. */
function kindOf(value: object): number {
  const kind = ReflectApply(typedArrayKind, value, []) as string | undefined;
  for (let i = 0; i < KINDS.length; i++) if (KINDS[i] === kind) return i;
  return -1;
}

function isArrayBuffer(value: object): boolean {
  try {
    ReflectApply(arrayBufferByteLength, value, []);
    return true;
  } catch {
    return false;
  }
}

function write(w: Writer, value: unknown, depth: number): void {
  if (depth > MAX_DEPTH)
    throw new UnsendableValueError(`A value nested more than ${MAX_DEPTH} levels deep (or one that contains itself) cannot be sent to the grader.`);
  switch (typeof value) {
    case 'undefined':
      w.byte(TAG.undefined);
      return;
    case 'boolean':
      w.byte(value ? TAG.true : TAG.false);
      return;
    case 'number':
      w.byte(TAG.number);
      w.f64(value);
      return;
    case 'string':
      w.byte(TAG.string);
      w.text(value);
      return;
    case 'object':
      break;
    default:
      throw new UnsendableValueError(`A ${typeof value} cannot be sent to the grader.`);
  }
  if (value === null) {
    w.byte(TAG.null);
    return;
  }
  const kind = kindOf(value);
  if (kind >= 0) {
    w.byte(TAG.typed);
    w.byte(kind);
    w.raw(
      ReflectApply(typedArrayBuffer, value, []) as ArrayBuffer,
      ReflectApply(typedArrayByteOffset, value, []) as number,
      ReflectApply(typedArrayByteLength, value, []) as number,
    );
    return;
  }
  if (isArrayBuffer(value)) {
    w.byte(TAG.buffer);
    w.raw(value as ArrayBuffer, 0, ReflectApply(arrayBufferByteLength, value, []) as number);
    return;
  }
  if (ArrayIsArray(value)) {
    const items = value as unknown[];
    const n = items.length;
    w.byte(TAG.array);
    w.u32(n);
    for (let i = 0; i < n; i++) write(w, items[i], depth + 1);
    return;
  }
  const keys = ObjectKeys(value);
  const n = keys.length;
  w.byte(TAG.object);
  w.u32(n);
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    w.text(key);
    write(w, (value as Record<string, unknown>)[key], depth + 1);
  }
}

/** Encodes a reply (plain data: numbers, strings, arrays, objects, typed arrays, ArrayBuffers) as bytes. */
export function encodeReply(value: unknown): Uint8Array {
  const w = new Writer();
  write(w, value, 0);
  return new U8(ReflectApply(typedArrayBuffer, w.bytes, []) as ArrayBuffer, 0, w.length);
}

// ---------- HMAC, on captured arithmetic only (child side) ----------

/** HMAC-SHA-256 under `key` (at most 64 bytes), for the child: the key stays in the returned closure. */
export function createSealer(key: Uint8Array): (bytes: Uint8Array) => Uint8Array {
  if (key.length > 64) throw new Error('The seal key must be at most 64 bytes.');
  const inner = new U8(64);
  const outer = new U8(64);
  for (let i = 0; i < 64; i++) {
    const k = i < key.length ? key[i]! : 0;
    inner[i] = k ^ 0x36;
    outer[i] = k ^ 0x5c;
  }
  return (bytes) => sha256([outer, sha256([inner, bytes])]);
}
