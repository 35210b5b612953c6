// POST /_admin/rooms/{roomIdOrAlias}/join {user, via?: [server…]} → {room_id}
// A room we are in (some user of ours is joined) gets a local join event, sent to the room's other servers.
// Any other room is joined over federation (make_join/send_join v2, remote-membership.ts) through `via`, then
// the servers the handshake adds: the alias's directory answer, a pending invite's sender, the room id's server.
// A room we hold but nobody of ours is in any more (its state may be stale) is also joined remotely when there is
// a server to ask; with none, the local join is tried. The user is created if new; a pending invite is cleared.
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { notFound } from '../matrix/errors.ts';
import { serverNameOf } from '../matrix/ids.ts';
import { submitLocalEvent } from '../rooms/index.ts';
import { bodyOf, localUser, optionalStringArray } from './admin-input.ts';
import { memberEvent, publish } from './publish.ts';
import { joinRemote } from './remote-membership.ts';
import { weAreJoined } from './room-members.ts';
import { parseTarget, type RoomTarget } from './room-target.ts';

/** Servers a remote join could go through (each once, never ourselves); empty: nobody to ask. */
export function joinServers(ctx: ServerContext, t: RoomTarget, user: string, via: readonly string[]): string[] {
  const out = new Set<string>(via);
  const invite = t.roomId === undefined ? undefined : ctx.directory.invite(user, t.roomId);
  for (const id of [invite?.sender, t.roomId, t.alias]) {
    const s = id === undefined ? undefined : serverNameOf(id);
    if (s !== undefined) out.add(s);
  }
  out.delete(ctx.serverName);
  return [...out];
}

export function joinRoute(ctx: ServerContext): Route {
  return {
    method: 'POST', path: '/_admin/rooms/:room/join', auth: 'none',
    async handle(req) {
      const body = bodyOf(req);
      const via = optionalStringArray(body, 'via');
      const target = parseTarget(ctx, req.params[0]!);
      const user = localUser(ctx, body, 'user', false);
      const servers = joinServers(ctx, target, user, via);
      const known = target.roomId !== undefined && ctx.data.room(target.roomId) !== undefined;
      if (known && (weAreJoined(ctx, target.roomId!) || servers.length === 0)) {
        const roomId = target.roomId!;
        const eventId = submitLocalEvent(ctx.engine.ctx, roomId, memberEvent(user, user, 'join'));
        ctx.directory.ensureUser(user); // only once the join was accepted: a refused call leaves no user behind
        ctx.directory.clearInvite(user, roomId);
        await publish(ctx, roomId, eventId);
        return { json: { room_id: roomId } };
      }
      if (servers.length === 0) throw notFound(`unknown room ${target.given}, and no server to join it through (give "via")`);
      const roomId = await joinRemote(ctx, target.roomId ?? target.given, user, via);
      ctx.directory.clearInvite(user, roomId);
      await ctx.data.commit();
      return { json: { room_id: roomId } };
    },
  };
}
