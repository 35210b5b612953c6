// Tests for epoch-based reclamation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Epochs } from './epochs.ts';

test('drained waits for work that entered before the advance, not after', async () => {
  const ep = new Epochs();
  const a = ep.enter();
  const old = ep.advance();
  const b = ep.enter(); // started after the swap: must not hold the old epoch back
  let drained = false;
  const p = ep.drained(old).then(() => (drained = true));
  await new Promise((r) => setImmediate(r));
  assert.equal(drained, false);
  ep.exit(a);
  await p;
  assert.equal(drained, true);
  assert.equal(ep.inFlight, 1);
  ep.exit(b);
  assert.equal(ep.inFlight, 0);
});

test('an idle epoch is drained at once, and exit without enter throws', async () => {
  const ep = new Epochs();
  await ep.drained(ep.advance());
  assert.throws(() => ep.exit(0), /without a matching enter/);
});
