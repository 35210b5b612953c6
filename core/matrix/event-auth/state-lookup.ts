// A StateLookup over a list of events — e.g. an event's auth events, for check 4 "auth rules based on the
// event's auth events" (spec: server-server-api §Checks performed on receipt of a PDU).
import type { Event } from '../pdu.ts';
import type { StateLookup } from './auth-context.ts';

/**
 * Indexes state events by (type, state_key); a later event for the same pair replaces an earlier one.
 * In room v12 the create event is not among an event's auth events: pass it in too (the lookup must
 * answer ('m.room.create', '') in every room version).
 */
export function stateLookupFrom(events: Iterable<Event>): StateLookup {
  const byType = new Map<string, Map<string, Event>>();
  for (const e of events) {
    const key = e.pdu.state_key;
    if (typeof key !== 'string') continue;
    let m = byType.get(e.pdu.type);
    if (m === undefined) byType.set(e.pdu.type, (m = new Map()));
    m.set(key, e);
  }
  return (type, stateKey) => byType.get(type)?.get(stateKey);
}
