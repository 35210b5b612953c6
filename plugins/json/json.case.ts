// Conformance suite every `json` implementation runs (hono-style: one suite, many implementations).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Errcode, MatrixError } from '../../core/matrix/errors.ts';
import { MAX_JSON_DEPTH } from '../../core/matrix/strict-json.ts';
import type { JsonCodec } from '../../core/slots/json.ts';
import type { PluginFactory } from '../../core/slots/plugin.ts';
import { selfCheck } from './self-check.ts';

/** Tests an implementation cannot pass, and why (the reason is printed as the skip message). */
export interface JsonSkip {
  readonly reason: string;
  readonly tests: readonly string[];
}

interface VectorFile {
  cases: { name: string; input: string; output: string }[];
  must_reject: { name: string; input: string }[];
}

/** shared/ sits beside the repository (locally /work/shared, in CI beside the fresh clone). */
const VECTORS = new URL('../../../shared/vectors/canonical-json.json', import.meta.url);

/**
 * An independent oracle, deliberately written differently from every implementation: keys are ordered by
 * their arrays of code points (Array.from splits by code point), strings are escaped from a table.
 */
function oracle(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '0' : value.toFixed(0);
  if (typeof value === 'string') {
    let out = '"';
    for (const ch of value) {
      const c = ch.codePointAt(0)!;
      const short: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r', 34: '\\"', 92: '\\\\' };
      out += short[c] ?? (c < 0x20 ? '\\u' + c.toString(16).padStart(4, '0') : ch);
    }
    return out + '"';
  }
  if (Array.isArray(value)) return '[' + value.map(oracle).join(',') + ']';
  const byCodePoint = (a: string, b: string): number => {
    const x = Array.from(a, (c) => c.codePointAt(0)!);
    const y = Array.from(b, (c) => c.codePointAt(0)!);
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return x.length - y.length;
  };
  const keys = Object.keys(value as object).sort(byCodePoint);
  return '{' + keys.map((k) => oracle(k) + ':' + oracle((value as Record<string, unknown>)[k])).join(',') + '}';
}

const sha256Hex = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Deterministic pseudo-random numbers (xorshift32), so a failure reproduces. */
function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/** Characters from every UTF-8 length class and both sides of the U+E000–FFFF / astral boundary. */
const ALPHABET = ['a', 'b', 'Z', '0', '9', '_', '\u0000', '\u001f', '"', '\\', '\u007f', '\u0080', '\u07ff', '\u0800',
  '\ud7ff', '\ue000', '\ufb01', '\uffff', '\u{10000}', '\u{1f600}', '\u{10ffff}', '日'];

function randomString(rand: () => number, maxLength: number): string {
  let s = '';
  const n = Math.floor(rand() * (maxLength + 1));
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(rand() * ALPHABET.length)];
  return s;
}

function randomValue(rand: () => number, depth: number): unknown {
  const r = rand();
  if (depth <= 0 || r < 0.3) {
    const leaf = Math.floor(rand() * 6);
    if (leaf === 0) return null;
    if (leaf === 1) return rand() < 0.5;
    if (leaf === 2) return Math.floor((rand() - 0.5) * 2 ** 53);
    if (leaf === 3) return Math.floor((rand() - 0.5) * 2000);
    return randomString(rand, 12);
  }
  if (r < 0.6) return Array.from({ length: Math.floor(rand() * 5) }, () => randomValue(rand, depth - 1));
  const obj: Record<string, unknown> = {};
  for (let i = Math.floor(rand() * 6); i > 0; i--) obj[randomString(rand, 6)] = randomValue(rand, depth - 1);
  return obj;
}

function nested(depth: number): { value: unknown; text: string } {
  let value: unknown = 1;
  let text = '1';
  for (let i = 0; i < depth; i++) {
    value = i % 2 === 0 ? [value] : { k: value };
    text = i % 2 === 0 ? `[${text}]` : `{"k":${text}}`;
  }
  return { value, text };
}

function assertBadJson(fn: () => unknown, what: string): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof MatrixError, `${what}: expected a MatrixError, got ${String(err)}`);
    assert.equal(err.errcode, Errcode.BAD_JSON, what);
    assert.equal(err.status, 400, what);
    return true;
  });
}

