// ResponseBytes: concatenated stored bytes make valid JSON that parses to the expected response.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ResponseBytes, objectOfArray, transactionBytes } from './response-bytes.ts';

const bytes = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
const parse = (b: Uint8Array) => JSON.parse(new TextDecoder().decode(b));

test('transactionBytes wraps PDU bytes as a transaction', () => {
  const pdus = [{ type: 'a', content: { body: 'é ✓' } }, { type: 'b', content: {} }];
  assert.deepEqual(parse(transactionBytes('hs.example:8448', 123, pdus.map(bytes))), { origin: 'hs.example:8448', origin_server_ts: 123, pdus });
  assert.deepEqual(parse(transactionBytes('x', 1, [])), { origin: 'x', origin_server_ts: 1, pdus: [] });
});

test('objectOfArray and two arrays in one object', () => {
  assert.deepEqual(parse(objectOfArray('events', [bytes({ a: 1 })])), { events: [{ a: 1 }] });
  const gen = function* () {
    yield bytes(1);
    yield bytes('two');
  };
  const b = new ResponseBytes().text('{"pdus":').array(gen()).text(',"auth_chain":').array([]).text('}').finish();
  assert.deepEqual(parse(b), { pdus: [1, 'two'], auth_chain: [] });
});
