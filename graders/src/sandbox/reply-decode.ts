/**
 * Sealed replies, the grader's side: checking a reply's seal with Node's own crypto, then reading the bytes
 * the child's encoder wrote (child/reply-seal.ts). This runs in the grader (sandbox.ts), where no student code runs,
 * so it uses the ordinary built-ins; the child never imports it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { MAX_DEPTH, TAG } from '../child/reply-format.ts';

/** Why a reply's bytes are not a reply this format can hold. */
export class MalformedReplyError extends Error {
  readonly code = 'LABGRADE_MALFORMED_REPLY';
  constructor(message: string) {
    super(message);
    this.name = 'MalformedReplyError';
  }
}

/** The constructors of reply-format.ts's KINDS, in the same order. */
const CONSTRUCTORS = [Uint8Array, Int8Array, Uint16Array, Int16Array, Uint32Array, Int32Array, Float32Array, Float64Array, Uint8ClampedArray] as const;

/** Reads one reply's bytes from the start, refusing anything that runs past their end. */
class ReplyReader {
  private readonly view: DataView;
  at = 0;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private need(n: number): void {
    if (this.at + n > this.bytes.length) throw new MalformedReplyError('The reply ends early.');
  }

  private u32(): number {
    this.need(4);
    const n = this.view.getUint32(this.at, true);
    this.at += 4;
    return n;
  }

  private text(): string {
    const n = this.u32();
    this.need(2 * n);
    const { bytes, at } = this;
    let s = '';
    for (let i = 0; i < n; i += 8192) s += String.fromCharCode(...new Uint16Array(bytes.slice(at + 2 * i, at + 2 * Math.min(n, i + 8192)).buffer));
    this.at += 2 * n;
    return s;
  }

  private raw(): ArrayBuffer {
    const n = this.u32();
    this.need(n);
    const copy = this.bytes.slice(this.at, this.at + n);
    this.at += n;
    return copy.buffer;
  }

  private number(): number {
    this.need(8);
    const x = this.view.getFloat64(this.at, true);
    this.at += 8;
    return x;
  }

  private typed(): ArrayBufferView {
    this.need(1);
    const Ctor = CONSTRUCTORS[this.bytes[this.at++]!];
    if (!Ctor) throw new MalformedReplyError('The reply holds an unknown kind of typed array.');
    const buffer = this.raw();
    if (buffer.byteLength % Ctor.BYTES_PER_ELEMENT !== 0) throw new MalformedReplyError('A typed array of the reply has a partial element.');
    return new Ctor(buffer);
  }

  private object(depth: number): Record<string, unknown> {
    const n = this.u32();
    const out: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) {
      const key = this.text();
      Object.defineProperty(out, key, { value: this.read(depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  read(depth: number): unknown {
    if (depth > MAX_DEPTH) throw new MalformedReplyError('The reply is nested too deep.');
    this.need(1);
    const tag = this.bytes[this.at++];
    switch (tag) {
      case TAG.undefined:
        return undefined;
      case TAG.null:
        return null;
      case TAG.false:
        return false;
      case TAG.true:
        return true;
      case TAG.number:
        return this.number();
      case TAG.string:
        return this.text();
      case TAG.array: {
        const n = this.u32();
        const out: unknown[] = [];
        for (let i = 0; i < n; i++) out.push(this.read(depth + 1));
        return out;
      }
      case TAG.object:
        return this.object(depth);
      case TAG.typed:
        return this.typed();
      case TAG.buffer:
        return this.raw();
      default:
        throw new MalformedReplyError(`The reply holds an unknown tag ${String(tag)}.`);
    }
  }
}

/** Decodes bytes that reply-seal.ts's `encodeReply` wrote (in the grader, after the seal was checked). */
export function decodeReply(bytes: Uint8Array): unknown {
  const reader = new ReplyReader(bytes);
  const value = reader.read(0);
  if (reader.at !== bytes.length) throw new MalformedReplyError('The reply has bytes after its value.');
  return value;
}

/** A reply's value when its seal (HMAC-SHA-256 under `key`) matches and its bytes can be read; else why not. */
export function openReply(key: Uint8Array, payload: Uint8Array, seal: Uint8Array): { ok: true; value: unknown } | { ok: false; reason: string } {
  const expected = createHmac('sha256', key).update(payload).digest();
  if (seal.length !== expected.length || !timingSafeEqual(seal, expected)) return { ok: false, reason: 'its seal does not match its content' };
  try {
    return { ok: true, value: decodeReply(payload) };
  } catch (error) {
    return { ok: false, reason: `it cannot be read (${(error as Error).message})` };
  }
}
