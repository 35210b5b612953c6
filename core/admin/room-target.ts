// The room a path names: a room id, or one of our aliases (resolved through the local directory). Unknown rooms
// and aliases are 404 M_NOT_FOUND.
import type { ServerContext } from '../context.ts';
import { invalidParam, notFound } from '../matrix/errors.ts';
import { isValidRoomAlias, isValidRoomId, serverNameOf } from '../matrix/ids.ts';
import type { RoomRecord } from '../rooms/index.ts';

/** A room id or an alias; an alias on another server is left unresolved (`roomId` undefined). */
export interface RoomTarget {
  readonly given: string;
  readonly roomId: string | undefined;
  readonly alias: string | undefined;
}

export function parseTarget(ctx: ServerContext, given: string): RoomTarget {
  if (given.startsWith('#')) {
    if (!isValidRoomAlias(given)) throw invalidParam(`${given} is not a valid room alias`);
    const local = serverNameOf(given) === ctx.serverName;
    const roomId = ctx.directory.resolveAlias(given);
    if (local && roomId === undefined) throw notFound(`no room has the alias ${given}`);
    return { given, roomId, alias: given };
  }
  if (!isValidRoomId(given)) throw invalidParam(`${given} is not a valid room id or alias`);
  return { given, roomId: given, alias: undefined };
}

/** A room we hold, by id or local alias; 404 M_NOT_FOUND otherwise (also for ids that are not ids at all). */
export function knownRoom(ctx: ServerContext, given: string): RoomRecord {
  const roomId = given.startsWith('#') ? ctx.directory.resolveAlias(given) : given;
  const room = roomId === undefined ? undefined : ctx.data.room(roomId);
  if (room === undefined) throw notFound(`unknown room ${given}`);
  return room;
}
