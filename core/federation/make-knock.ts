// GET /_matrix/federation/v1/make_knock/{roomId}/{userId} — server-server-api §Knocking upon a room (knocks.yaml)
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { makeMembership } from './make-membership.ts';

/**
 * A knock template, for rooms whose join rule is `knock` (v7+) or `knock_restricted` (v10+): 403 otherwise or
 * when the auth rules refuse the knock (banned, already joined); 400 M_INCOMPATIBLE_ROOM_VERSION as make_join.
 */
export function makeKnockRoute(ctx: ServerContext): Route {
  return {
    method: 'GET',
    path: '/_matrix/federation/v1/make_knock/:roomId/:userId',
    auth: 'x-matrix',
    handle: (req) => makeMembership(ctx, req, { membership: 'knock', verb: 'knock on', checkVersion: true }),
  };
}
