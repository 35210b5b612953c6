// GET and POST /_matrix/federation/v1/publicRooms — server-server-api §Public Room Directory
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { badJson, invalidParam } from '../matrix/errors.ts';
import { publicRooms, type PublicRoomsQuery } from './public-room-list.ts';
import { intParam } from './query-params.ts';
import type { RoomAccess } from './room-access.ts';

/** GET: `limit` and `since` from the query (include_all_networks / third_party_instance_id: we have no bridges). */
export function getPublicRoomsRoute(ctx: ServerContext, access: RoomAccess): Route {
  return {
    method: 'GET',
    path: '/_matrix/federation/v1/publicRooms',
    auth: 'x-matrix',
    handle(req) {
      const limit = intParam(req, 'limit', 0);
      if (limit < 0) throw invalidParam('limit must not be negative');
      const since = req.query().get('since');
      const q: PublicRoomsQuery = { limit, ...(since === null || since === '' ? {} : { since }) };
      return { json: publicRooms(ctx, (s) => access.joinedCount(s), q) };
    },
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** POST: the same with a body `{limit, since, filter: {generic_search_term, room_types}}`. */
export function postPublicRoomsRoute(ctx: ServerContext, access: RoomAccess): Route {
  return {
    method: 'POST',
    path: '/_matrix/federation/v1/publicRooms',
    auth: 'x-matrix',
    handle(req) {
      const body = req.body && req.body.length > 0 ? req.json() : {};
      const { limit, since, filter } = body;
      if (limit !== undefined && (!Number.isSafeInteger(limit) || (limit as number) < 0)) throw badJson('limit must be a non-negative integer');
      if (since !== undefined && typeof since !== 'string') throw badJson('since must be a string');
      if (filter !== undefined && filter !== null && !isObject(filter)) throw badJson('filter must be an object');
      const term = isObject(filter) ? filter.generic_search_term : undefined;
      const types = isObject(filter) ? filter.room_types : undefined;
      if (term !== undefined && term !== null && typeof term !== 'string') throw badJson('filter.generic_search_term must be a string');
      if (types !== undefined && types !== null && !(Array.isArray(types) && types.every((t) => t === null || typeof t === 'string'))) {
        throw badJson('filter.room_types must be a list of strings or nulls');
      }
      const q: PublicRoomsQuery = {
        ...(limit === undefined ? {} : { limit: limit as number }),
        ...(since === undefined || since === '' ? {} : { since: since as string }),
        ...(typeof term === 'string' ? { searchTerm: term } : {}),
        ...(Array.isArray(types) ? { roomTypes: types as Array<string | null> } : {}),
      };
      return { json: publicRooms(ctx, (s) => access.joinedCount(s), q) };
    },
  };
}
