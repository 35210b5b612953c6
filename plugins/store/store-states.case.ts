// Store conformance, states: dense ids, lookups, removals, forks, entries with and without a type filter,
// sizes, definitions given back exactly, deep chains and big states.
import assert from 'node:assert/strict';
import type { StateChange } from '../../core/slots/store.ts';
import type { It, Make } from './store.case.ts';
import { entriesOf } from './_case-support.ts';

const M = 'm.room.member';

export function stateTests(it: It, make: Make, opts: { quick?: boolean } = {}): void {
  it('the empty state 0 has nothing in it', () => {
    const store = make();
    assert.equal(store.stateGet(0, 'm.room.create', ''), undefined);
    assert.equal(store.stateSize(0), 0);
    assert.deepEqual([...store.stateEntries(0)], []);
    assert.deepEqual([...store.stateEntries(0, M)], []);
  });

  it('newState hands out dense ids from 1; lookups see parent entries and own changes', () => {
    const store = make();
    const s1 = store.newState(0, [['m.room.create', '', '$create'], [M, '@a:x', '$ja']]);
    const s2 = store.newState(s1, [[M, '@b:x', '$jb']]);
    const s3 = store.newState(s2, [['m.room.power_levels', '', '$pl']]);
    assert.deepEqual([s1, s2, s3], [1, 2, 3]);
    assert.equal(store.stateCount, 3);
    assert.equal(store.stateGet(s3, 'm.room.create', ''), '$create');
    assert.equal(store.stateGet(s3, M, '@b:x'), '$jb');
    assert.equal(store.stateGet(s1, M, '@b:x'), undefined); // a parent does not see its children
    assert.equal(store.stateGet(s3, M, '@c:x'), undefined);
    assert.equal(store.stateGet(s3, 'm.room.create', 'x'), undefined);
    assert.equal(store.stateGet(s3, 'm.room.nope', ''), undefined);
    assert.deepEqual([store.stateSize(s1), store.stateSize(s2), store.stateSize(s3)], [2, 3, 4]);
  });

  it('null removes a key; removing an absent key changes nothing; later changes in one call win', () => {
    const store = make();
    const s1 = store.newState(0, [[M, '@a:x', '$ja'], [M, '@b:x', '$jb']]);
    const s2 = store.newState(s1, [[M, '@a:x', null], [M, '@zz:x', null]]);
    assert.equal(store.stateGet(s2, M, '@a:x'), undefined);
    assert.equal(store.stateGet(s1, M, '@a:x'), '$ja');
    assert.equal(store.stateSize(s2), 1);
    const s3 = store.newState(s2, [[M, '@c:x', '$c1'], [M, '@c:x', '$c2'], [M, '@b:x', null], [M, '@b:x', '$jb2']]);
    assert.equal(store.stateGet(s3, M, '@c:x'), '$c2');
    assert.equal(store.stateGet(s3, M, '@b:x'), '$jb2');
    assert.equal(store.stateSize(s3), 2);
    const s4 = store.newState(s3, [[M, '@c:x', '$c3'], [M, '@c:x', null]]);
    assert.equal(store.stateGet(s4, M, '@c:x'), undefined);
    assert.equal(store.stateSize(s4), 1);
    const s5 = store.newState(s4, [[M, '@b:x', null], [M, '@b:x', '$back']]);
    assert.equal(store.stateGet(s5, M, '@b:x'), '$back');
    const s6 = store.newState(s5, []);
    assert.deepEqual(entriesOf(store, s6), entriesOf(store, s5));
  });

  it('two children of one parent are independent (forks)', () => {
    const store = make();
    const base = store.newState(0, [['m.room.create', '', '$c'], ['m.room.name', '', '$n0']]);
    const left = store.newState(base, [['m.room.name', '', '$left'], [M, '@l:x', '$l']]);
    const right = store.newState(base, [['m.room.name', '', null], [M, '@r:x', '$r']]);
    assert.equal(store.stateGet(left, 'm.room.name', ''), '$left');
    assert.equal(store.stateGet(right, 'm.room.name', ''), undefined);
    assert.equal(store.stateGet(base, 'm.room.name', ''), '$n0');
    assert.deepEqual(entriesOf(store, left), ['["m.room.create","","$c"]', '["m.room.member","@l:x","$l"]', '["m.room.name","","$left"]']);
    assert.deepEqual(entriesOf(store, right), ['["m.room.create","","$c"]', '["m.room.member","@r:x","$r"]']);
  });

  it('stateEntries lists every entry, or only one type, each key once', () => {
    const store = make();
    let s = store.newState(0, [['m.room.create', '', '$c'], ['m.room.join_rules', '', '$jr'], ['', '', '$weird'], ['m.room.名前', '🔑', '$u']]);
    for (let i = 0; i < 100; i++) s = store.newState(s, [[M, `@u${i % 40}:x`, `$m${i}`]]);
    s = store.newState(s, [[M, '@u3:x', null]]);
    const all = [...store.stateEntries(s)];
    assert.equal(all.length, store.stateSize(s));
    assert.equal(all.length, 4 + 39);
    assert.equal(new Set(all.map(([t, k]) => JSON.stringify([t, k]))).size, all.length);
    const members = entriesOf(store, s, M);
    assert.equal(members.length, 39);
    assert.ok(members.includes('["m.room.member","@u7:x","$m87"]'));
    assert.ok(!members.some((m) => m.includes('"@u3:x"')));
    assert.deepEqual(entriesOf(store, s, ''), ['["","","$weird"]']);
    assert.deepEqual(entriesOf(store, s, 'm.room.名前'), ['["m.room.名前","🔑","$u"]']);
    assert.deepEqual(entriesOf(store, s, 'm.room.topic'), []);
    assert.deepEqual(entriesOf(store, s, 'never.interned.anywhere'), []);
  });

  it('an iteration suspended while many states are created still lists its state exactly', () => {
    const store = make();
    const members: StateChange[] = Array.from({ length: 500 }, (_, i) => [M, `@m${i}:x`, `$j${i}`]);
    const s = store.newState(0, members);
    const expected = entriesOf(store, s);
    const iter = store.stateEntries(s);
    const seen = [JSON.stringify(iter.next().value)];
    let t = s;
    for (let i = 0; i < 3000; i++) t = store.newState(t, [[M, `@m${i % 700}:x`, i % 3 ? `$n${i}` : null]]);
    for (const e of iter) seen.push(JSON.stringify(e));
    assert.deepEqual(seen.sort(), expected);
  });

  it('stateDefinition gives back exactly what was passed (order, repeats, removals)', () => {
    const store = make();
    const c1: StateChange[] = [['m.room.create', '', '$c'], [M, '@a:x', '$a'], [M, '@a:x', '$a2'], [M, '@zz:x', null]];
    const c2: StateChange[] = [];
    const c3: StateChange[] = [[M, '@a:x', null], ['m.room.名前', '🔑', '$u'], [M, '@a:x', '$a3']];
    const s1 = store.newState(0, c1);
    const s2 = store.newState(s1, c2);
    const s3 = store.newState(s1, c3);
    c1[0] = ['m.mutated', '', '$m']; // the store copied what it was given
    assert.deepEqual(store.stateDefinition(s1), { parent: 0, changes: [['m.room.create', '', '$c'], [M, '@a:x', '$a'], [M, '@a:x', '$a2'], [M, '@zz:x', null]] });
    assert.deepEqual(store.stateDefinition(s2), { parent: s1, changes: [] });
    assert.deepEqual(store.stateDefinition(s3), { parent: s1, changes: c3 });
  });

  it('unknown states are refused with a RangeError', () => {
    const store = make();
    store.newState(0, [['m.room.create', '', '$c']]);
    assert.throws(() => store.newState(2, []), RangeError);
    assert.throws(() => store.newState(-1, []), RangeError);
    assert.throws(() => store.stateGet(2, 'm.room.create', ''), RangeError);
    assert.throws(() => store.stateEntries(5), RangeError);
    assert.throws(() => store.stateSize(1.5), RangeError);
    assert.throws(() => store.stateDefinition(0), RangeError);
    assert.throws(() => store.stateDefinition(2), RangeError);
    assert.throws(() => store.newState(0, [['m.room.create', '', undefined as unknown as string]]), TypeError);
    assert.equal(store.stateCount, 1);
  });

  it(`a chain ${opts.quick ? '2,000' : '10,000'} states deep still looks up and lists correctly`, () => {
    const store = make();
    const depth = opts.quick ? 2000 : 10_000;
    const model = new Map<string, string>();
    const snapshots = new Map<number, Map<string, string>>();
    let s = 0;
    for (let i = 1; i <= depth; i++) {
      const changes: StateChange[] = [[M, `@u${i % 700}:x`, `$e${i}`]];
      if (i % 5 === 0) changes.push([M, `@u${(i * 3) % 700}:x`, null]);
      if (i % 997 === 0) changes.push(['m.room.power_levels', '', `$pl${i}`]);
      s = store.newState(s, changes);
      for (const [t, k, e] of changes) {
        if (e === null) model.delete(`${t}\u0000${k}`);
        else model.set(`${t}\u0000${k}`, e);
      }
      if (i % 1111 === 0 || i === depth || i === 1) snapshots.set(s, new Map(model));
    }
    for (const [state, m] of snapshots) {
      assert.equal(store.stateSize(state), m.size, `size of ${state}`);
      for (const [key, e] of m) {
        const [t, k] = key.split('\u0000') as [string, string];
        if (store.stateGet(state, t, k) !== e) assert.fail(`state ${state}: ${t}/${k} is not ${e}`);
      }
      const listed = [...store.stateEntries(state)].map(([t, k, e]) => `${t}\u0000${k}=${e}`).sort();
      assert.deepEqual(listed, [...m].map(([key, e]) => `${key}=${e}`).sort(), `entries of ${state}`);
    }
    assert.equal(store.stateGet(s, M, '@u0:x'), model.get(`${M}\u0000@u0:x`));
  });

  it('a big state built in one call (a room join), then small changes on top', () => {
    const store = make();
    const n = opts.quick ? 2000 : 20_000;
    const join: StateChange[] = Array.from({ length: n }, (_, i) => [M, `@member${i}:server${i % 13}.org`, `$join${i}`]);
    join.push(['m.room.create', '', '$c']);
    const big = store.newState(0, join);
    assert.equal(store.stateSize(big), n + 1);
    const next = store.newState(big, [[M, '@member5:server5.org', null], [M, '@new:x', '$new']]);
    assert.equal(store.stateSize(next), n + 1);
    assert.equal(store.stateGet(next, M, '@member5:server5.org'), undefined);
    assert.equal(store.stateGet(big, M, '@member5:server5.org'), '$join5');
    assert.equal(store.stateGet(next, M, `@member${n - 1}:server${(n - 1) % 13}.org`), `$join${n - 1}`);
    assert.equal([...store.stateEntries(next, M)].length, n);
    assert.equal([...store.stateEntries(next, 'm.room.create')].length, 1);
    const listed = new Set([...store.stateEntries(next)].map(([, , e]) => e));
    assert.ok(listed.has('$new') && !listed.has('$join5') && listed.has('$join6') && listed.size === n + 1);
  });
}
