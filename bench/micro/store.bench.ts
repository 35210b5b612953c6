// Micro-benchmark of every `store` implementation: insert message events, get and bytes by id, a state
// lookup at an event, and iterating a 1,000-member state (standalone: arena uses its private interner).
import { bench, do_not_optimize, group, summary } from 'mitata';
import type { EventStore, NewEvent } from '../../core/slots/store.ts';
import { selfCheck } from '../../plugins/store/self-check.ts';
import { fillStore } from '../memory/store-workload.ts';
import { discover } from './discover.ts';
import { note, runBenchmarks } from './cli.ts';

const impls = await discover<EventStore>('store', selfCheck);
if (impls.length === 0) note('no store implementations found');

const LOADED = 50_000;
const INSERTS = 10_000;

/** 10k realistic events (the workload's first 10k, rooms and members included) as they reach `put`. */
const recorder = impls[0]!.factory();
fillStore(recorder, INSERTS, { seed: 5 });
const stateDefs = Array.from({ length: recorder.stateCount }, (_, i) => recorder.stateDefinition(i + 1));
const toInsert = JSON.stringify([...recorder.events()].map(({ seq: _seq, bytes: _bytes, ...e }) => e));
/** Shared between batches: every store copies the bytes it is given, so they need not be fresh. */
const insertBytes = [...recorder.events()].map((e) => Uint8Array.from(e.bytes));
/**
 * Fresh event objects and strings for every batch (as parsed off the wire). mitata computes these ahead of
 * the timed runs and keeps them alive, so they stay small (no bytes) to keep GC pressure out of the figure.
 */
const freshEvents = (): NewEvent[] =>
  (JSON.parse(toInsert) as Omit<NewEvent, 'bytes'>[]).map((e, i) => ({ ...e, bytes: insertBytes[i]! }));

group(`insert ${INSERTS / 1000}k events (with their ${recorder.stateCount} states) into a new store (per 10k)`, () => {
  summary(() => {
    for (const { name, factory } of impls) {
      bench(name, function* () {
        yield {
          [0]: freshEvents,
          bench(events: NewEvent[]) {
            const store = factory();
            let s = 0;
            for (const e of events) {
              for (; s < e.stateBefore; s++) store.newState(stateDefs[s]!.parent, stateDefs[s]!.changes);
              store.put(e);
            }
            return do_not_optimize(store.size);
          },
        };
      }).gc('inner');
    }
  });
});

/** A store of LOADED workload events, 1000 sampled message ids (as JSON, to parse fresh strings), the big room's state. */
const loaded = impls.map(({ name, factory }) => {
  const store = factory();
  const w = fillStore(store, LOADED, { seed: 9, sampleEvery: Math.floor(LOADED / 1000) });
  const ids = w.sampleIds.slice(0, 1000);
  const at = ids.map((id) => store.get(id)!).map((e) => ({ state: e.stateBefore, sender: e.sender }));
  return { name, store, idsJson: JSON.stringify(ids), at, bigState: w.bigRoom.state };
});

/** A per-1000-ids lookup over every store, the ids parsed afresh for each sample (no interned-string shortcut). */
function byIdGroup(title: string, read: (store: EventStore, id: string) => number): void {
  group(title, () => {
    summary(() => {
      for (const { name, store, idsJson } of loaded) {
        bench(name, function* () {
          yield {
            [0]: () => JSON.parse(idsJson) as string[],
            bench(ids: string[]) {
              let total = 0;
              for (let i = 0; i < ids.length; i++) total += read(store, ids[i]!);
              return do_not_optimize(total);
            },
          };
        });
      }
    });
  });
}

byIdGroup('get 1000 events by id, freshly parsed ids (per 1000)', (store, id) => store.get(id)!.depth);
byIdGroup('bytes of 1000 events by id, freshly parsed ids (per 1000)', (store, id) => store.bytes(id)!.length);

group('state at 1000 events: the sender\'s membership and the power levels (per 1000)', () => {
  summary(() => {
    for (const { name, store, at } of loaded) {
      bench(name, () => {
        let found = 0;
        for (let i = 0; i < at.length; i++) {
          const { state, sender } = at[i]!;
          if (store.stateGet(state, 'm.room.member', sender) !== undefined) found++;
          if (store.stateGet(state, 'm.room.power_levels', '') !== undefined) found++;
        }
        return do_not_optimize(found);
      });
    }
  });
});

group('iterate a 1,000-member state (whole state, and m.room.member only)', () => {
  summary(() => {
    for (const { name, store, bigState } of loaded) {
      bench(`${name} (all)`, () => {
        let n = 0;
        for (const [, , e] of store.stateEntries(bigState)) n += e.length;
        return do_not_optimize(n);
      });
      bench(`${name} (m.room.member)`, () => {
        let n = 0;
        for (const [, , e] of store.stateEntries(bigState, 'm.room.member')) n += e.length;
        return do_not_optimize(n);
      });
    }
  });
});

await runBenchmarks();
