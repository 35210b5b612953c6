// The hello world's body: valid JSON of exactly the requested size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { helloBody } from './uws-hello.ts';

test('exactly N bytes of valid JSON, never shorter than the bare object', () => {
  for (const n of [313, 1000, 64]) {
    const b = helloBody(n);
    assert.equal(Buffer.byteLength(b), n);
    assert.equal((JSON.parse(b) as { hello: string }).hello, 'world');
  }
  assert.equal(helloBody(1), '{"hello":"world","pad":""}');
});
