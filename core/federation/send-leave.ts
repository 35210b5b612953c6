// PUT /_matrix/federation/v2/send_leave/{roomId}/{eventId} — server-server-api §Leaving Rooms (leaving-v2.yaml)
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { queueToRoom } from '../outbound/room-servers.ts';
import { admitMembership, assertAclAllows, assertVerifies, membershipEvent, residentRoom } from './membership-common.ts';

/** Validates the signed leave (v1.18 rules), accepts it (403 otherwise), queues it to the room's servers; `{}`. */
export function sendLeaveRoute(ctx: ServerContext): Route {
  return {
    method: 'PUT',
    path: '/_matrix/federation/v2/send_leave/:roomId/:eventId',
    auth: 'x-matrix',
    maxBody: 256 * 1024,
    async handle(req) {
      const [roomId, eventId] = req.params as [string, string];
      const origin = req.origin!;
      ctx.sender.wake(origin); // it is up: retry now what we owe it
      const room = residentRoom(ctx, roomId);
      assertAclAllows(ctx, room, origin);
      const rules = ctx.engine.ctx.rules(room);
      const event = membershipEvent(ctx, rules, req.json(), { roomId, eventId, origin, membership: 'leave' });
      await assertVerifies(ctx, rules, roomId, event);
      const result = await admitMembership(ctx, roomId, event);
      if (result.duplicate !== true) {
        queueToRoom(ctx, roomId, eventId, [origin]);
        await ctx.data.commit();
      }
      return { json: {} };
    },
  };
}
