// POST /_matrix/federation/v1/get_missing_events/{roomId} — server-server-api §Backfilling and retrieving
// missing events (POST /get_missing_events)
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { badJson } from '../matrix/errors.ts';
import { EventStatus } from '../slots/store.ts';
import { objectOfArray } from './response-bytes.ts';
import type { RoomAccess } from './room-access.ts';

/** The spec sets no ceiling; Synapse serves at most 20. We serve more to peers of ours that ask for it. */
export const GET_MISSING_MAX_LIMIT = 100;

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * `{events}`: a breadth-first walk of prev_events from `latest_events` (which are not returned themselves),
 * never entering `earliest_events`, skipping events below `min_depth`, until `limit` (default 10); oldest first.
 * Rejected events and outliers are not returned (rejected ones are walked through); events hidden from the
 * requester by history visibility are returned redacted, like /backfill.
 */
export function getMissingEventsRoute(ctx: ServerContext, access: RoomAccess): Route {
  return {
    method: 'POST',
    path: '/_matrix/federation/v1/get_missing_events/:roomId',
    auth: 'x-matrix',
    handle(req) {
      const roomId = req.params[0]!;
      const origin = req.origin!;
      const body = req.json();
      const { earliest_events: earliest, latest_events: latest } = body;
      const limit = body.limit ?? 10;
      const minDepth = body.min_depth ?? 0;
      if (!isStringList(earliest)) throw badJson('earliest_events must be a list of event ids');
      if (!isStringList(latest)) throw badJson('latest_events must be a list of event ids');
      if (!Number.isSafeInteger(limit)) throw badJson('limit must be an integer');
      if (!Number.isSafeInteger(minDepth)) throw badJson('min_depth must be an integer');
      const room = access.room(roomId);
      access.assertAcl(room, origin);
      access.assertInRoom(room, origin);
      const ids = walkMissing(ctx, roomId, earliest, latest, Math.min(limit as number, GET_MISSING_MAX_LIMIT), minDepth as number);
      const events: Uint8Array[] = [];
      for (const id of ids) {
        const b = access.servedBytes(id, origin);
        if (b !== undefined) events.push(b);
      }
      return { raw: objectOfArray('events', events) };
    },
  };
}

/** The walk, as event ids in approximately chronological order (the reverse of the order found). */
export function walkMissing(ctx: ServerContext, roomId: string, earliest: readonly string[], latest: readonly string[], limit: number, minDepth: number): string[] {
  const store = ctx.data.store();
  const seen = new Set<string>(earliest);
  let front = latest.filter((id) => !seen.has(id));
  for (const id of front) seen.add(id);
  const out: string[] = [];
  // Bound the work as well as the output (rejected events are walked but not counted).
  let budget = Math.max(0, limit) * 10;
  while (front.length > 0 && out.length < limit && budget > 0) {
    const next: string[] = [];
    for (const id of front) {
      const e = store.get(id);
      if (e === undefined || e.roomId !== roomId) continue;
      for (const p of e.prevEvents) {
        if (seen.has(p)) continue;
        seen.add(p);
        if (--budget <= 0) break;
        const pe = store.get(p);
        if (pe === undefined || pe.roomId !== roomId || pe.status === EventStatus.OUTLIER || pe.depth < minDepth) continue;
        next.push(p);
        if (pe.status !== EventStatus.REJECTED && out.length < limit) out.push(p);
      }
    }
    front = next;
  }
  return out.reverse();
}
