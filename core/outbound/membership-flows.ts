// The membership handshakes this server performs for its users, as the admin API calls them (server-server-api
// §Joining Rooms, §Inviting to a room, §Leaving Rooms, §Knocking upon a room). Each resolves once everything
// it wrote is durable. Deciding whether a flow is remote at all (we are in the room: a local event does) is the
// caller's; these are the remote paths.
import type { ServerContext } from '../context.ts';
import { invalidParam } from '../matrix/errors.ts';
import { serverNameOf } from '../matrix/ids.ts';
import { remoteInvite } from './remote-invite.ts';
import { remoteJoin, type RemoteJoinResult } from './remote-join.ts';
import { remoteMembership, type RemoteMembershipResult } from './remote-leave.ts';
import { resolveRoom, unique } from './resolve-room.ts';

export type { RemoteJoinResult } from './remote-join.ts';
export type { RemoteMembershipResult } from './remote-leave.ts';

function assertLocalUser(ctx: ServerContext, userId: string): void {
  if (serverNameOf(userId) !== ctx.serverName) throw invalidParam(`${userId} is not a user of this server`);
}

/** A reason for leave/knock/invite events (content.reason). */
function reasonContent(reason: string | undefined): Record<string, unknown> {
  return reason === undefined ? {} : { reason };
}

/**
 * Joins `userId` (ours) to a room through other servers: an alias is resolved with GET /query/directory on its
 * server (whose answer adds join candidates); then make_join/send_join v2 through `via`, the directory's servers,
 * the inviting server of a pending invite and the room id's server, in that order. The room's state is checked
 * and stored, recent history backfilled, and a pending invite to the room cleared.
 */
export async function joinRemoteRoom(ctx: ServerContext, roomIdOrAlias: string, userId: string, via: readonly string[] = []): Promise<RemoteJoinResult> {
  ctx.directory.ensureUser(userId);
  const resolved = await resolveRoom(ctx, roomIdOrAlias);
  const roomId = resolved.roomId;
  const invite = ctx.directory.invite(userId, roomId);
  const servers = unique([...via, ...resolved.servers, ...(invite === undefined ? [] : [serverNameOf(invite.sender)!]), ...domainOf(roomId)])
    .filter((s) => s !== ctx.serverName);
  if (servers.length === 0) throw invalidParam(`no server to join ${roomIdOrAlias} through: give "via"`);
  const r = await remoteJoin(ctx, roomId, userId, servers);
  ctx.directory.clearInvite(userId, roomId);
  await ctx.data.commit();
  return r;
}

/**
 * `sender` (ours, joined) invites `target` (a user of another server): /invite v2 to the target's server, which
 * countersigns; the invite is then stored and sent to the room's other servers. Resolves to the event id.
 */
export async function inviteRemoteUser(ctx: ServerContext, roomId: string, sender: string, target: string, reason?: string): Promise<string> {
  assertLocalUser(ctx, sender);
  const server = serverNameOf(target);
  if (server === undefined) throw invalidParam(`${target} is not a user id`);
  if (server === ctx.serverName) throw invalidParam(`${target} is a user of this server: invite locally`);
  return remoteInvite(ctx, roomId, sender, target, reasonContent(reason));
}

/**
 * `userId` (ours) leaves a room we are not in — rejecting an invite, retracting a knock — with make_leave/
 * send_leave v2 through `via` (then the room id's server). A pending invite to the room is cleared.
 */
export async function leaveRemoteRoom(ctx: ServerContext, roomId: string, userId: string, via: readonly string[] = [], reason?: string): Promise<RemoteMembershipResult> {
  assertLocalUser(ctx, userId);
  const servers = unique([...via, ...domainOf(roomId)]).filter((s) => s !== ctx.serverName);
  if (servers.length === 0) throw invalidParam(`no server to leave ${roomId} through: give "via"`);
  const r = await remoteMembership(ctx, 'leave', roomId, userId, servers, reasonContent(reason));
  ctx.directory.clearInvite(userId, roomId);
  await ctx.data.commit();
  return r;
}

/** Rejects a pending invite over federation, through the inviting server (then the room id's server). */
export function rejectInvite(ctx: ServerContext, userId: string, roomId: string, reason?: string): Promise<RemoteMembershipResult> {
  const invite = ctx.directory.invite(userId, roomId);
  const via = invite === undefined ? [] : [serverNameOf(invite.sender)!];
  return leaveRemoteRoom(ctx, roomId, userId, via, reason);
}

/** `userId` (ours) knocks on a room we are not in (make_knock/send_knock); resolves with knock_room_state. */
export async function knockRemoteRoom(ctx: ServerContext, roomIdOrAlias: string, userId: string, via: readonly string[] = [], reason?: string): Promise<RemoteMembershipResult & { roomId: string }> {
  ctx.directory.ensureUser(userId);
  const resolved = await resolveRoom(ctx, roomIdOrAlias);
  const servers = unique([...via, ...resolved.servers, ...domainOf(resolved.roomId)]).filter((s) => s !== ctx.serverName);
  if (servers.length === 0) throw invalidParam(`no server to knock on ${roomIdOrAlias} through: give "via"`);
  const r = await remoteMembership(ctx, 'knock', resolved.roomId, userId, servers, reasonContent(reason));
  return { ...r, roomId: resolved.roomId };
}

function domainOf(roomId: string): string[] {
  const s = serverNameOf(roomId);
  return s === undefined ? [] : [s];
}
