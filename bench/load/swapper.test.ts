// The hot-reload swap plan: odd ticks to an alternative (in turn), even ticks back to the start.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tickSelection } from './swapper.ts';

const start = {
  json: { impl: 'single-pass', available: ['single-pass', 'sort-stringify', 'streaming-hash'] },
  signer: { impl: 'node-crypto', available: ['node-crypto', 'tweetnacl'] },
  only: { impl: 'one', available: ['one'] },
};

test('back and forth, cycling through the alternatives; slots without one are left alone', () => {
  const ticks = [1, 2, 3, 4, 5].map((k) => tickSelection(start, k));
  assert.deepEqual(ticks.map((t) => t.json), ['sort-stringify', 'single-pass', 'streaming-hash', 'single-pass', 'sort-stringify']);
  assert.deepEqual(ticks.map((t) => t.signer), ['tweetnacl', 'node-crypto', 'tweetnacl', 'node-crypto', 'tweetnacl']);
  assert.ok(ticks.every((t) => !('only' in t)));
});