export function runJsonConformance(factory: PluginFactory<JsonCodec>, skip?: JsonSkip): void {
  const codec = factory();
  const it = (name: string, fn: () => void): void => {
    const skipped = skip?.tests.includes(name) === true;
    test(name, skipped ? { skip: skip!.reason } : {}, fn);
  };
  /** All three methods must agree with `text`. */
  const expectCanonical = (value: unknown, text: string, what: string): void => {
    assert.equal(codec.stringify(value), text, `${what}: stringify`);
    const bytes = codec.encode(value);
    assert.ok(bytes instanceof Uint8Array, `${what}: encode returns a Uint8Array`);
    assert.equal(hex(bytes), hex(utf8(text)), `${what}: encode`);
    const digest = codec.sha256(value);
    assert.equal(digest.byteLength, 32, `${what}: sha256 length`);
    assert.equal(hex(digest), sha256Hex(utf8(text)), `${what}: sha256`);
  };

  describe(`json conformance: ${codec.name}`, () => {
    it('name is the name of its file in plugins/json', () => {
      assert.match(codec.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(existsSync(new URL(`./${codec.name}.ts`, import.meta.url)), `plugins/json/${codec.name}.ts`);
    });

    it('passes its own self-check', () => selfCheck(codec));

    it('every canonical-json.json vector (spec appendices and gomatrixserverlib escapes)', () => {
      const file = JSON.parse(readFileSync(VECTORS, 'utf8')) as VectorFile;
      assert.ok(file.cases.length >= 14, 'vector file has its cases');
      for (const c of file.cases) expectCanonical(JSON.parse(c.input), c.output, c.name);
    });

    it('every must_reject vector throws M_BAD_JSON from all three methods', () => {
      const file = JSON.parse(readFileSync(VECTORS, 'utf8')) as VectorFile;
      assert.ok(file.must_reject.length >= 3);
      for (const c of file.must_reject) {
        const value = JSON.parse(c.input);
        assertBadJson(() => codec.encode(value), `${c.name}: encode`);
        assertBadJson(() => codec.stringify(value), `${c.name}: stringify`);
        assertBadJson(() => codec.sha256(value), `${c.name}: sha256`);
      }
    });

    it('keys sort by code point: astral after U+E000–FFFF, integer-like keys as strings, prefixes first', () => {
      expectCanonical({ '\u{10000}': 1, '\uffff': 2, '\ue000': 3, '\ud7ff': 4 }, '{"\ud7ff":4,"\ue000":3,"\uffff":2,"\u{10000}":1}', 'boundary');
      expectCanonical({ b: 0, '10': 1, '2': 2, '1': 3, '': 4 }, '{"":4,"1":3,"10":1,"2":2,"b":0}', 'integer-like');
      expectCanonical({ ab: 1, a: 2, 'a\u0000': 3, A: 4 }, '{"A":4,"a":2,"a\\u0000":3,"ab":1}', 'prefixes');
      expectCanonical({ 'x\u{1F600}': 1, 'x\uFB01': 2, x: 3 }, '{"x":3,"x\uFB01":2,"x\u{1F600}":1}', 'late difference');
      const rand = prng(7);
      for (let round = 0; round < 200; round++) {
        const obj: Record<string, number> = {};
        for (let i = 0; i < (round % 2 === 0 ? 12 : 40); i++) obj[randomString(rand, 4)] = i; // small and large objects
        expectCanonical(obj, oracle(obj), `random keys #${round}`);
      }
    });

    it('escapes every C0 control as the grammar says; DEL, "/", U+2028/9 and non-ASCII stay raw', () => {
      const short: Record<number, string> = { 8: 'b', 9: 't', 10: 'n', 12: 'f', 13: 'r' };
      for (let c = 0; c < 0x20; c++) {
        const want = short[c] !== undefined ? '\\' + short[c] : '\\u00' + (c < 16 ? '0' : '1') + '0123456789abcdef'[c & 15];
        expectCanonical(String.fromCharCode(c), `"${want}"`, `U+${c.toString(16).padStart(4, '0')}`);
        expectCanonical({ [String.fromCharCode(c)]: 0 }, `{"${want}":0}`, `key U+${c.toString(16)}`);
      }
      expectCanonical('"\\', '"\\"\\\\"', 'quote and backslash');
      expectCanonical(' /\u007f\u0080\u2028\u2029\uffff\u{10ffff}', '" /\u007f\u0080\u2028\u2029\uffff\u{10ffff}"', 'raw');
    });

    it('numbers: -0 is 0, the safe-integer edges, exponent forms of integers', () => {
      expectCanonical(-0, '0', 'top-level -0');
      expectCanonical({ a: -0, b: [-0] }, '{"a":0,"b":[0]}', 'nested -0');
      expectCanonical([2 ** 53 - 1, -(2 ** 53 - 1), 1e10, 1e15, -1], '[9007199254740991,-9007199254740991,10000000000,1000000000000000,-1]', 'edges');
      expectCanonical([0, 7, 10, 99, 100, 12345678901234], '[0,7,10,99,100,12345678901234]', 'digit counts');
    });

    it('top-level scalars, empty containers, nested arrays and objects', () => {
      expectCanonical(null, 'null', 'null');
      expectCanonical(true, 'true', 'true');
      expectCanonical('', '""', 'empty string');
      expectCanonical([], '[]', 'empty array');
      expectCanonical({ a: {}, b: [[], [[]], [{}]] }, '{"a":{},"b":[[],[[]],[{}]]}', 'empty nesting');
      const deep = nested(MAX_JSON_DEPTH);
      expectCanonical(deep.value, deep.text, `nested ${MAX_JSON_DEPTH} deep`);
      assertBadJson(() => codec.encode([deep.value]), `nested ${MAX_JSON_DEPTH + 1} deep`);
    });

    it('random documents agree with the oracle', () => {
      const rand = prng(42);
      for (let round = 0; round < 300; round++) {
        const value = randomValue(rand, 5);
        expectCanonical(value, oracle(value), `random document #${round}`);
      }
    });

    it('big objects and long strings (past any chunk or buffer size)', () => {
      const rand = prng(3);
      const users: Record<string, number> = {};
      for (let i = 0; i < 5000; i++) users[`@user${Math.floor(rand() * 1e9)}:example.org`] = i % 100;
      const pl = { content: { users, ban: 50 }, type: 'm.room.power_levels' };
      expectCanonical(pl, oracle(pl), '5000 users');
      for (const n of [31, 32, 33, 5461, 16383, 16384, 16385, 70000]) {
        const ascii = 'x'.repeat(n);
        const wide = '\u{1F600}日é'.repeat(Math.ceil(n / 4));
        expectCanonical({ a: ascii, b: wide, c: ascii + '\n' }, oracle({ a: ascii, b: wide, c: ascii + '\n' }), `strings near ${n}`);
      }
      const many = Array.from({ length: 3000 }, (_, i) => ({ i, s: '日本語'.repeat(i % 7), e: '\t'.repeat(i % 3) }));
      expectCanonical(many, oracle(many), 'many small objects');
    });

    it('values canonical JSON cannot hold throw MatrixError M_BAD_JSON', () => {
      const bad: [string, unknown][] = [
        ['1.5', 1.5], ['2^53', 2 ** 53], ['-2^53', -(2 ** 53)], ['1e21', 1e21], ['NaN', NaN], ['Infinity', Infinity],
        ['-Infinity', -Infinity], ['undefined', undefined], ['bigint', 10n], ['function', () => 1], ['symbol', Symbol('s')],
        ['nested float', { a: { b: [0, 0.1] } }], ['undefined member', { a: undefined }], ['array hole', [1, , 3]],
        ['lone high surrogate', 'a\ud800'], ['lone low surrogate', '\udc00b'], ['reversed pair', '\udc00\ud800'],
        ['lone surrogate in key', { '\ud83d': 1 }], ['long string with lone surrogate', 'x'.repeat(100) + '\ud800'],
      ];
      for (const [what, value] of bad) {
        assertBadJson(() => codec.encode(value), `${what}: encode`);
        assertBadJson(() => codec.stringify(value), `${what}: stringify`);
        assertBadJson(() => codec.sha256(value), `${what}: sha256`);
      }
    });

    it('keeps working after an error, results are independent, input is not mutated', () => {
      const big = { s: 'y'.repeat(20000), n: [1, 2, 3] };
      assertBadJson(() => codec.encode({ a: 'x'.repeat(50000), b: 1.5 }), 'error mid-write');
      const first = codec.encode(big);
      const second = codec.encode({ z: 1 });
      assert.equal(hex(first), hex(utf8(oracle(big))), 'first result not overwritten by the second call');
      assert.equal(hex(second), hex(utf8('{"z":1}')));
      const input = { b: { d: 1, c: [2, { f: 3, e: 4 }] }, a: 0 };
      const copy = structuredClone(input);
      codec.encode(input);
      codec.sha256(input);
      assert.deepEqual(input, copy);
      assert.deepEqual(Object.keys(input), ['b', 'a'], 'key insertion order untouched');
    });

    it('sha256 equals the SHA-256 of encode for varied values', () => {
      const rand = prng(99);
      for (let round = 0; round < 50; round++) {
        const value = randomValue(rand, 4);
        assert.equal(hex(codec.sha256(value)), sha256Hex(codec.encode(value)), `#${round}`);
      }
    });
  });
}
