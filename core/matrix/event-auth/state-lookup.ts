// A StateLookup over a list of events — e.g. an event's auth events, for check 4 "auth rules based on the
// event's auth events" (spec: server-server-api §Checks performed on receipt of a PDU).
import type { Event } from '../pdu.ts';
import type { StateLookup } from './auth-context.ts';

/**
 * Looks state events up by (type, state_key); a later event for the same pair wins over an earlier one.
 * In room v12 the create event is not among an event's auth events: pass it in too (the lookup must
 * answer ('m.room.create', '') in every room version). A linear scan, newest first: auth events are a handful,
 * where it beats building maps (allocated for every event received).
 */
export function stateLookupFrom(events: Iterable<Event>): StateLookup {
  const list: Event[] = [];
  for (const e of events) if (typeof e.pdu.state_key === 'string') list.push(e);
  if (list.length > LINEAR_MAX) return indexed(list);
  return (type, stateKey) => {
    for (let i = list.length - 1; i >= 0; i--) {
      const e = list[i]!;
      if (e.pdu.type === type && e.pdu.state_key === stateKey) return e;
    }
    return undefined;
  };
}

/** Above this many events a lookup indexes them instead. */
const LINEAR_MAX = 16;

function indexed(list: readonly Event[]): StateLookup {
  const byType = new Map<string, Map<string, Event>>();
  for (const e of list) {
    let m = byType.get(e.pdu.type);
    if (m === undefined) byType.set(e.pdu.type, (m = new Map()));
    m.set(e.pdu.state_key!, e);
  }
  return (type, stateKey) => byType.get(type)?.get(stateKey);
}
