// The verify pool's own behaviour: inline with no workers, and a dying worker's jobs answered inline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import nodeCrypto from './node-crypto.ts';
import { createVerifyPool } from './_verify-pool.ts';
import { RFC8032_VECTORS, fromHex } from './self-check.ts';

const signer = nodeCrypto();
const inline = (k: Uint8Array, m: Uint8Array, s: Uint8Array) => signer.verify(k, m, s);
const v = RFC8032_VECTORS[2]!;
const job = (good: boolean) => {
  const sig = fromHex(v.signature);
  if (!good) sig[10]! ^= 1;
  return [fromHex(v.publicKey), fromHex(v.message), sig] as const;
};

test('no workers: every call is answered inline, right', async () => {
  const pool = createVerifyPool(0, inline);
  assert.deepEqual(await Promise.all([pool.verify(...job(true)), pool.verify(...job(false))]), [true, false]);
  assert.deepEqual(pool.stats(), { workers: 0, verified_on_workers: 0, verified_inline: 2, batches: 0, in_flight: 0, respawns: 0 });
  await pool.close();
});

test('a worker that dies mid-batch: its jobs are answered inline and the pool keeps answering', async () => {
  let calls = 0;
  const counting = (k: Uint8Array, m: Uint8Array, s: Uint8Array) => (calls++, inline(k, m, s));
  // This worker exits on its first batch, every time (the pool respawns it a bounded number of times).
  const pool = createVerifyPool(1, counting, `require('node:worker_threads').parentPort.on('message', () => process.exit(3));`);
  const first = await Promise.all(Array.from({ length: 40 }, (_, i) => pool.verify(...job(i % 4 !== 0))));
  assert.deepEqual(first, Array.from({ length: 40 }, (_, i) => i % 4 !== 0));
  assert.equal(calls, 40);
  for (let round = 0; round < 12; round++) assert.equal(await pool.verify(...job(true)), true);
  const s = pool.stats();
  assert.equal(s.verified_on_workers, 0);
  assert.equal(s.verified_inline, 52);
  assert.equal(s.respawns, 8, 'replaced a bounded number of times');
  assert.equal(s.workers, 0, 'then given up on');
  await pool.close();
});

test('close waits for the batch in flight', async () => {
  const pool = createVerifyPool(1, inline);
  const pending = Array.from({ length: 30 }, (_, i) => pool.verify(...job(i % 3 === 0)));
  await pool.close();
  assert.deepEqual(await Promise.all(pending), Array.from({ length: 30 }, (_, i) => i % 3 === 0));
  const s = pool.stats();
  assert.equal(s.verified_on_workers, 30);
  assert.equal(s.batches, 1);
  assert.equal(s.in_flight, 0);
});
