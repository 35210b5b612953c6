// GET /_matrix/federation/v1/make_join/{roomId}/{userId} — server-server-api §Joining Rooms (joins-v1.yaml)
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { forbidden } from '../matrix/errors.ts';
import { assertAclAllows, assertUserOfOrigin, incompatibleVersion, offeredVersions, residentRoom } from './membership-common.ts';
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
    handle(req) {
      const [roomId, userId] = req.params as [string, string];
      const origin = req.origin!;
      ctx.sender.wake(origin); // it is up: retry now what we owe it
      const room = residentRoom(ctx, roomId);
      assertAclAllows(ctx, room, origin);
      assertUserOfOrigin(userId, origin);
      if (!offeredVersions(req).includes(room.version)) throw incompatibleVersion(room.version);
      const rules = ctx.engine.ctx.rules(room);
      const content: Record<string, unknown> = { membership: 'join' };
      const via = restrictedJoinAuthoriser(ctx, room, rules, userId);
      if (via !== undefined) content['join_authorised_via_users_server'] = via;
      const t = ctx.engine.template(roomId, { type: 'm.room.member', stateKey: userId, sender: userId, content });
      const r = ctx.engine.authorizeTemplate(t);
      if (!r.ok) throw forbidden(`${userId} may not join ${roomId}: ${r.reason}`);
      return { json: { room_version: room.version, event: t.event } };
    },
  };
}
