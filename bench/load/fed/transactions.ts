// Transactions (server-server-api §Transactions, PUT /send/{txnId}): pre-signed requests of up to 50 PDUs from
// one fake server, and the check of the answer: every PDU's result must be {} (accepted); anything else counts.
import type { BuiltEvent } from './room-view.ts';
import type { FakeServer, PresignedRequest, Reply } from './fake-server.ts';

export const PDUS_PER_TXN = 50;

export interface Txn {
  readonly server: FakeServer;
  readonly req: PresignedRequest;
  /** Event ids of its PDUs, in order. */
  readonly ids: readonly string[];
}

export interface TxnCheck {
  readonly accepted: number;
  readonly errors: number;
  readonly samples: string[];
}

let txnCounter = 0;

/** A signed PUT /send of these PDUs from `server`, with a fresh transaction id. */
export function buildTxn(server: FakeServer, events: readonly BuiltEvent[]): Txn {
  const txnId = `b${process.pid}.${Date.now()}.${txnCounter++}`;
  const body = { origin: server.name, origin_server_ts: Date.now(), pdus: events.map((e) => e.pdu) };
  return { server, req: server.presign('PUT', `/_matrix/federation/v1/send/${txnId}`, body), ids: events.map((e) => e.eventId) };
}

/** Counts accepted PDUs ({}), and errors: a non-200 answer fails every PDU; a missing or error result fails one. */
export function checkTxn(t: Txn, r: Reply, samples: string[], maxSamples = 10): TxnCheck {
  const note = (s: string) => {
    if (samples.length < maxSamples && !samples.includes(s)) samples.push(s);
  };
  if (r.status !== 200) {
    note(`PUT /send from ${t.server.name}: ${r.status} ${r.body.toString('utf8').slice(0, 200)}`);
    return { accepted: 0, errors: t.ids.length, samples };
  }
  let results: Record<string, Record<string, unknown>>;
  try {
    results = (JSON.parse(r.body.toString('utf8')) as { pdus: Record<string, Record<string, unknown>> }).pdus;
  } catch {
    note(`PUT /send from ${t.server.name}: answer is not JSON with "pdus"`);
    return { accepted: 0, errors: t.ids.length, samples };
  }
  let accepted = 0;
  let errors = 0;
  for (const id of t.ids) {
    const res = results?.[id];
    if (res !== undefined && res !== null && typeof res === 'object' && Object.keys(res).length === 0) accepted++;
    else {
      errors++;
      note(`PDU ${id}: ${res === undefined ? 'no result' : JSON.stringify(res).slice(0, 200)}`);
    }
  }
  return { accepted, errors, samples };
}
