// The bridge to the membership handshakes we perform as the joining/inviting/leaving server
// (core/outbound/membership-flows.ts): make_join/send_join v2, invite v2, make_leave/send_leave v2. The admin
// API only decides when a flow is remote and with which servers; the handshakes, their storage and their
// commits live there. A peer's 4xx refusal comes back with its status and errcode; other failures are 502.
import type { ServerContext } from '../context.ts';
import { inviteRemoteUser, joinRemoteRoom, leaveRemoteRoom } from '../outbound/membership-flows.ts';

/** Joins `userId` to a room we are not in, through `via` (tried in order) → the room id, once durable. */
export async function joinRemote(ctx: ServerContext, roomIdOrAlias: string, userId: string, via: readonly string[]): Promise<string> {
  return (await joinRemoteRoom(ctx, roomIdOrAlias, userId, via)).roomId;
}

/** Our invite for a user of another server, countersigned through /invite v2, stored and queued → its event id. */
export function inviteRemote(ctx: ServerContext, roomId: string, sender: string, target: string): Promise<string> {
  return inviteRemoteUser(ctx, roomId, sender, target);
}

/** Leaves (declines an invite to) a room we are not in, through make_leave/send_leave with `via`. */
export async function leaveRemote(ctx: ServerContext, roomId: string, userId: string, via: readonly string[]): Promise<void> {
  await leaveRemoteRoom(ctx, roomId, userId, via);
}
