// GET /_admin/invites?user=@u:ours → [{room_id, event_id, sender, room_version, event, invite_room_state, received_ts}]
// Pending invites of a local user: those other servers sent us over /invite (kept in the local directory), and
// invites in rooms we hold whose current state says the user is invited. An invite from the directory whose
// room we are in and whose state no longer says "invite" (answered, withdrawn) is left out.
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { missingParam } from '../matrix/errors.ts';
import { localUser } from './admin-input.ts';
import { membershipOf, weAreJoined } from './room-members.ts';

export function listInvitesRoute(ctx: ServerContext): Route {
  return {
    method: 'GET', path: '/_admin/invites', auth: 'none',
    handle(req) {
      const raw = req.query().get('user');
      if (raw === null) throw missingParam('query parameter "user" is required');
      const user = localUser(ctx, { user: raw }, 'user', false);
      const out = new Map<string, unknown>();
      for (const inv of ctx.directory.invitesFor(user)) {
        const room = ctx.data.room(inv.room_id);
        if (room !== undefined && weAreJoined(ctx, inv.room_id) && membershipOf(ctx, room.currentState, user) !== 'invite') continue;
        out.set(inv.room_id, inv);
      }
      for (const room of ctx.data.rooms()) {
        if (out.has(room.roomId) || membershipOf(ctx, room.currentState, user) !== 'invite') continue;
        const id = ctx.data.store().stateGet(room.currentState, 'm.room.member', user)!;
        const e = ctx.engine.ctx.event(id)!;
        out.set(room.roomId, {
          room_id: room.roomId, event_id: id, sender: e.pdu.sender, room_version: room.version,
          event: e.pdu, invite_room_state: [], received_ts: e.pdu.origin_server_ts,
        });
      }
      return { json: [...out.values()] };
    },
  };
}
