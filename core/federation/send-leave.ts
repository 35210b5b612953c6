// PUT /_matrix/federation/v2/send_leave/{roomId}/{eventId} — server-server-api §Leaving Rooms (leaving-v2.yaml)
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { receiveMembership } from './receive-membership.ts';

/** Validates the signed leave (v1.18 rules), accepts it (403 otherwise), queues it to the room's servers; `{}`. */
export function sendLeaveRoute(ctx: ServerContext): Route {
  return {
    method: 'PUT',
    path: '/_matrix/federation/v2/send_leave/:roomId/:eventId',
    auth: 'x-matrix',
    maxBody: 256 * 1024,
    async handle(req) {
      await receiveMembership(ctx, req, 'leave');
      return { json: {} };
    },
  };
}
