// Test support: compact fixture events → Events, and an in-memory event store serving a ResolveContext.
import type { Event, Pdu } from '../../pdu.ts';
import { roomVersion, type RoomVersionRules } from '../../room-versions.ts';
import { stateKeyOf } from '../state-key.ts';
import type { ResolveContext, StateKey } from '../types.ts';

/** One PDU in the fixtures' compact format (see fixtures/README.md). */
export interface FixtureEvent {
  id: string;
  room?: string;
  sender: string;
  type: string;
  key?: string;
  content: Record<string, unknown>;
  ts: number;
  prev: string[];
  auth: string[];
  rejected?: boolean;
}

export function toEvent(f: FixtureEvent, depth = 0): Event {
  const pdu: Pdu = {
    sender: f.sender,
    origin_server_ts: f.ts,
    type: f.type,
    content: f.content,
    prev_events: f.prev,
    auth_events: f.auth,
    depth,
    hashes: { sha256: '' },
    signatures: {},
  };
  if (f.room !== undefined) pdu.room_id = f.room;
  if (f.key !== undefined) pdu.state_key = f.key;
  return { eventId: f.id, pdu };
}

/** The state map key of a state event. */
export function keyOf(e: Event): StateKey {
  if (e.pdu.state_key === undefined) throw new TypeError(`${e.eventId} is not a state event`);
  return stateKeyOf(e.pdu.type, e.pdu.state_key);
}

/** Events by id, plus a rejected set; `context(rules)` serves them to resolveState. */
export class EventStore {
  readonly events = new Map<string, Event>();
  readonly rejected = new Set<string>();

  add(e: Event, rejected = false): Event {
    this.events.set(e.eventId, e);
    if (rejected) this.rejected.add(e.eventId);
    return e;
  }

  addFixtures(list: readonly FixtureEvent[]): Event[] {
    return list.map((f) => this.add(toEvent(f), f.rejected === true));
  }

  get(id: string): Event {
    const e = this.events.get(id);
    if (e === undefined) throw new Error(`no event ${id}`);
    return e;
  }

  context(rules: RoomVersionRules): ResolveContext {
    return {
      rules,
      getEvent: (id) => this.events.get(id),
      isRejected: (id) => this.rejected.has(id),
    };
  }

  /** A state map holding the given events under their own keys. */
  stateOf(ids: readonly string[]): Map<StateKey, string> {
    return new Map(ids.map((id) => [keyOf(this.get(id)), id]));
  }
}

/** The rules named by a create event's `room_version`. */
export function rulesOfCreate(create: Event): RoomVersionRules {
  const v = create.pdu.content['room_version'];
  const rules = typeof v === 'string' ? roomVersion(v) : undefined;
  if (rules === undefined) throw new Error(`unsupported room_version ${String(v)}`);
  return rules;
}

/** A state map as sorted `[type, state_key, event_id]` triples, for deep-equal assertions. */
export function triples(state: ReadonlyMap<StateKey, string>): [string, string, string][] {
  return [...state]
    .map(([k, id]): [string, string, string] => {
      const i = k.indexOf('\u0000');
      return [k.slice(0, i), k.slice(i + 1), id];
    })
    .sort((a, b) => (a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
}
