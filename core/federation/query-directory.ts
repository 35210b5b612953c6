// GET /_matrix/federation/v1/query/directory?room_alias= — server-server-api §Querying for information
// (GET /query/directory)
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { invalidParam, notFound } from '../matrix/errors.ts';
import { parseRoomAlias } from '../matrix/ids.ts';
import { stringParam } from './query-params.ts';
import type { RoomAccess } from './room-access.ts';

/**
 * `{room_id, servers}` for one of our aliases: our name first, then every other server with a joined user in
 * the room's current state. An alias of another server is 400 M_INVALID_PARAM (as Synapse: we are not
 * authoritative for it; the spec says callers should only ask the alias's own server); an unknown alias 404.
 */
export function queryDirectoryRoute(ctx: ServerContext, access: RoomAccess): Route {
  return {
    method: 'GET',
    path: '/_matrix/federation/v1/query/directory',
    auth: 'x-matrix',
    handle(req) {
      const alias = stringParam(req, 'room_alias');
      const parts = parseRoomAlias(alias);
      if (parts === undefined) throw invalidParam(`${JSON.stringify(alias)} is not a room alias`);
      if (parts.serverName !== ctx.serverName) throw invalidParam(`room alias ${alias} is not hosted on this server`);
      const roomId = ctx.directory.resolveAlias(alias);
      if (roomId === undefined) throw notFound(`room alias ${alias} not found`);
      const servers = [ctx.serverName];
      const room = ctx.engine.room(roomId);
      if (room !== undefined) for (const s of access.joinedServers(room.currentState)) if (s !== ctx.serverName) servers.push(s);
      return { json: { room_id: roomId, servers } };
    },
  };
}
