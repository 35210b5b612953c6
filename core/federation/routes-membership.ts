// Federation endpoints of the membership handshakes: make/send join, leave and knock, and invites
// (server-server-api §Joining Rooms, §Knocking upon a room, §Inviting to a room, §Leaving Rooms). One per file.
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { inviteRoute } from './invite.ts';
import { makeJoinRoute } from './make-join.ts';
import { makeKnockRoute } from './make-knock.ts';
import { makeLeaveRoute } from './make-leave.ts';
import { sendJoinRoute } from './send-join.ts';
import { sendKnockRoute } from './send-knock.ts';
import { sendLeaveRoute } from './send-leave.ts';

export function membershipRoutes(ctx: ServerContext): Route[] {
  return [
    makeJoinRoute(ctx),
    sendJoinRoute(ctx),
    makeLeaveRoute(ctx),
    sendLeaveRoute(ctx),
    makeKnockRoute(ctx),
    sendKnockRoute(ctx),
    inviteRoute(ctx),
  ];
}
