// GET /_matrix/federation/v1/make_knock/{roomId}/{userId} — server-server-api §Knocking upon a room (knocks.yaml)
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { forbidden } from '../matrix/errors.ts';
import { assertAclAllows, assertUserOfOrigin, incompatibleVersion, offeredVersions, residentRoom } from './membership-common.ts';

/**
 * A knock template, for rooms whose join rule is `knock` (v7+) or `knock_restricted` (v10+): 403 otherwise or
 * when the auth rules refuse the knock (banned, already joined); 400 M_INCOMPATIBLE_ROOM_VERSION as make_join.
 */
export function makeKnockRoute(ctx: ServerContext): Route {
  return {
    method: 'GET',
    path: '/_matrix/federation/v1/make_knock/:roomId/:userId',
    auth: 'x-matrix',
    handle(req) {
      const [roomId, userId] = req.params as [string, string];
      const origin = req.origin!;
      ctx.sender.wake(origin); // it is up: retry now what we owe it
      const room = residentRoom(ctx, roomId);
      assertAclAllows(ctx, room, origin);
      assertUserOfOrigin(userId, origin);
      if (!offeredVersions(req).includes(room.version)) throw incompatibleVersion(room.version);
      const t = ctx.engine.template(roomId, { type: 'm.room.member', stateKey: userId, sender: userId, content: { membership: 'knock' } });
      const r = ctx.engine.authorizeTemplate(t);
      if (!r.ok) throw forbidden(`${userId} may not knock on ${roomId}: ${r.reason}`);
      return { json: { room_version: room.version, event: t.event } };
    },
  };
}
