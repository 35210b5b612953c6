// Event ids from the reference hash (rooms/v3.md, fragments/v4-event-ids.md) and the v12 room id
// (rooms/v12.md, appendices §Room IDs: '!' + the create event's id without its '$').
import type { JsonCodec } from '../slots/json.ts';
import { encodeBase64, encodeBase64Url } from './base64.ts';
import { referenceHash } from './event-hash.ts';
import type { RoomVersionRules } from './room-versions.ts';
import type { JsonObject } from './signing.ts';

/** The parts of a room version's rules an event id depends on (room v3 is { 'v1', false }). */
export type EventIdRules = Pick<RoomVersionRules, 'redaction' | 'eventIdUrlSafe'>;

/** '$' + unpadded base64 of the reference hash: standard alphabet in room v3, URL-safe from v4. */
export function eventIdFromReferenceHash(hash: Uint8Array, urlSafe: boolean): string {
  return '$' + (urlSafe ? encodeBase64Url(hash) : encodeBase64(hash));
}

/** The event id of a room v3+ event, computed from its reference hash (it is never carried in the PDU). */
export function computeEventId(codec: JsonCodec, event: JsonObject, rules: EventIdRules): string {
  return eventIdFromReferenceHash(referenceHash(codec, event, rules.redaction), rules.eventIdUrlSafe);
}

/** The v12 room id for a create event id: '!' + the id without its '$' (43 URL-safe base64 characters). */
export function roomIdFromCreateEventId(createEventId: string): string {
  if (!createEventId.startsWith('$')) throw new TypeError(`not an event id: ${createEventId}`);
  return '!' + createEventId.slice(1);
}

/** The room id a v12 create event (which carries no room_id) defines. */
export function roomIdFromCreateEvent(codec: JsonCodec, createEvent: JsonObject, rules: EventIdRules): string {
  return roomIdFromCreateEventId(computeEventId(codec, createEvent, rules));
}
