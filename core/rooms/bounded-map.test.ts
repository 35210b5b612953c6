// BoundedMap: bounded size, promotion on hit, delete.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoundedMap } from './bounded-map.ts';

test('holds at most its capacity and keeps recently read entries', () => {
  const m = new BoundedMap<number, string>(4);
  for (let i = 0; i < 4; i++) m.set(i, `v${i}`);
  assert.equal(m.get(0), 'v0'); // promoted into the young generation
  m.set(4, 'v4');
  m.set(5, 'v5'); // the old generation (2, 3) … is dropped when young fills again
  assert.equal(m.get(0), 'v0');
  for (let i = 6; i < 20; i++) m.set(i, `v${i}`);
  assert.ok(m.size <= 4);
  assert.equal(m.get(1), undefined);
  assert.equal(m.get(19), 'v19');
  m.delete(19);
  assert.equal(m.get(19), undefined);
});
