// Splitting input states into the unconflicted map and the conflicted set; the state key encoding.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { splitConflicted } from './split-conflicted.ts';
import { splitStateKey, stateKeyOf } from './state-key.ts';

const k = stateKeyOf;
const sorted = <T>(m: Map<string, T>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1));

describe('splitConflicted', () => {
  test('same event in every state: unconflicted', () => {
    const s = splitConflicted([new Map([[k('m.room.create', ''), '$c']]), new Map([[k('m.room.create', ''), '$c']])]);
    assert.deepEqual(sorted(s.unconflicted), [[k('m.room.create', ''), '$c']]);
    assert.equal(s.conflicted.size, 0);
  });

  test('different events for one key: conflicted, with each distinct event once', () => {
    const a = new Map([[k('m.room.topic', ''), '$t1']]);
    const b = new Map([[k('m.room.topic', ''), '$t2']]);
    const s = splitConflicted([a, b, a]);
    assert.deepEqual(sorted(s.conflicted), [[k('m.room.topic', ''), ['$t1', '$t2']]]);
    assert.equal(s.unconflicted.size, 0);
  });

  test('a key missing from one state is conflicted, even with the same event everywhere else', () => {
    const a = new Map([[k('m.room.member', '@a:x'), '$m'], [k('m.room.name', ''), '$n']]);
    const b = new Map([[k('m.room.member', '@a:x'), '$m']]);
    const c = new Map([[k('m.room.member', '@a:x'), '$m'], [k('m.room.name', ''), '$n']]);
    for (const order of [[a, b, c], [b, a, c], [c, a, b]]) {
      const s = splitConflicted(order);
      assert.deepEqual(sorted(s.unconflicted), [[k('m.room.member', '@a:x'), '$m']]);
      assert.deepEqual(sorted(s.conflicted), [[k('m.room.name', ''), ['$n']]]);
    }
  });

  test('one state: everything unconflicted; no state: nothing', () => {
    const a = new Map([[k('m.room.name', ''), '$n']]);
    assert.deepEqual(sorted(splitConflicted([a]).unconflicted), [[k('m.room.name', ''), '$n']]);
    const none = splitConflicted([]);
    assert.equal(none.unconflicted.size + none.conflicted.size, 0);
  });
});

describe('state key encoding', () => {
  test('round-trips, and keeps types and state keys apart', () => {
    assert.deepEqual(splitStateKey(k('m.room.member', '@a:x')), ['m.room.member', '@a:x']);
    assert.deepEqual(splitStateKey(k('m.room.name', '')), ['m.room.name', '']);
    assert.notEqual(k('ab', ''), k('a', 'b'));
  });
  test('sorts by type first, then state key', () => {
    const keys = [k('m.room.membera', ''), k('m.room.member', '@z:x'), k('m.room.member', '@a:x')].sort();
    assert.deepEqual(keys.map(splitStateKey), [['m.room.member', '@a:x'], ['m.room.member', '@z:x'], ['m.room.membera', '']]);
  });
});
