// Auth rule 1: `m.room.create` (spec: rooms/v6–v11 "Authorisation rules" 1.1–1.5, rooms/v12 1.1–1.5).
import type { RoomVersionRules } from '../room-versions.ts';
import type { Pdu } from '../pdu.ts';
import { ALLOW, deny, type AuthResult } from './result.ts';
import { domainOf, isValidUserId } from './user-id.ts';

/**
 * Room versions a create event may name (1.3 "a recognised version"): every version the spec defines,
 * including the ones this server does not serve — recognising a version is not the same as serving it.
 */
const RECOGNISED_ROOM_VERSIONS: ReadonlySet<string> = new Set(
  ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'],
);

export function checkCreate(rules: RoomVersionRules, pdu: Pdu): AuthResult {
  // 1.1 If it has any prev_events, reject.
  if (pdu.prev_events.length > 0) return deny('m.room.create must not have prev_events (rule 1.1)');

  if (rules.roomIdFromCreateEvent) {
    // [v12] 1.2 If the event has a room_id, reject (the room id is derived from the create event's id).
    if (pdu.room_id !== undefined) return deny('m.room.create must not have a room_id in this room version (rule 1.2)');
  } else {
    // 1.2 If the domain of the room_id does not match the domain of the sender, reject.
    const roomId = pdu.room_id;
    if (typeof roomId !== 'string' || !roomId.includes(':')) return deny('m.room.create needs a room_id with a domain (rule 1.2)');
    if (domainOf(roomId) !== domainOf(pdu.sender)) return deny("room_id domain does not match the sender's domain (rule 1.2)");
  }

  // 1.3 If content.room_version is present and is not a recognised version, reject.
  const c = pdu.content;
  if (Object.hasOwn(c, 'room_version')) {
    const v = c['room_version'];
    if (typeof v !== 'string' || !RECOGNISED_ROOM_VERSIONS.has(v)) return deny('unrecognised content.room_version (rule 1.3)');
  }

  // [v1–v10] 1.4 If content has no creator property, reject.
  if (rules.createNeedsCreator && !Object.hasOwn(c, 'creator')) return deny('m.room.create content has no creator (rule 1.4)');

  // [v12] 1.4 If additional_creators is present and is not an array of strings that each pass the
  // user ID validation applied to `sender`, reject.
  if (rules.privilegedCreators && Object.hasOwn(c, 'additional_creators')) {
    const extra = c['additional_creators'];
    if (!Array.isArray(extra) || !extra.every(isValidUserId)) {
      return deny('additional_creators must be an array of valid user ids (rule 1.4)');
    }
  }

  // 1.5 Otherwise, allow.
  return ALLOW;
}
