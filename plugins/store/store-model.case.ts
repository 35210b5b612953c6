// Store conformance, model test: thousands of random operations (seeded) on the implementation and on a
// trivial reference store, compared as they go, with an interner swap halfway through.
import assert from 'node:assert/strict';
import type { Interner } from '../../core/slots/interner.ts';
import type { PluginFactory } from '../../core/slots/plugin.ts';
import { EventStatus, type EventStore, type StateChange } from '../../core/slots/store.ts';
import { prng } from '../../bench/fixtures/prng.ts';
import mapInterner from '../interner/map.ts';
import hashTableInterner from '../interner/hash-table.ts';
import type { It } from './store.case.ts';
import { assertSameContents, entriesOf, hex, newEvent, plain } from './_case-support.ts';
import { ReferenceStore } from './_reference.ts';

const ROOMS = ['!a:x', '!b:y', '!ç:z', '!🎉:w'];
const TYPES = ['m.room.member', 'm.room.power_levels', 'm.room.name', 'org.example.σ'];
const STATUSES = Object.values(EventStatus);

export function modelTests(it: It, factory: PluginFactory<EventStore>): void {
  it('random operations agree with a trivial reference store (seeded), across an interner swap', () => {
    const r = prng(20261126);
    let interner: Interner = mapInterner();
    const store = factory({ interner: () => interner });
    const ref = new ReferenceStore();
    const ids: string[] = [];
    const keys = Array.from({ length: 40 }, (_, i) => (i === 0 ? '' : `@k${i}:${r.pick(['x', 'ÿ', '𝕏'])}`));
    const OPS = 4000;
    for (let step = 0; step < OPS; step++) {
      if (step === OPS / 2) {
        const next = hashTableInterner(); // what the host's interner migration does
        for (const s of interner.strings()) next.intern(s);
        interner = next;
      }
      const op = r.int(10);
      if (op < 4 || ids.length === 0) {
        const id = `$${step}-${r.int(1e6)}`;
        const pick = (n: number): string[] => Array.from({ length: n }, () => (ids.length > 0 && r.int(5) > 0 ? r.pick(ids) : `$unknown${r.int(50)}`));
        const e = newEvent(id, {
          roomId: r.pick(ROOMS), type: r.pick(TYPES), stateKey: r.int(2) ? null : r.pick(keys), sender: `@s${r.int(20)}:x`,
          depth: r.int(1e9), originServerTs: r.int(2 ** 40), prevEvents: pick(r.int(4)), authEvents: pick(r.int(4)),
          status: r.pick(STATUSES), reason: r.int(4) ? null : `reason ${r.int(9)} ✓`, stateBefore: r.int(ref.stateCount + 1),
          ...(r.int(3) === 0 ? { bytes: r.bytes(r.int(300)) } : {}),
        });
        store.put(e);
        ref.put(e);
        ids.push(id);
      } else if (op < 5) {
        const id = r.pick(ids);
        const patch = {
          ...(r.int(2) ? { status: r.pick(STATUSES) } : {}),
          ...(r.int(2) ? { reason: r.int(2) ? null : `why ${step}` } : {}),
          ...(r.int(2) ? { stateBefore: r.int(ref.stateCount + 1) } : {}),
          ...(r.int(3) === 0 ? { bytes: r.bytes(r.int(100)) } : {}),
        };
        store.update(id, patch);
        ref.update(id, patch);
      } else if (op < 8) {
        const parent = r.int(4) === 0 ? r.int(ref.stateCount + 1) : ref.stateCount;
        const n = r.int(20) === 0 ? 1 + r.int(80) : r.int(4);
        const changes: StateChange[] = Array.from({ length: n }, () => [r.pick(TYPES), r.pick(keys), r.int(4) === 0 ? null : `$v${r.int(500)}`]);
        assert.equal(store.newState(parent, changes), ref.newState(parent, changes), `state id at step ${step}`);
      } else {
        const s = r.int(ref.stateCount + 1);
        const t = r.pick(TYPES);
        const k = r.pick(keys);
        assert.equal(store.stateGet(s, t, k), ref.stateGet(s, t, k), `step ${step}: stateGet(${s}, ${t}, ${k})`);
        assert.equal(store.stateSize(s), ref.stateSize(s), `step ${step}: stateSize(${s})`);
        if (step % 7 === 0) {
          const filter = r.int(2) ? t : undefined;
          assert.deepEqual(entriesOf(store, s, filter), entriesOf(ref, s, filter), `step ${step}: entries(${s}, ${filter})`);
        }
        const id = r.pick(ids);
        assert.deepEqual(plain(store.get(id)), plain(ref.get(id)), `step ${step}: get(${id})`);
        assert.equal(hex(store.bytes(id)), hex(ref.bytes(id)));
        const room = r.pick(ROOMS);
        const from = r.int(ref.roomEventCount(room) + 2);
        assert.deepEqual([...store.roomEvents(room, from)].map(plain), [...ref.roomEvents(room, from)].map(plain), `step ${step}: roomEvents`);
      }
    }
    assertSameContents(store, ref, 'after the random run');
  });
}
