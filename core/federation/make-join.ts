// GET /_matrix/federation/v1/make_join/{roomId}/{userId} — server-server-api §Joining Rooms (joins-v1.yaml)
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { makeMembership } from './make-membership.ts';
import { restrictedJoinAuthoriser } from './restricted-join.ts';

/**
 * A join template on top of our forward extremities: 404 unknown room, 403 ACL / user not of the origin / the
 * auth rules refuse the join (banned, invite-only, …), 400 M_INCOMPATIBLE_ROOM_VERSION when the room's version is
 * not among `ver`. Restricted rooms: `join_authorised_via_users_server` names one of our users who may invite
 * (400 M_UNABLE_TO_AUTHORISE_JOIN / M_UNABLE_TO_GRANT_JOIN, 403 when no condition is met).
 */
export function makeJoinRoute(ctx: ServerContext): Route {
  return {
    method: 'GET',
    path: '/_matrix/federation/v1/make_join/:roomId/:userId',
    auth: 'x-matrix',
    handle: (req) => makeMembership(ctx, req, {
      membership: 'join', verb: 'join', checkVersion: true,
      extraContent(room, rules, userId) {
        const via = restrictedJoinAuthoriser(ctx, room, rules, userId);
        return via === undefined ? {} : { join_authorised_via_users_server: via };
      },
    }),
  };
}
