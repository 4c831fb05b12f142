/**
 * Sealed replies (graders/src/child/reply-seal.ts): the encoding keeps every kind of value a driver sends,
 * the seal is HMAC-SHA-256 exactly as Node's crypto computes it, and student code that rewrites prototypes
 * and globals after the module loaded changes neither the bytes nor the seal.
 */
import { execa } from 'execa';
import { createHmac, randomBytes } from 'node:crypto';
import { writeFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { decodeReply, MalformedReplyError } from '../../graders/src/sandbox/reply-decode.ts';
import { createSealer, encodeReply, UnsendableValueError } from '../../graders/src/child/reply-seal.ts';
import { repoRoot } from '../helpers/grade.ts';

describe('a reply', () => {
  test('keeps numbers (NaN, -0, Infinity), strings, arrays, objects, typed arrays and buffers as they were', () => {
    const value = {
      id: 3,
      ok: true,
      value: {
        list: [1, -0, Number.NaN, Infinity, 'h\u00e9llo \u2603', null, undefined, true, false],
        f32: new Float32Array([1.5, -2]),
        i32: new Int32Array([7, -7]),
        buffer: new Uint8Array([1, 2, 3]).buffer,
        nested: { deep: [{ x: new Float64Array([Math.PI]) }] },
      },
      ms: 12.5,
    };
    const decoded = decodeReply(encodeReply(value)) as typeof value;
    expect(decoded).toEqual(value);
    expect(Object.is((decoded.value.list as number[])[1], -0)).toBe(true);
    expect(decoded.value.f32).toBeInstanceOf(Float32Array);
    expect(new Uint8Array(decoded.value.buffer)).toEqual(new Uint8Array([1, 2, 3]));
  });

  test('refuses what it cannot carry, and bytes that are not a reply', () => {
    expect(() => encodeReply({ f: () => 1 })).toThrow(UnsendableValueError);
    const loop: Record<string, unknown> = {};
    loop['self'] = loop;
    expect(() => encodeReply(loop)).toThrow(/nested more than 64 levels/);
    const bytes = encodeReply({ a: [1, 2, 3] });
    expect(() => decodeReply(bytes.subarray(0, bytes.length - 3))).toThrow(MalformedReplyError);
    expect(() => decodeReply(new Uint8Array([...bytes, 0]))).toThrow(/bytes after its value/);
  });

  test("is sealed with HMAC-SHA-256 exactly as Node's crypto computes it, at every length around a block", () => {
    for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 100_000]) {
      const key = randomBytes(32);
      const data = randomBytes(n);
      expect(Buffer.from(createSealer(key)(data)).toString('hex'), `${n} bytes`).toBe(createHmac('sha256', key).update(data).digest('hex'));
    }
  });

  test('is encoded and sealed the same after student code rewrites prototypes and globals', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'labgrade-seal-'));
    const script = path.join(dir, 'patch.ts');
    await writeFile(
      script,
      `import { createSealer, encodeReply } from ${JSON.stringify(path.join(repoRoot, 'graders/src/child/reply-seal.ts'))};
const seal = createSealer(new Uint8Array(32).fill(7));
const value = () => ({ id: 1, ok: true, value: { weights: new Float32Array([0.25, -1, 3]), names: ['dense_Dense1/kernel'], shape: [3, 1] }, ms: 2 });
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const before = encodeReply(value());
const sealBefore = hex(seal(before));
// What student code could do after the module loaded.
const TypedArray = Object.getPrototypeOf(Uint8Array.prototype);
for (const key of ['length', 'byteLength', 'byteOffset', 'buffer']) Object.defineProperty(TypedArray, key, { get: () => 0 });
TypedArray.set = () => {};
Object.defineProperty(TypedArray, Symbol.toStringTag, { get: () => undefined });
String.prototype.charCodeAt = () => 0;
Array.isArray = () => false;
Object.keys = () => [];
Math.floor = () => 0;
(globalThis as Record<string, unknown>).Uint8Array = class {};
(globalThis as Record<string, unknown>).Float64Array = class {};
Reflect.apply = () => undefined;
const after = encodeReply(value());
process.stdout.write(JSON.stringify({ same: hex(after) === hex(before), seal: hex(seal(after)) === sealBefore }));
`,
    );
    const run = await execa(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, reject: false });
    expect(run.stderr).toBe('');
    expect(JSON.parse(String(run.stdout))).toEqual({ same: true, seal: true });
  });
});
