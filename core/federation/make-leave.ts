// GET /_matrix/federation/v1/make_leave/{roomId}/{userId} — server-server-api §Leaving Rooms (leaving-v1.yaml)
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { forbidden } from '../matrix/errors.ts';
import { assertAclAllows, assertUserOfOrigin, residentRoom } from './membership-common.ts';

/** A leave template (rejecting an invite, retracting a knock, or leaving): 403 when the auth rules refuse it. */
export function makeLeaveRoute(ctx: ServerContext): Route {
  return {
    method: 'GET',
    path: '/_matrix/federation/v1/make_leave/:roomId/:userId',
    auth: 'x-matrix',
    handle(req) {
      const [roomId, userId] = req.params as [string, string];
      const origin = req.origin!;
      ctx.sender.wake(origin); // it is up: retry now what we owe it
      const room = residentRoom(ctx, roomId);
      assertAclAllows(ctx, room, origin);
      assertUserOfOrigin(userId, origin);
      const t = ctx.engine.template(roomId, { type: 'm.room.member', stateKey: userId, sender: userId, content: { membership: 'leave' } });
      const r = ctx.engine.authorizeTemplate(t);
      if (!r.ok) throw forbidden(`${userId} may not leave ${roomId}: ${r.reason}`);
      return { json: { room_version: room.version, event: t.event } };
    },
  };
}
