// Leaving a room we are not in, or knocking on one (server-server-api §Leaving Rooms (Rejecting Invites),
// §Knocking upon a room): make_leave + PUT /v2/send_leave, or make_knock + PUT /send_knock, through each
// candidate server in turn. The event lives on the resident's side: we are not in the room, so we store nothing.
import type { ServerContext } from '../context.ts';
import type { MatrixError } from '../matrix/errors.ts';
import { makeMembershipEvent } from './membership-template.ts';
import { path } from './path.ts';
import { bestError, remoteError } from './remote-error.ts';

export interface RemoteMembershipResult {
  readonly eventId: string;
  readonly server: string;
  /** send_knock's `knock_room_state` (knocks only). */
  readonly knockRoomState?: readonly unknown[];
}

const SEND_TIMEOUT_MS = 60_000;

/** A leave (rejects an invite, retracts a knock) or a knock by `userId`, through the first server that takes it. */
export async function remoteMembership(
  ctx: ServerContext, kind: 'leave' | 'knock', roomId: string, userId: string, servers: readonly string[], extraContent: Record<string, unknown> = {},
): Promise<RemoteMembershipResult> {
  const errors: MatrixError[] = [];
  for (const server of servers) {
    if (server === ctx.serverName) continue;
    try {
      const m = await makeMembershipEvent(ctx, server, kind, roomId, userId, extraContent);
      if (kind === 'leave') {
        await ctx.client.put(server, path`/_matrix/federation/v2/send_leave/${roomId}/${m.eventId}`, m.event, { timeoutMs: SEND_TIMEOUT_MS });
        return { eventId: m.eventId, server };
      }
      const res = await ctx.client.put<{ knock_room_state?: unknown }>(server, path`/_matrix/federation/v1/send_knock/${roomId}/${m.eventId}`, m.event, { timeoutMs: SEND_TIMEOUT_MS });
      return { eventId: m.eventId, server, knockRoomState: Array.isArray(res?.knock_room_state) ? res.knock_room_state : [] };
    } catch (e) {
      errors.push(remoteError(e, `${kind} ${roomId} through ${server}`));
      ctx.log(`${kind} ${roomId} as ${userId} through ${server} failed: ${errors[errors.length - 1]!.message}`);
    }
  }
  throw bestError(errors, `${kind} ${roomId}`);
}
