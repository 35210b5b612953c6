// The common part of send_leave and send_knock (server-server-api §Leaving Rooms, §Knocking upon a room): check,
// verify and accept the signed membership event, then queue it to the room's other servers.
import type { ServerContext } from '../context.ts';
import type { Request } from '../http/route.ts';
import { queueToRoom } from '../outbound/room-servers.ts';
import { admitMembership, assertAclAllows, assertVerifies, membershipEvent, residentRoom } from './membership-common.ts';

/** Accepts the request's `membership` event (403 when the auth rules refuse it); resolves once it is durable. */
export async function receiveMembership(ctx: ServerContext, req: Request, membership: 'leave' | 'knock'): Promise<{ roomId: string; eventId: string }> {
  const [roomId, eventId] = req.params as [string, string];
  const origin = req.origin!;
  ctx.sender.wake(origin); // it is up: retry now what we owe it
  const room = residentRoom(ctx, roomId);
  assertAclAllows(ctx, room, origin);
  const rules = ctx.engine.ctx.rules(room);
  const event = membershipEvent(ctx, rules, req.json(), { roomId, eventId, origin, membership });
  await assertVerifies(ctx, rules, roomId, event);
  const result = await admitMembership(ctx, roomId, event);
  if (result.duplicate !== true) {
    queueToRoom(ctx, roomId, eventId, [origin]);
    await ctx.data.commit();
  }
  return { roomId, eventId };
}
