// Store conformance, migration: migrateStore (what a live swap runs) between this implementation and every
// other one, both ways, preserving every event (order, seq, fields, bytes) and every state.
import assert from 'node:assert/strict';
import type { PluginFactory } from '../../core/slots/plugin.ts';
import { EventStatus, migrateStore, type EventStore, type StateChange } from '../../core/slots/store.ts';
import mapInterner from '../interner/map.ts';
import hashTableInterner from '../interner/hash-table.ts';
import objects from './objects.ts';
import arena from './arena.ts';
import type { It } from './store.case.ts';
import { assertSameContents, newEvent } from './_case-support.ts';

const PEERS: Readonly<Record<string, PluginFactory<EventStore>>> = { objects, arena };
const M = 'm.room.member';

/** Three rooms with creation state, a 300-member room, forks, long chains, updates and redactions. */
export function populate(store: EventStore): void {
  const rooms = ['!alpha:example.org', '!βήτα:example.org', '!big:matrix.org'];
  for (const [ri, room] of rooms.entries()) {
    let state = 0;
    const create = `$create-${ri}`;
    store.put(newEvent(create, { roomId: room, type: 'm.room.create', stateKey: '', prevEvents: [], authEvents: [] }));
    state = store.newState(state, [['m.room.create', '', create]]);
    const members = ri === 2 ? 300 : 12;
    for (let i = 0; i < members; i++) {
      const id = `$join-${ri}-${i}`;
      store.put(newEvent(id, { roomId: room, type: M, stateKey: `@u${i}:s${i % 7}`, stateBefore: state, authEvents: [create] }));
      state = store.newState(state, [[M, `@u${i}:s${i % 7}`, id]]);
    }
    const fork = store.newState(state, [['m.room.name', '', `$name-${ri}`], [M, '@u1:s1', null]]);
    for (let i = 0; i < 70; i++) {
      const id = `$msg-${ri}-${i}`;
      store.put(newEvent(id, { roomId: room, sender: `@u${i % members}:s${i % 7}`, stateBefore: i % 3 ? state : fork, depth: 100 + i }));
    }
    const removals: StateChange[] = Array.from({ length: 5 }, (_, i) => [M, `@u${i * 2}:s${(i * 2) % 7}`, null]);
    store.newState(fork, [...removals, ['m.room.topic', '', '$t'], ['m.room.topic', '', '$t2']]);
  }
  store.update('$msg-0-3', { status: EventStatus.SOFT_FAILED, reason: 'not allowed by current state' });
  store.update('$msg-1-4', { bytes: new TextEncoder().encode('{"redacted":"yes — ✂"}') });
  store.update('$join-2-7', { status: EventStatus.REJECTED, reason: 'forged', stateBefore: 2 });
  store.put(newEvent('$outlier', { status: EventStatus.OUTLIER, roomId: rooms[2]!, prevEvents: [], reason: null }));
}

export function migrationTests(it: It, factory: PluginFactory<EventStore>): void {
  const name = factory().name;
  for (const [peer, peerFactory] of Object.entries(PEERS)) {
    it(`migrateStore ${name} → ${peer} → ${name} preserves every event and state`, () => {
      const source = factory();
      populate(source);
      const there = peerFactory();
      migrateStore(source, there);
      assertSameContents(there, source, `${name} → ${peer}`);
      const back = factory();
      migrateStore(there, back);
      assertSameContents(back, source, `${peer} → ${name}`);
    });
  }

  it(`migrateStore between instances on different interners (as after an interner swap) keeps everything`, () => {
    const a = mapInterner();
    const b = hashTableInterner();
    for (let i = 0; i < 100; i++) b.intern(`unrelated string ${i}`);
    const source = factory({ interner: () => a });
    populate(source);
    for (const [peer, peerFactory] of Object.entries(PEERS)) {
      const target = peerFactory({ interner: () => b });
      migrateStore(source, target);
      assertSameContents(target, source, `${name} → ${peer} on another interner`);
    }
  });

  it('a migrated store carries on: the next state and event follow on', () => {
    const source = factory();
    populate(source);
    const target = factory();
    migrateStore(source, target);
    const s = target.newState(source.stateCount, [['m.room.tombstone', '', '$tomb']]);
    assert.equal(s, source.stateCount + 1);
    target.put(newEvent('$after', { stateBefore: s }));
    assert.equal(target.get('$after')!.seq, source.size);
    assert.equal(target.stateGet(s, 'm.room.tombstone', ''), '$tomb');
  });

  it('migrateStore refuses a target that is not empty', () => {
    const source = factory();
    populate(source);
    const used = factory();
    used.put(newEvent('$already'));
    assert.throws(() => migrateStore(source, used), /not empty/);
  });
}
