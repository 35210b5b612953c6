// Backfilling a whole room the way a joining server pages back through history (server-server-api §Backfilling
// and retrieving missing events, GET /backfill): start from the head; each next page asks `v` = the prev_events
// the pages so far named but did not contain; stop when nothing is missing (the create event has none).
import type { JsonObject } from '../../../core/matrix/signing.ts';
import type { FakeServer } from './fake-server.ts';
import { newHistogram, percentiles, recordMs, type Percentiles } from './histogram.ts';
import { failure } from './joins.ts';
import type { RoomView } from './room-view.ts';

const enc = encodeURIComponent;

export interface BackfillResult {
  readonly events: number;
  readonly pages: number;
  /** Wall time of the whole walk, the client's own parsing and event-id hashing included. */
  readonly wallMs: number;
  /** Sum over pages of request → last byte of the answer (the server's share). */
  readonly serverMs: number;
  readonly bytes: number;
  readonly pageMs: Percentiles;
  /** prev_events still missing when a page came back empty (0 for a complete walk). */
  readonly unresolved: number;
}

export async function backfillAll(server: FakeServer, view: RoomView, limit: number): Promise<BackfillResult> {
  const fetched = new Set<string>();
  const hist = newHistogram();
  let frontier = [view.head.id];
  let pages = 0;
  let serverMs = 0;
  let bytes = 0;
  const t0 = performance.now();
  while (frontier.length > 0) {
    const uri = `/_matrix/federation/v1/backfill/${enc(view.roomId)}?${frontier.map((v) => `v=${enc(v)}`).join('&')}&limit=${limit}`;
    const req = server.presign('GET', uri);
    const s = performance.now();
    const r = await server.send(req);
    const ms = performance.now() - s;
    if (r.status !== 200) throw failure(`backfill page ${pages + 1}`, r);
    recordMs(hist, ms);
    serverMs += ms;
    bytes += r.body.length;
    pages++;
    const pdus = (JSON.parse(r.body.toString('utf8')) as { pdus: JsonObject[] }).pdus;
    const named: string[] = [];
    let fresh = 0;
    for (const p of pdus) {
      const id = view.eventId(p);
      if (!fetched.has(id)) fresh++;
      fetched.add(id);
      for (const prev of p.prev_events as string[]) named.push(prev);
    }
    const next = [...new Set([...named, ...frontier])].filter((id) => !fetched.has(id));
    if (fresh === 0) return { events: fetched.size, pages, wallMs: performance.now() - t0, serverMs, bytes, pageMs: percentiles(hist), unresolved: next.length };
    frontier = next;
  }
  return { events: fetched.size, pages, wallMs: performance.now() - t0, serverMs, bytes, pageMs: percentiles(hist), unresolved: 0 };
}
