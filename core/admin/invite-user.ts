// POST /_admin/rooms/{roomId}/invite {user, target} → {event_id}
// A user of ours invites anyone. A local invitee is created if new and sees the invite in GET /_admin/invites;
// a remote invitee's server must countersign the invite first (/invite v2, remote-membership.ts), after which
// the event goes to the room's servers like any other.
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { serverNameOf } from '../matrix/ids.ts';
import { submitLocalEvent } from '../rooms/index.ts';
import { anyUser, bodyOf, localUser } from './admin-input.ts';
import { memberEvent, publish } from './publish.ts';
import { inviteRemote } from './remote-membership.ts';
import { knownRoom } from './room-target.ts';

export function inviteRoute(ctx: ServerContext): Route {
  return {
    method: 'POST', path: '/_admin/rooms/:room/invite', auth: 'none',
    async handle(req) {
      const body = bodyOf(req);
      const room = knownRoom(ctx, req.params[0]!);
      const sender = localUser(ctx, body, 'user', false);
      const target = anyUser(body, 'target');
      if (serverNameOf(target) !== ctx.serverName) return { json: { event_id: await inviteRemote(ctx, room.roomId, sender, target) } };
      const eventId = submitLocalEvent(ctx.engine.ctx, room.roomId, memberEvent(sender, target, 'invite'));
      ctx.directory.ensureUser(target); // once the invite was accepted by the auth rules
      await publish(ctx, room.roomId, eventId);
      return { json: { event_id: eventId } };
    },
  };
}
