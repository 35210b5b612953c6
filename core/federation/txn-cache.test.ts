// TxnCache: one processing per (origin, txnId), shared while in flight, failures forgotten, oldest evicted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TxnCache } from './txn-cache.ts';

test('a repeat while the first is in flight awaits the same promise; later repeats get the cached result', async () => {
  const cache = new TxnCache<number>();
  let runs = 0;
  let release!: (n: number) => void;
  const work = () => {
    runs++;
    return new Promise<number>((r) => (release = r));
  };
  const a = cache.run('a.example', 't1', work);
  const b = cache.run('a.example', 't1', work);
  assert.equal(a, b);
  release(7);
  assert.equal(await b, 7);
  assert.equal(await cache.run('a.example', 't1', work), 7);
  assert.equal(runs, 1);
  // The same txnId from another origin is another transaction.
  const c = cache.run('b.example', 't1', () => Promise.resolve(9));
  assert.equal(await c, 9);
});

test('a failed transaction is forgotten, so the retry is processed', async () => {
  const cache = new TxnCache<string>();
  await assert.rejects(cache.run('a', 't', () => Promise.reject(new Error('journal down'))));
  await new Promise((r) => setImmediate(r));
  assert.equal(await cache.run('a', 't', () => Promise.resolve('ok')), 'ok');
});

test('bounded: the oldest entries are evicted first', async () => {
  const cache = new TxnCache<number>(3);
  for (let i = 0; i < 5; i++) await cache.run('a', `t${i}`, () => Promise.resolve(i));
  assert.equal(cache.size, 3);
  assert.equal(await cache.run('a', 't4', () => Promise.resolve(-1)), 4, 'recent: cached');
  assert.equal(await cache.run('a', 't0', () => Promise.resolve(-1)), -1, 'evicted: processed again');
});
