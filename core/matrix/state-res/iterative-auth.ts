// Iterative auth checks: replay sorted events onto a partial state (spec: rooms/v2 §Definitions "Iterative auth checks").
import { authTypesFor, checkAuth } from '../event-auth/check-auth.ts';
import type { Event } from '../pdu.ts';
import type { RoomVersionRules } from '../room-versions.ts';
import type { EventGraph } from './event-graph.ts';
import { createFor } from './power-events.ts';
import { CREATE_KEY, stateKeyOf } from './state-key.ts';
import type { StateKey } from './types.ts';

/**
 * "The iterative auth checks algorithm takes as input an initial room state and a sorted list of state events,
 * and constructs a new room state by iterating through the event list and applying the state event to the
 * room state if the state event is allowed by the authorization rules. … If a (event_type, state_key) key that
 * is required for checking the authorization rules is not present in the state, then the appropriate state
 * event from the event's auth_events is used if the auth event is not rejected."
 *
 * The auth state of each event answers a key with: the (non-rejected) event `state` holds for it, if the key is
 * one `authTypesFor` names; else the event's own non-rejected auth event with that key; else, in v12, the
 * create event for ('m.room.create', ''), which is never an auth event there (rooms/v12 auth rule 2).
 * `state` is updated in place. Events that are not state events are skipped.
 *
 * Fast path trade-off: the auth state is answered lazily from `state` and the auth list (a handful of entries,
 * scanned) instead of building a map per event; only the keys the auth rules actually ask for are resolved.
 */
export function iterativeAuthChecks(
  g: EventGraph,
  rules: RoomVersionRules,
  events: readonly number[],
  state: Map<StateKey, string>,
): void {
  let needed: StateKey[] = [];
  let auth: readonly number[] = [];
  let create: Event | undefined;
  const lookup = (type: string, stateKey: string): Event | undefined => {
    const key = stateKeyOf(type, stateKey);
    if (needed.includes(key)) {
      const id = state.get(key);
      if (id !== undefined) {
        const s = g.node(id);
        if (s >= 0 && !g.rejected(s)) return g.event(s);
      }
    }
    for (let i = 0; i < auth.length; i++) {
      const a = auth[i]!;
      if (g.key(a) === key && !g.rejected(a)) return g.event(a);
    }
    return key === CREATE_KEY ? create : undefined;
  };
  for (const n of events) {
    const key = g.key(n);
    if (key === null) continue;
    const event = g.event(n);
    needed = authTypesFor(rules, event.pdu).map(([type, stateKey]) => stateKeyOf(type, stateKey));
    auth = g.auth(n);
    // The create event: before v12 from the state or the auth events (through the lookup); in v12 named by the
    // room id and never among auth_events.
    create = rules.roomIdFromCreateEvent ? createFor(g, rules, n) : undefined;
    if (checkAuth(rules, event, lookup, create ?? lookup('m.room.create', '')).ok) state.set(key, g.ids[n]!);
  }
}
