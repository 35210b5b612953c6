// POST /_admin/rooms/{roomId}/leave {user} → {event_id?}
// A room we are in gets a local leave event (sent to every server that was in the room, as any event of ours).
// Declining an invite to a room we are not in goes over federation (make_leave/send_leave, remote-membership.ts)
// through the inviting server; the pending invite is then cleared.
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { notFound } from '../matrix/errors.ts';
import { serverNameOf } from '../matrix/ids.ts';
import { submitLocalEvent } from '../rooms/index.ts';
import { bodyOf, localUser } from './admin-input.ts';
import { memberEvent, publish } from './publish.ts';
import { leaveRemote } from './remote-membership.ts';
import { weAreJoined } from './room-members.ts';

export function leaveRoute(ctx: ServerContext): Route {
  return {
    method: 'POST', path: '/_admin/rooms/:room/leave', auth: 'none',
    async handle(req) {
      const body = bodyOf(req);
      const given = req.params[0]!;
      const roomId = given.startsWith('#') ? ctx.directory.resolveAlias(given) : given;
      const user = localUser(ctx, body, 'user', false);
      const known = roomId !== undefined && ctx.data.room(roomId) !== undefined;
      const invite = roomId === undefined ? undefined : ctx.directory.invite(user, roomId);
      if (known && (weAreJoined(ctx, roomId!) || invite === undefined)) {
        const eventId = submitLocalEvent(ctx.engine.ctx, roomId!, memberEvent(user, user, 'leave'));
        ctx.directory.clearInvite(user, roomId!);
        await publish(ctx, roomId!, eventId);
        return { json: { event_id: eventId } };
      }
      if (invite === undefined) throw notFound(`unknown room ${given}`);
      const via = [serverNameOf(invite.sender), serverNameOf(invite.room_id)].filter((s): s is string => s !== undefined && s !== ctx.serverName);
      await leaveRemote(ctx, roomId!, user, [...new Set(via)]);
      ctx.directory.clearInvite(user, roomId!);
      await ctx.data.commit();
      return { json: {} };
    },
  };
}
