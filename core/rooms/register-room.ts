// Registering a room created elsewhere so its events can be received: the record with its version and create
// event, no state and no extremities until the create event itself is received (and placed first).
import { roomVersion } from '../matrix/room-versions.ts';
import { roomIdFromCreateEventId } from '../matrix/event-id.ts';
import { Errcode, MatrixError, invalidParam } from '../matrix/errors.ts';
import { EMPTY_STATE } from '../slots/store.ts';
import type { EngineContext } from './engine-context.ts';
import type { RoomRecord } from './room-data.ts';

/**
 * Returns the existing record when the room is known (it must match), else creates it. Unsupported version:
 * 400 M_INCOMPATIBLE_ROOM_VERSION (what a joining server answers). v12: the room id must derive from the
 * create event id.
 */
export function registerRoom(ctx: EngineContext, roomId: string, version: string, createEventId: string): RoomRecord {
  const rules = roomVersion(version);
  if (rules === undefined) throw new MatrixError(400, Errcode.INCOMPATIBLE_ROOM_VERSION, `room version ${version} is not supported`, { room_version: version });
  if (rules.roomIdFromCreateEvent && roomIdFromCreateEventId(createEventId) !== roomId) {
    throw invalidParam(`room ${roomId} is not defined by create event ${createEventId}`);
  }
  const known = ctx.data.room(roomId);
  if (known !== undefined) {
    if (known.version !== version || known.createEventId !== createEventId) throw invalidParam(`room ${roomId} is known with another version or create event`);
    return known;
  }
  const record: RoomRecord = { roomId, version, createEventId, currentState: EMPTY_STATE, extremities: [], maxDepth: 0 };
  ctx.data.setRoom(record);
  return record;
}
