// Waiting until the target has really processed what it acknowledged. Fluctlight answers /send once every PDU is
// checked and durable; Synapse answers first and processes the PDUs afterwards (its inbound staging area), so
// its {} results say nothing yet. An event the target serves back over GET /_matrix/federation/v1/event/{id}
// is processed: polling the last events sent tells when a chain or window is done (near-free for Fluctlight).
import type { FakeServer } from './fake-server.ts';

const enc = encodeURIComponent;
const POLL_MS = 10;

export interface Settled {
  readonly ms: number;
  /** Events still not served when the time ran out. */
  readonly missing: number;
  /** The last refusal seen (status and body start), for the report. */
  readonly last: string;
}

/** Polls until the target serves every one of `eventIds` (in turn), or `timeoutMs` passes. */
export async function settle(server: FakeServer, eventIds: readonly string[], timeoutMs: number): Promise<Settled> {
  const t0 = performance.now();
  let missing = 0;
  let last = '';
  for (const id of eventIds) {
    for (;;) {
      const r = await server.request('GET', `/_matrix/federation/v1/event/${enc(id)}`);
      if (r.status === 200) break;
      last = `${r.status} ${r.body.toString('utf8').slice(0, 160)}`;
      if (performance.now() - t0 > timeoutMs) {
        missing++;
        break;
      }
      await new Promise((res) => setTimeout(res, POLL_MS));
    }
  }
  return { ms: performance.now() - t0, missing, last };
}

/** A generous wait for `events` to be processed: a minute, or 100 ms per event (Synapse does ~40 joins/s). */
export function settleTimeoutMs(events: number): number {
  return Math.max(60_000, events * 100);
}
