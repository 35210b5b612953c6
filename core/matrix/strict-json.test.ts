// parseJsonObject and assertCanonicalValues: M_NOT_JSON for bad JSON, M_BAD_JSON for non-canonical values.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Errcode, MatrixError } from './errors.ts';
import { MAX_JSON_DEPTH, assertCanonicalValues, isWellFormedString, parseJsonObject } from './strict-json.ts';
import { loadVectors } from './test-support.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

function assertErr(fn: () => unknown, errcode: Errcode, message?: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof MatrixError, String(err));
    assert.equal(err.errcode, errcode);
    assert.equal(err.status, 400);
    if (message) assert.match(err.message, message);
    return true;
  });
}

describe('parseJsonObject', () => {
  test('parses objects from strings and bytes (also a view into a larger buffer)', () => {
    assert.deepEqual(parseJsonObject('{"a":[1,"日"]}'), { a: [1, '日'] });
    assert.deepEqual(parseJsonObject(bytes(' {"a": {"b": null}} ')), { a: { b: null } });
    const big = bytes('xx{"k":true}yy');
    assert.deepEqual(parseJsonObject(big.subarray(2, big.length - 2)), { k: true });
  });

  test('M_NOT_JSON for malformed JSON, non-object top levels and invalid UTF-8', () => {
    for (const s of ['', '{', '{"a":1,}', "{'a':1}", 'nul', '{"a":1}x', '[1]', '"s"', '1', 'null', 'true']) {
      assertErr(() => parseJsonObject(s), Errcode.NOT_JSON);
      assertErr(() => parseJsonObject(bytes(s)), Errcode.NOT_JSON);
    }
    assertErr(() => parseJsonObject(Uint8Array.of(0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d)), Errcode.NOT_JSON, /UTF-8/);
    assertErr(() => parseJsonObject(Uint8Array.of(0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x3a, 0x31, 0x7d)), Errcode.NOT_JSON); // CESU surrogate
  });

  test('lenient by default; strict rejects non-canonical values with M_BAD_JSON', () => {
    assert.deepEqual(parseJsonObject('{"a":1.5}'), { a: 1.5 });
    assertErr(() => parseJsonObject('{"a":1.5}', { strict: true }), Errcode.BAD_JSON, /\.a/);
    assert.deepEqual(parseJsonObject('{"a":-0,"b":1e10,"c":9007199254740991}', { strict: true }), { a: -0, b: 1e10, c: 9007199254740991 });
  });

  test('every must_reject vector of canonical-json.json is M_BAD_JSON in strict mode', () => {
    const file = loadVectors<{ must_reject: { name: string; input: string }[]; cases: { input: string }[] }>('canonical-json.json');
    for (const c of file.must_reject) assertErr(() => parseJsonObject(c.input, { strict: true }), Errcode.BAD_JSON);
    for (const c of file.cases) parseJsonObject(c.input, { strict: true });
  });
});

describe('assertCanonicalValues', () => {
  test('accepts safe integers, -0, exponent-written integers, nested values', () => {
    assertCanonicalValues({ a: [0, -0, 1e10, 2 ** 53 - 1, -(2 ** 53 - 1)], b: { c: null, d: true, e: 'x\u{1F600}' } });
  });

  test('rejects floats, out-of-range integers, non-finite numbers and non-JSON types, naming the path', () => {
    const cases: [unknown, RegExp][] = [
      [{ a: 1.5 }, /at \.a:/],
      [{ a: [0, 9007199254740992] }, /at \.a\[1\]:/],
      [{ a: { b: -9007199254740992 } }, /at \.a\.b:/],
      [[NaN], /\[0\]/],
      [{ a: Infinity }, /\.a/],
      [{ a: undefined }, /undefined/],
      [{ a: 1n }, /bigint/],
      [2.5, /top level/],
    ];
    for (const [value, message] of cases) assertErr(() => assertCanonicalValues(value), Errcode.BAD_JSON, message);
  });

  test('rejects lone surrogates in strings and keys (JSON.parse lets \\ud800 through)', () => {
    assertErr(() => assertCanonicalValues(JSON.parse('{"a":"x\\ud800"}')), Errcode.BAD_JSON, /surrogate/);
    assertErr(() => assertCanonicalValues(JSON.parse('{"\\udc00":1}')), Errcode.BAD_JSON, /key/);
    assertErr(() => parseJsonObject('{"a":["\\ud83d"]}', { strict: true }), Errcode.BAD_JSON, /\.a\[0\]/);
    assertCanonicalValues(JSON.parse('{"\\ud83d\\ude00":"\\ud842\\udc20"}'));
  });

  test('nesting up to MAX_JSON_DEPTH passes, one more level fails', () => {
    let ok: unknown = 1;
    for (let i = 0; i < MAX_JSON_DEPTH; i++) ok = [ok];
    assertCanonicalValues(ok);
    assertErr(() => assertCanonicalValues({ a: ok }), Errcode.BAD_JSON, /deeper/);
  });

  test('isWellFormedString', () => {
    assert.equal(isWellFormedString('a\u{1F600}b'), true);
    assert.equal(isWellFormedString('\ud83d'), false);
    assert.equal(isWellFormedString('\ude00\ud83d'), false);
  });
});
