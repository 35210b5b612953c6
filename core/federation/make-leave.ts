// GET /_matrix/federation/v1/make_leave/{roomId}/{userId} — server-server-api §Leaving Rooms (leaving-v1.yaml)
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { makeMembership } from './make-membership.ts';

/** A leave template (rejecting an invite, retracting a knock, or leaving): 403 when the auth rules refuse it. */
export function makeLeaveRoute(ctx: ServerContext): Route {
  return {
    method: 'GET',
    path: '/_matrix/federation/v1/make_leave/:roomId/:userId',
    auth: 'x-matrix',
    handle: (req) => makeMembership(ctx, req, { membership: 'leave', verb: 'leave', checkVersion: false }),
  };
}
