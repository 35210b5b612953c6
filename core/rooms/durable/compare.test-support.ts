// TEST SUPPORT ONLY: compares two room-data contents (every event field and byte, every state's definition
// and entries, the room table, aux values) and lists the differences.
import { isDeepStrictEqual } from 'node:util';
import type { RoomRecord } from '../room-data.ts';
import type { EventStore, StoredEvent } from '../../slots/store.ts';

export interface Contents {
  store: EventStore;
  rooms: Iterable<RoomRecord>;
  /** The aux state the test's handlers rebuilt (key → value). */
  aux: ReadonlyMap<string, unknown>;
}

/** Restricts a comparison to these keys (counts are always compared). */
export interface Touched {
  events: Set<string>;
  states: Set<number>;
  rooms: Set<string>;
  aux: Set<string>;
}

const FIELDS = ['eventId', 'roomId', 'type', 'stateKey', 'sender', 'depth', 'originServerTs', 'prevEvents', 'authEvents', 'status', 'reason', 'stateBefore', 'seq'] as const;
const LIMIT = 20;

export function eventDiff(a: StoredEvent, b: StoredEvent): string | null {
  for (const f of FIELDS) {
    if (!isDeepStrictEqual(a[f], b[f])) return `${b.eventId}.${f}: ${JSON.stringify(a[f])} ≠ expected ${JSON.stringify(b[f])}`;
  }
  if (Buffer.compare(a.bytes, b.bytes) !== 0) return `${b.eventId}.bytes differ (${a.bytes.length} vs expected ${b.bytes.length} bytes)`;
  return null;
}

function stateDiff(a: EventStore, b: EventStore, s: number): string | null {
  const da = a.stateDefinition(s);
  const db = b.stateDefinition(s);
  if (!isDeepStrictEqual([da.parent, da.changes.map((c) => [...c])], [db.parent, db.changes.map((c) => [...c])])) {
    return `state ${s}: definition differs`;
  }
  const flat = (st: EventStore): string[] => [...st.stateEntries(s)].map((e) => e.join('\u0000')).sort();
  if (!isDeepStrictEqual(flat(a), flat(b))) return `state ${s}: entries differ`;
  if (a.stateSize(s) !== b.stateSize(s)) return `state ${s}: size ${a.stateSize(s)} ≠ ${b.stateSize(s)}`;
  return null;
}

/** Differences of `actual` from `expected` (empty when equal), at most LIMIT of them. */
export function diffContents(actual: Contents, expected: Contents, only?: Touched): string[] {
  const out: string[] = [];
  const add = (d: string | null): boolean => {
    if (d !== null) out.push(d);
    return out.length >= LIMIT;
  };
  const a = actual.store;
  const b = expected.store;
  add(a.size === b.size ? null : `event count ${a.size} ≠ expected ${b.size}`);
  add(a.stateCount === b.stateCount ? null : `state count ${a.stateCount} ≠ expected ${b.stateCount}`);
  const ra = new Map([...actual.rooms].map((r) => [r.roomId, r]));
  const rb = new Map([...expected.rooms].map((r) => [r.roomId, r]));
  add(ra.size === rb.size ? null : `room count ${ra.size} ≠ expected ${rb.size}`);
  add(actual.aux.size === expected.aux.size ? null : `aux size ${actual.aux.size} ≠ expected ${expected.aux.size}`);
  if (out.length > 0 && only !== undefined) return out;

  if (only === undefined) {
    const ia = a.events();
    for (const eb of b.events()) {
      const ea = ia.next();
      if (ea.done === true) return out;
      if (add(eventDiff(ea.value, eb))) return out;
    }
    for (let s = 1; s <= Math.min(a.stateCount, b.stateCount); s++) if (add(stateDiff(a, b, s))) return out;
  } else {
    for (const id of only.events) {
      const ea = a.get(id);
      const eb = b.get(id);
      if (ea === undefined || eb === undefined) {
        if (add(ea === eb ? null : `event ${id}: ${ea ? 'present' : 'missing'}, expected ${eb ? 'present' : 'missing'}`)) return out;
      } else if (add(eventDiff(ea, eb))) return out;
    }
    for (const s of only.states) if (s <= Math.min(a.stateCount, b.stateCount) && add(stateDiff(a, b, s))) return out;
  }
  for (const id of only?.rooms ?? rb.keys()) {
    if (add(isDeepStrictEqual(ra.get(id), rb.get(id)) ? null : `room ${id}: ${JSON.stringify(ra.get(id))} ≠ expected ${JSON.stringify(rb.get(id))}`)) return out;
  }
  for (const k of only?.aux ?? expected.aux.keys()) {
    if (add(isDeepStrictEqual(actual.aux.get(k), expected.aux.get(k)) ? null : `aux ${k}: ${JSON.stringify(actual.aux.get(k))} ≠ expected ${JSON.stringify(expected.aux.get(k))}`)) return out;
  }
  return out;
}
