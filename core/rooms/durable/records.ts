// The record types JournaledRoomData writes to the journal (and to its snapshots), and their byte layouts.
//
// Versioning: the journal's record type byte names both the record and its layout. Low nibble = record kind,
// high nibble = layout version − 1 (PUT_EVENT v1 = 0x01, a v2 would be 0x11). A changed layout gets a new
// byte; replay keeps decoding the old ones, and the next snapshot rewrites everything in the newest layout.
// An unknown byte stops start-up (it was written by a newer build, or is damage that passed the CRC).
//
// All integers little-endian. str16 = u16 byte length + UTF-8; nstr16 = the same with 0xFFFF for null;
// nstr32 = u32 length + UTF-8, 0xFFFFFFFF for null; bytes32 = u32 length + raw bytes; f64 = IEEE double
// (exact for any integer up to 2^53 − 1, the canonical-JSON range of depth and origin_server_ts).
//
// PUT_EVENT v1 (0x01) — one NewEvent, canonical bytes raw (not base64, not JSON):
//   u8 status, u32 stateBefore, f64 depth, f64 originServerTs,
//   str16 eventId, str16 roomId, str16 type, nstr16 stateKey, str16 sender,
//   u16 n, n × str16 prevEvents, u16 m, m × str16 authEvents, nstr32 reason, bytes32 bytes
// UPDATE_EVENT v1 (0x02) — an EventUpdate; only the fields present are written, in this order:
//   str16 eventId, u8 flags (1 status, 2 reason, 4 stateBefore, 8 bytes),
//   [u8 status], [nstr32 reason], [u32 stateBefore], [bytes32 bytes]
// NEW_STATE v1 (0x03) — newState(parent, changes) and the id it returned:
//   u32 stateId, u32 parent, u32 part, u8 more, u32 count, count × (str16 type, str16 stateKey, nstr16 eventId)
//   A state whose record would pass STATE_PART_BYTES is split into parts 0, 1, … with the same stateId and
//   parent, `more` = 1 on all but the last; the state is created when the last part is read. Parts are
//   appended in one synchronous run, so only a crash can leave a partial state, and it was never committed:
//   replay drops a partial state when anything but its next part follows (after a restart the same id is
//   assigned again, starting over at part 0), or at the end.
// SET_ROOM v1 (0x04) — a RoomRecord (written on every accepted event, so binary too):
//   str16 roomId, str16 version, str16 createEventId, u32 currentState, f64 maxDepth,
//   u16 n, n × str16 extremities
// AUX v1 (0x05) — another subsystem's small record: str16 kind, then UTF-8 JSON up to the record's end.
// Snapshot only: SNAPSHOT_END v1 (0x0F) — u32 states, f64 events, u32 rooms, u32 aux values (see snapshot-body.ts).
import type { RoomRecord } from '../room-data.ts';
import type { EventUpdate, NewEvent } from '../../slots/store.ts';

export const RecordType = {
  PUT_EVENT_V1: 0x01,
  UPDATE_EVENT_V1: 0x02,
  NEW_STATE_V1: 0x03,
  SET_ROOM_V1: 0x04,
  AUX_V1: 0x05,
  SNAPSHOT_END_V1: 0x0f,
} as const;
export type RecordType = (typeof RecordType)[keyof typeof RecordType];

export const recordTypeName: Readonly<Record<number, string>> = {
  0x01: 'PUT_EVENT v1',
  0x02: 'UPDATE_EVENT v1',
  0x03: 'NEW_STATE v1',
  0x04: 'SET_ROOM v1',
  0x05: 'AUX v1',
  0x0f: 'SNAPSHOT_END v1',
};

/** Parts of a NEW_STATE record are cut once they pass this many bytes (well under the journal's 16 MiB). */
export const STATE_PART_BYTES = 4 * 1024 * 1024;

// The layouts above list every field of these types. If a field is added to one of them, these lines stop
// compiling: add it to a new layout version (a field that is silently not journaled is lost on restart).
type SameKeys<A, B> = [Exclude<A, B> | Exclude<B, A>] extends [never] ? true : false;
const newEventCovered: SameKeys<
  keyof NewEvent,
  | 'eventId' | 'roomId' | 'type' | 'stateKey' | 'sender' | 'depth' | 'originServerTs'
  | 'prevEvents' | 'authEvents' | 'bytes' | 'status' | 'reason' | 'stateBefore'
> = true;
const updateCovered: SameKeys<keyof EventUpdate, 'status' | 'reason' | 'stateBefore' | 'bytes'> = true;
const roomCovered: SameKeys<
  keyof RoomRecord,
  'roomId' | 'version' | 'createEventId' | 'currentState' | 'extremities' | 'maxDepth'
> = true;
void newEventCovered;
void updateCovered;
void roomCovered;
