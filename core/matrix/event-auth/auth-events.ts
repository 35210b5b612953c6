// Auth rule 2 [v12: rules 2 and 3]: considering the event's auth_events (spec: rooms/v6–v11 rules 2.1–2.5,
// rooms/v12 rules 2, 3.1–3.5). These rules do not depend on room state: run them once, on receipt.
import type { RoomVersionRules } from '../room-versions.ts';
import type { Event } from '../pdu.ts';
import { authTypesFor } from './auth-types.ts';
import { ALLOW, deny, type AuthResult } from './result.ts';

/** An auth event as the caller knows it: the event, and whether it was itself rejected. */
export interface AuthEventRecord {
  readonly event: Event;
  readonly rejected: boolean;
}

/**
 * Finds an event by id among those the caller holds. It must answer for every id in `auth_events` and,
 * in room v12, for the create event (`'$' + room_id.slice(1)`), which is not an auth event there.
 */
export type AuthEventFetch = (eventId: string) => AuthEventRecord | undefined;

/**
 * The state-independent checks on an event's `auth_events`. `m.room.create` events pass (rule 1 is theirs);
 * an auth event the caller cannot produce is a rejection, as the rules cannot be evaluated without it.
 */
export function checkAuthEvents(rules: RoomVersionRules, event: Event, fetch: AuthEventFetch): AuthResult {
  const pdu = event.pdu;
  if (pdu.type === 'm.room.create') return ALLOW;
  const roomId = pdu.room_id;
  if (typeof roomId !== 'string') return deny('event has no room_id');

  // [v12] 2. If the event's room_id is not the event id (with `!` instead of `$`) of an accepted
  // m.room.create event, reject.
  if (rules.roomIdFromCreateEvent) {
    const create = fetch('$' + roomId.slice(1));
    if (create === undefined || create.event.pdu.type !== 'm.room.create') {
      return deny('room_id does not name a known m.room.create event (rule 2)');
    }
    if (create.rejected) return deny('the m.room.create event of this room was rejected (rule 2)');
  }

  const expected = authTypesFor(rules, pdu);
  const seen: Array<[string, string]> = [];
  let hasCreate = false;
  for (const id of pdu.auth_events) {
    const rec = fetch(id);
    if (rec === undefined) return deny(`auth event ${id} is not available`);
    const a = rec.event.pdu;
    const key = a.state_key;
    // [v12] 3.2 note: the create event MUST NOT be selected (it has no room_id, so 3.5 would fail too).
    if (!rules.createInAuthEvents && a.type === 'm.room.create') {
      return deny(`auth event ${id} is the m.room.create event, which must not be selected (rule 3.2)`);
    }
    if (typeof key !== 'string') return deny(`auth event ${id} is not a state event (rule 2.2)`);
    // 2.1 [3.1] If there are duplicate entries for a given type and state_key pair, reject.
    if (seen.some(([t, k]) => t === a.type && k === key)) return deny(`duplicate auth event for (${a.type}, ${key}) (rule 2.1)`);
    seen.push([a.type, key]);
    // 2.2 [3.2] If there are entries whose type and state_key don't match the auth events selection, reject.
    if (!expected.some(([t, k]) => t === a.type && k === key)) {
      return deny(`unexpected auth event ${id} for (${a.type}, ${key}) (rule 2.2)`);
    }
    // 2.3 [3.3] If there are entries which were themselves rejected, reject.
    if (rec.rejected) return deny(`auth event ${id} was rejected (rule 2.3)`);
    // 2.5 [3.5] If any event in auth_events has a room_id which does not match the event's, reject.
    if (a.room_id !== roomId) return deny(`auth event ${id} is in another room (rule 2.5)`);
    if (a.type === 'm.room.create') hasCreate = true;
  }
  // [v1–v11] 2.4 If there is no m.room.create event among the entries, reject.
  if (rules.createInAuthEvents && !hasCreate) return deny('no m.room.create among auth_events (rule 2.4)');
  return ALLOW;
}
