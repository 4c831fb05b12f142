/**
 * Sealed replies, the child's side (sandbox/reply-decode.ts is the grader's): defence in depth for the channel from
 * the child to the grader. The child encodes each
 * reply into bytes of its own canonical format and signs them with HMAC-SHA-256 under a key that reaches it
 * on the IPC channel before any student code is loaded and stays in this module's closure. Everything the
 * encoder and the hash use is captured when this module loads, before student code: patching prototypes,
 * typed arrays, JSON or Node's IPC serializer afterwards cannot make them lie. The grader checks the seal
 * (with Node's own crypto, where no student code runs) before it decodes a reply, so a reply rewritten in
 * flight is detected and reported as tampering. Scoring never depends on this layer: every value that earns
 * points is computed by the grader from what the child sends.
 */

import { KINDS, MAX_DEPTH, TAG } from './reply-format.ts';

// ---------- captured intrinsics (child side) ----------

const ReflectApply = Reflect.apply;
const ArrayIsArray = Array.isArray;
const ObjectKeys = Object.keys;
const U8 = Uint8Array;
const U32 = Uint32Array;
const F64 = Float64Array;
const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object;
const getter = (target: object, key: PropertyKey): ((this: unknown) => unknown) => Object.getOwnPropertyDescriptor(target, key)!.get! as (this: unknown) => unknown;
const typedArrayKind = getter(TypedArrayPrototype, Symbol.toStringTag);
const typedArrayBuffer = getter(TypedArrayPrototype, 'buffer');
const typedArrayByteOffset = getter(TypedArrayPrototype, 'byteOffset');
const typedArrayByteLength = getter(TypedArrayPrototype, 'byteLength');
const typedArrayLength = getter(TypedArrayPrototype, 'length');
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
  if (depth > MAX_DEPTH) throw new UnsendableValueError(`A value nested more than ${MAX_DEPTH} levels deep (or one that contains itself) cannot be sent to the grader.`);
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
    w.raw(ReflectApply(typedArrayBuffer, value, []) as ArrayBuffer, ReflectApply(typedArrayByteOffset, value, []) as number, ReflectApply(typedArrayByteLength, value, []) as number);
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

// ---------- SHA-256 and HMAC, on captured arithmetic only (child side) ----------

const K = new U32([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** SHA-256 of the concatenation of `parts`. */
function sha256(parts: Uint8Array[]): Uint8Array {
  const h = new U32([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new U32(64);
  const block = new U8(64);
  let filled = 0;
  let total = 0;
  const compress = (): void => {
    for (let i = 0; i < 16; i++) w[i] = (block[4 * i]! << 24) | (block[4 * i + 1]! << 16) | (block[4 * i + 2]! << 8) | block[4 * i + 3]!;
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15]!;
      const b = w[i - 2]!;
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
    }
    let a = h[0]!, b = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!, f = h[5]!, g = h[6]!, k = h[7]!;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (k + S1 + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      k = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] = h[0]! + a; h[1] = h[1]! + b; h[2] = h[2]! + c; h[3] = h[3]! + d;
    h[4] = h[4]! + e; h[5] = h[5]! + f; h[6] = h[6]! + g; h[7] = h[7]! + k;
  };
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p]!;
    const n = ReflectApply(typedArrayLength, part, []) as number;
    total += n;
    for (let i = 0; i < n; i++) {
      block[filled++] = part[i]!;
      if (filled === 64) {
        compress();
        filled = 0;
      }
    }
  }
  block[filled++] = 0x80;
  if (filled > 56) {
    while (filled < 64) block[filled++] = 0;
    compress();
    filled = 0;
  }
  while (filled < 56) block[filled++] = 0;
  const bits = total * 8;
  // The length in bits as two 32-bit words; `>>>` truncates, so no global (Math) is needed.
  const high = (total / 0x20000000) >>> 0;
  block[56] = high >>> 24; block[57] = (high >>> 16) & 0xff; block[58] = (high >>> 8) & 0xff; block[59] = high & 0xff;
  block[60] = bits >>> 24; block[61] = (bits >>> 16) & 0xff; block[62] = (bits >>> 8) & 0xff; block[63] = bits & 0xff;
  compress();
  const out = new U8(32);
  for (let i = 0; i < 8; i++) {
    out[4 * i] = h[i]! >>> 24;
    out[4 * i + 1] = (h[i]! >>> 16) & 0xff;
    out[4 * i + 2] = (h[i]! >>> 8) & 0xff;
    out[4 * i + 3] = h[i]! & 0xff;
  }
  return out;
}

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
