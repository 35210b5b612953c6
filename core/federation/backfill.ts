// GET /_matrix/federation/v1/backfill/{roomId}?v=…&limit= — server-server-api §Backfilling and retrieving
// missing events (GET /backfill)
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { invalidParam, missingParam } from '../matrix/errors.ts';
import { EventStatus, type StoredEvent } from '../slots/store.ts';
import { transactionBytes } from './response-bytes.ts';
import { intParam } from './query-params.ts';
import type { RoomAccess } from './room-access.ts';

/** Synapse asks for 100 and serves at most 100; so do we. */
export const BACKFILL_MAX_LIMIT = 100;

/**
 * The `v` events and the events before them, newest first: a walk of prev_events in depth order (deepest first,
 * then latest received), as Synapse's backfill does, until `limit` events. Rejected events are walked through
 * but not returned; outliers are neither (they are not in the DAG). Events the requester may not see by history
 * visibility are returned redacted (not omitted), so its copy of the DAG stays connected.
 */
export function backfillRoute(ctx: ServerContext, access: RoomAccess): Route {
  return {
    method: 'GET',
    path: '/_matrix/federation/v1/backfill/:roomId',
    auth: 'x-matrix',
    handle(req) {
      const roomId = req.params[0]!;
      const origin = req.origin!;
      const from = req.query().getAll('v');
      if (from.length === 0) throw missingParam('at least one v (event id) is required');
      const limit = intParam(req, 'limit');
      if (limit < 1) throw invalidParam('limit must be at least 1');
      const room = access.room(roomId);
      access.assertAcl(room, origin);
      access.assertInRoom(room, origin);
      const ids = walkBack(ctx, roomId, from, Math.min(limit, BACKFILL_MAX_LIMIT));
      const pdus: Uint8Array[] = [];
      for (const id of ids) {
        const b = access.servedBytes(id, origin);
        if (b !== undefined) pdus.push(b);
      }
      return { raw: transactionBytes(ctx.serverName, Date.now(), pdus) };
    },
  };
}

/** Up to `limit` returnable event ids reached from `from` through prev_events, deepest first. */
export function walkBack(ctx: ServerContext, roomId: string, from: readonly string[], limit: number): string[] {
  const store = ctx.data.store();
  const heap = new DepthHeap();
  const queued = new Set<string>();
  const push = (id: string) => {
    if (queued.has(id)) return;
    queued.add(id);
    const e = store.get(id);
    if (e !== undefined && e.roomId === roomId && e.status !== EventStatus.OUTLIER) heap.push(e);
  };
  for (const id of from) push(id);
  const out: string[] = [];
  // Bound the walk too, not only the output: a long run of rejected events must not make one request unbounded.
  for (let steps = 0; out.length < limit && heap.size > 0 && steps < limit * 10; steps++) {
    const e = heap.pop()!;
    if (e.status !== EventStatus.REJECTED) out.push(e.eventId);
    for (const p of e.prevEvents) push(p);
  }
  return out;
}

/** A max-heap of events by (depth, seq). */
class DepthHeap {
  readonly #a: StoredEvent[] = [];
  get size(): number {
    return this.#a.length;
  }
  static #above(x: StoredEvent, y: StoredEvent): boolean {
    return x.depth > y.depth || (x.depth === y.depth && x.seq > y.seq);
  }
  push(e: StoredEvent): void {
    const a = this.#a;
    a.push(e);
    for (let i = a.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (!DepthHeap.#above(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): StoredEvent | undefined {
    const a = this.#a;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && DepthHeap.#above(a[l]!, a[m]!)) m = l;
        if (r < a.length && DepthHeap.#above(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}
