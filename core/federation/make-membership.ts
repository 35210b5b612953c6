// What GET make_join, make_leave and make_knock share (server-server-api §Joining Rooms, §Leaving Rooms,
// §Knocking upon a room): a membership template for a user of the requesting server, on top of our forward
// extremities, refused with 403 when the auth rules would refuse the event.
import type { ServerContext } from '../context.ts';
import type { Reply, Request } from '../http/route.ts';
import type { RoomVersionRules } from '../matrix/room-versions.ts';
import { forbidden } from '../matrix/errors.ts';
import type { RoomRecord } from '../rooms/room-data.ts';
import { assertAclAllows, assertUserOfOrigin, incompatibleVersion, offeredVersions, residentRoom } from './membership-common.ts';

export interface MakeMembership {
  readonly membership: 'join' | 'leave' | 'knock';
  /** For the 403 message: `${user} may not ${verb} ${room}`. */
  readonly verb: string;
  /** Whether the request's `ver` must include the room's version (400 M_INCOMPATIBLE_ROOM_VERSION otherwise). */
  readonly checkVersion: boolean;
  /** More content for the template (a restricted join's authoriser); may throw the endpoint's own errors. */
  readonly extraContent?: (room: RoomRecord, rules: RoomVersionRules, userId: string) => Record<string, unknown>;
}

/**
 * 404 unknown room (or one we are not resident in), 403 ACL / user not of the origin / refused by the auth rules,
 * then `{room_version, event}`. The origin is talking to us, so it is up: what we owe it is retried now.
 */
export function makeMembership(ctx: ServerContext, req: Request, m: MakeMembership): Reply {
  const [roomId, userId] = req.params as [string, string];
  const origin = req.origin!;
  ctx.sender.wake(origin);
  const room = residentRoom(ctx, roomId);
  assertAclAllows(ctx, room, origin);
  assertUserOfOrigin(userId, origin);
  if (m.checkVersion && !offeredVersions(req).includes(room.version)) throw incompatibleVersion(room.version);
  const extra = m.extraContent?.(room, ctx.engine.ctx.rules(room), userId) ?? {};
  const t = ctx.engine.template(roomId, { type: 'm.room.member', stateKey: userId, sender: userId, content: { membership: m.membership, ...extra } });
  const r = ctx.engine.authorizeTemplate(t);
  if (!r.ok) throw forbidden(`${userId} may not ${m.verb} ${roomId}: ${r.reason}`);
  return { json: { room_version: room.version, event: t.event } };
}
