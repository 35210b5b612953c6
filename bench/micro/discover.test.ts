// discover() finds a slot's implementations, passes over helper modules and applies the check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Signer } from '../../core/slots/signer.ts';
import type { Interner } from '../../core/slots/interner.ts';
import { discover } from './discover.ts';

test('finds the signer implementations by file name, sorted, as working factories', async () => {
  const found = await discover<Signer>('signer');
  // File-name order: in 'node-crypto-workers.ts' vs 'node-crypto.ts', '-' sorts before '.'.
  assert.deepEqual(found.map((d) => d.name), ['node-crypto-workers', 'node-crypto', 'tweetnacl']);
  for (const d of found) assert.equal(d.factory().name, d.name);
});

test('never lists tests, conformance suites or the self-check', async () => {
  const names = (await discover<Interner>('interner')).map((d) => d.name);
  assert.deepEqual(names, ['hash-table', 'map']);
});

test('an implementation failing the check is skipped', async () => {
  const found = await discover<Interner>('interner', (impl) => {
    if (impl.name === 'map') throw new Error('pretend map is broken');
  });
  assert.deepEqual(found.map((d) => d.name), ['hash-table']);
});

test('an unknown slot has no implementations', async () => {
  assert.deepEqual(await discover('no-such-slot'), []);
});
