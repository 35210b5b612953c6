// GET /_matrix/federation/v1/event/{eventId} — server-server-api §Retrieving events (GET /event)
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { notFound } from '../matrix/errors.ts';
import { transactionBytes } from './response-bytes.ts';
import type { RoomAccess } from './room-access.ts';

/**
 * One PDU wrapped as a transaction, from its stored bytes. 404 M_NOT_FOUND for an event we do not have (or
 * whose room we do not know); 403 M_FORBIDDEN when the room's ACL denies the requester or it is not in the room
 * (now, or after the event); rejected and outlier events are served too (as Synapse does). When history
 * visibility hides the event from the requester it gets the redacted form, not an error (see RoomAccess).
 */
export function getEventRoute(ctx: ServerContext, access: RoomAccess): Route {
  return {
    method: 'GET',
    path: '/_matrix/federation/v1/event/:eventId',
    auth: 'x-matrix',
    handle(req) {
      const eventId = req.params[0]!;
      const origin = req.origin!;
      const stored = ctx.data.store().get(eventId);
      if (stored === undefined) throw notFound(`unknown event ${eventId}`);
      const room = access.room(stored.roomId);
      access.assertAcl(room, origin);
      access.assertInRoom(room, origin, eventId);
      const bytes = access.servedBytes(eventId, origin);
      if (bytes === undefined) throw notFound(`unknown event ${eventId}`);
      return { raw: transactionBytes(ctx.serverName, Date.now(), [bytes]) };
    },
  };
}
