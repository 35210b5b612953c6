// Joining a room we are not in (server-server-api §Joining Rooms, we are the joining server): make_join and
// PUT /v2/send_join through each candidate server in turn, the answer's state checked and stored by the engine
// (rooms/join-remote-room.ts), recent history backfilled before our join is placed, everything committed.
import type { ServerContext } from '../context.ts';
import type { MatrixError } from '../matrix/errors.ts';
import { computeEventId } from '../matrix/event-id.ts';
import type { JsonObject } from '../matrix/signing.ts';
import { makeMembershipEvent, type SignedMembership } from './membership-template.ts';
import { path } from './path.ts';
import { bestError, remoteError } from './remote-error.ts';

export interface RemoteJoinResult {
  readonly roomId: string;
  readonly eventId: string;
  /** The server that let us in. */
  readonly server: string;
  /** Events backfilled and placed as history (0 when backfill failed: the join stands regardless). */
  readonly backfilled: number;
}

const SEND_JOIN_TIMEOUT_MS = 120_000;
const BACKFILL_TIMEOUT_MS = 30_000;
/** How many events before our join we ask for. */
export const BACKFILL_LIMIT = 100;

/** Tries `servers` in order (ours excluded); throws the most telling failure when none lets us in. */
export async function remoteJoin(ctx: ServerContext, roomId: string, userId: string, servers: readonly string[]): Promise<RemoteJoinResult> {
  const errors: MatrixError[] = [];
  for (const server of servers) {
    if (server === ctx.serverName) continue;
    try {
      return await joinVia(ctx, server, roomId, userId);
    } catch (e) {
      errors.push(remoteError(e, `joining ${roomId} through ${server}`));
      ctx.log(`join ${roomId} as ${userId} through ${server} failed: ${errors[errors.length - 1]!.message}`);
    }
  }
  throw bestError(errors, `joining ${roomId}`);
}

async function joinVia(ctx: ServerContext, server: string, roomId: string, userId: string): Promise<RemoteJoinResult> {
  const m = await makeMembershipEvent(ctx, server, 'join', roomId, userId);
  const res = await ctx.client.put<Record<string, unknown>>(server, path`/_matrix/federation/v2/send_join/${roomId}/${m.eventId}`, m.event, { timeoutMs: SEND_JOIN_TIMEOUT_MS });
  const state = res?.['state'];
  const authChain = res?.['auth_chain'];
  if (!Array.isArray(state) || !Array.isArray(authChain)) throw new Error('send_join answer without state and auth_chain arrays');
  const engine = ctx.engine;
  const prepared = await engine.prepareRemoteJoin({ roomId, version: m.roomVersion, join: joinEvent(ctx, m, res['event']), state, authChain });
  const js = engine.storeJoinState(prepared);
  await ctx.data.commit();
  const backfilled = await backfillBefore(ctx, server, roomId, prepared.join.pdu.prev_events);
  const eventId = engine.completeRemoteJoin(prepared, js);
  await ctx.data.commit();
  return { roomId, eventId, server, backfilled };
}

/** The resident's co-signed copy (restricted joins) when it is our event; otherwise the one we sent. */
function joinEvent(ctx: ServerContext, m: SignedMembership, returned: unknown): JsonObject {
  if (typeof returned !== 'object' || returned === null || Array.isArray(returned)) return m.event;
  try {
    return computeEventId(ctx.slots.json, returned as JsonObject, m.rules) === m.eventId ? (returned as JsonObject) : m.event;
  } catch {
    return m.event;
  }
}

/**
 * GET /backfill from the events before our join, placed as history; the oldest events' state comes from
 * GET /state at them. Best effort: a failure leaves the history out, not the join.
 */
async function backfillBefore(ctx: ServerContext, server: string, roomId: string, from: readonly string[]): Promise<number> {
  if (from.length === 0) return 0;
  try {
    const res = await ctx.client.get<{ pdus?: unknown }>(server, path`/_matrix/federation/v1/backfill/${roomId}`, {
      query: { v: from, limit: BACKFILL_LIMIT }, timeoutMs: BACKFILL_TIMEOUT_MS,
    });
    if (!Array.isArray(res?.pdus)) return 0;
    const r = await ctx.engine.acceptHistory(roomId, res.pdus, {
      frontierState: async (eventId) => {
        const s = await ctx.client.get<{ pdus?: unknown; auth_chain?: unknown }>(server, path`/_matrix/federation/v1/state/${roomId}`, {
          query: { event_id: eventId }, timeoutMs: BACKFILL_TIMEOUT_MS,
        });
        if (!Array.isArray(s?.pdus) || !Array.isArray(s?.auth_chain)) return undefined;
        return ctx.engine.acceptStateSnapshot(roomId, s.pdus, s.auth_chain);
      },
    });
    return r.accepted;
  } catch (e) {
    ctx.log(`backfill of ${roomId} from ${server} after joining failed: ${e instanceof Error ? e.message : String(e)}`);
    return 0;
  }
}
