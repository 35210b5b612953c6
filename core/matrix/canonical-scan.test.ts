// Member and element boundaries found in canonical JSON match the encodings of the members themselves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { elementRanges, memberRanges, valueEnd } from './canonical-scan.ts';
import { sortedKeys } from './code-point-order.ts';
import { CODECS } from './test-support.ts';

const codec = CODECS[0]!;
const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');

/** Deterministic documents with the awkward parts: escapes, quotes and brackets in strings, nesting, empties. */
function documents(): Array<Record<string, unknown>> {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const strings = ['', 'plain', 'q"uote', 'back\\slash', 'br{ack}[et],:', '\u0000\u001f\n', 'é日\u{1F600}', '\\"'];
  const value = (depth: number): unknown => {
    const r = rand();
    if (depth > 3 || r < 0.4) return [null, true, false, 0, -12, 2 ** 53 - 1, ...strings][Math.floor(rand() * 14)];
    if (r < 0.7) return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
    return Object.fromEntries(Array.from({ length: Math.floor(rand() * 4) }, () => [strings[Math.floor(rand() * strings.length)]!, value(depth + 1)]));
  };
  return Array.from({ length: 300 }, () => Object.fromEntries(Array.from({ length: Math.floor(rand() * 8) }, (_, i) => [`${strings[i % 8]}${i}`, value(0)])));
}

test('memberRanges: each member is `"key":value` of the codec encoding, for 300 generated objects', () => {
  for (const doc of documents()) {
    const bytes = codec.encode(doc);
    const keys = sortedKeys(doc);
    const r = memberRanges(bytes, 0, bytes.length, keys.length);
    keys.forEach((k, i) => {
      assert.equal(text(bytes.subarray(r[3 * i]!, r[3 * i + 1]!)), text(codec.encode(k)) + ':');
      assert.equal(text(bytes.subarray(r[3 * i + 1]!, r[3 * i + 2]!)), text(codec.encode(doc[k])));
    });
  }
});

test('elementRanges and valueEnd: each element of an encoded list', () => {
  const list = documents().slice(0, 50);
  const bytes = codec.encode(list);
  const places = elementRanges(bytes, 0, bytes.length);
  assert.equal(places.length, list.length);
  places.forEach(([s, e], i) => assert.equal(text(bytes.subarray(s, e)), text(codec.encode(list[i]))));
  assert.deepEqual(elementRanges(codec.encode([]), 0, 2), []);
  assert.equal(valueEnd(codec.encode([12, 3]), 1), 3);
});

test('bytes that do not hold the object are refused', () => {
  const bytes = codec.encode({ a: 1, b: 'x' });
  assert.throws(() => memberRanges(bytes, 0, bytes.length, 1), RangeError);
  assert.throws(() => memberRanges(bytes, 0, bytes.length, 3), RangeError);
  assert.throws(() => memberRanges(codec.encode([1]), 0, 3, 0), RangeError);
  assert.throws(() => elementRanges(bytes, 0, bytes.length), RangeError);
  assert.throws(() => valueEnd(new TextEncoder().encode('"open'), 0), RangeError);
});
