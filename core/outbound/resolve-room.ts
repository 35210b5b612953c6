// Which room, and which servers to ask, for a room id or alias (server-server-api §Joining Rooms: the directory
// server answers GET /query/directory with the room id and join candidates).
import type { ServerContext } from '../context.ts';
import { invalidParam, notFound } from '../matrix/errors.ts';
import { isValidRoomId, isValidServerName, parseRoomAlias, serverNameOf } from '../matrix/ids.ts';
import { path } from './path.ts';
import { remoteError } from './remote-error.ts';

export interface ResolvedRoom {
  readonly roomId: string;
  /** Join candidates from the directory (the alias's server first), before the caller's own `via` list. */
  readonly servers: readonly string[];
}

/** A room id passes through (with its domain, v1–v11, as a candidate); an alias is looked up where it lives. */
export async function resolveRoom(ctx: ServerContext, roomIdOrAlias: string): Promise<ResolvedRoom> {
  if (roomIdOrAlias.startsWith('#')) {
    const alias = parseRoomAlias(roomIdOrAlias);
    if (alias === undefined) throw invalidParam(`"${roomIdOrAlias}" is not a valid room alias`);
    if (alias.serverName === ctx.serverName) {
      const roomId = ctx.directory.resolveAlias(roomIdOrAlias);
      if (roomId === undefined) throw notFound(`no room is bound to ${roomIdOrAlias}`);
      return { roomId, servers: [] };
    }
    let res: { room_id?: unknown; servers?: unknown };
    try {
      res = await ctx.client.get(alias.serverName, path`/_matrix/federation/v1/query/directory`, { query: { room_alias: roomIdOrAlias }, timeoutMs: 30_000 });
    } catch (e) {
      throw remoteError(e, `resolving ${roomIdOrAlias}`);
    }
    if (typeof res?.room_id !== 'string' || !isValidRoomId(res.room_id)) throw remoteError(new Error('the directory answer has no valid room_id'), `resolving ${roomIdOrAlias}`);
    const listed = Array.isArray(res.servers) ? res.servers.filter((s): s is string => typeof s === 'string' && isValidServerName(s)) : [];
    return { roomId: res.room_id, servers: unique([alias.serverName, ...listed]) };
  }
  if (!isValidRoomId(roomIdOrAlias)) throw invalidParam(`"${roomIdOrAlias}" is not a valid room id or alias`);
  const domain = serverNameOf(roomIdOrAlias);
  return { roomId: roomIdOrAlias, servers: domain === undefined ? [] : [domain] };
}

export function unique(xs: Iterable<string>): string[] {
  return [...new Set(xs)];
}
