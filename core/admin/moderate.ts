// POST /_admin/rooms/{roomId}/kick | /ban | /unban {user, target, reason?} → {event_id}
// One operation in three routes (uWS patterns have no alternation): `user` sets `target`'s membership to leave
// (kick, unban) or ban; the auth rules decide (403 M_FORBIDDEN with their reason). A remote target's server
// is among the event's destinations (it was in the room before the event).
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { anyUser, bodyOf, localUser, optionalString } from './admin-input.ts';
import { memberEvent, sendAndPublish } from './publish.ts';
import { knownRoom } from './room-target.ts';

export const MODERATION = { kick: 'leave', ban: 'ban', unban: 'leave' } as const;
export type Moderation = keyof typeof MODERATION;

export function moderationRoute(ctx: ServerContext, action: Moderation): Route {
  return {
    method: 'POST', path: `/_admin/rooms/:room/${action}`, auth: 'none',
    async handle(req) {
      const body = bodyOf(req);
      const room = knownRoom(ctx, req.params[0]!);
      const sender = localUser(ctx, body, 'user', false);
      const target = anyUser(body, 'target');
      const reason = optionalString(body, 'reason');
      return { json: { event_id: await sendAndPublish(ctx, room.roomId, memberEvent(sender, target, MODERATION[action], reason)) } };
    },
  };
}
