// GET /_matrix/federation/v1/event_auth/{roomId}/{eventId} — server-server-api §Retrieving events
// (GET /event_auth)
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { notFound } from '../matrix/errors.ts';
import { objectOfArray } from './response-bytes.ts';
import type { RoomAccess } from './room-access.ts';

/**
 * `{auth_chain}`: every event in the event's auth chain (not the event itself), from stored bytes. Auth events
 * are served whole, as Synapse does: they are state the requester needs to authorise the event.
 * 404 for an unknown room or event (or one of another room); 403 for an ACL-denied requester or one that is not
 * in the room (now, or after the event).
 */
export function eventAuthRoute(ctx: ServerContext, access: RoomAccess): Route {
  return {
    method: 'GET',
    path: '/_matrix/federation/v1/event_auth/:roomId/:eventId',
    auth: 'x-matrix',
    handle(req) {
      const [roomId, eventId] = req.params as [string, string];
      const origin = req.origin!;
      const room = access.room(roomId);
      access.assertAcl(room, origin);
      const e = ctx.data.store().get(eventId);
      if (e === undefined || e.roomId !== roomId) throw notFound(`unknown event ${eventId} in ${roomId}`);
      access.assertInRoom(room, origin, eventId);
      const store = ctx.data.store();
      const chain: Uint8Array[] = [];
      for (const id of ctx.engine.authChain([eventId])) {
        const b = store.bytes(id);
        if (b !== undefined) chain.push(b);
      }
      return { raw: objectOfArray('auth_chain', chain) };
    },
  };
}
