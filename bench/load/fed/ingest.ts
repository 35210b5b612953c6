// The measured /send loops. Before the clock starts every transaction is built and signed: each fake server
// continues its own branch of m.room.message events (prev_events = its previous message; the branches start
// together at the room's head, as N servers that have not yet seen each other's latest messages produce).
// Then, one transaction in flight per fake server (server-server-api §Transactions), either as fast as the
// target answers (closed loop) or at a fixed PDU rate (open loop: latency counts from each transaction's
// scheduled send time, so a slow answer delays and charges the transactions queued behind it).
import type { FakeServer } from './fake-server.ts';
import type { BuiltEvent, RoomView } from './room-view.ts';
import { messageBody } from './chain.ts';
import { newHistogram, percentiles, recordMs, type Percentiles } from './histogram.ts';
import type { Settled } from './settle.ts';
import { buildTxn, checkTxn, PDUS_PER_TXN, type Txn } from './transactions.ts';

export interface Branch {
  readonly server: FakeServer;
  readonly senders: readonly string[];
  prev: { id: string; depth: number };
}

export interface IngestSample {
  readonly pdus: number;
  readonly txns: number;
  readonly accepted: number;
  readonly errors: number;
  readonly errorSamples: string[];
  readonly elapsedMs: number;
  readonly pdusPerS: number;
  /** Per transaction: send → whole answer read (closed loop) or scheduled time → answer (fixed rate). */
  readonly latencyMs: Percentiles;
  readonly prebuildMs: number;
  /** Of elapsedMs: waiting after the last answer until the target served every branch's last event. */
  readonly settleMs: number;
  /** Offered PDUs/s (fixed rate), or null. */
  readonly rate: number | null;
}

let messageNo = 0;

/** `perServer` PDUs for every branch, in transactions of PDUS_PER_TXN; yields to the event loop now and then. */
export async function prebuild(view: RoomView, branches: readonly Branch[], perServer: number): Promise<Txn[][]> {
  const out: Txn[][] = [];
  for (const b of branches) {
    const txns: Txn[] = [];
    for (let done = 0; done < perServer; ) {
      const events: BuiltEvent[] = [];
      for (; events.length < PDUS_PER_TXN && done < perServer; done++) {
        const n = messageNo++;
        const e = view.build(b.server.key, { type: 'm.room.message', sender: b.senders[n % b.senders.length]!, content: { msgtype: 'm.text', body: messageBody(n) }, prev: b.prev });
        b.prev = { id: e.eventId, depth: e.depth };
        events.push(e);
      }
      txns.push(buildTxn(b.server, events));
      // Keep answering the target's own transactions to us while we build.
      await new Promise((r) => setImmediate(r));
    }
    out.push(txns);
  }
  return out;
}

export interface RunOptions {
  /** PDUs/s offered (open loop), or null: as fast as the target answers. */
  readonly rate: number | null;
  readonly prebuildMs: number;
  /** Waits until the target has processed everything sent (settle.ts); the clock stops after it. */
  readonly settled: () => Promise<Settled>;
  /**
   * For a target whose answer does not mean "processed" and whose queue is small (Synapse stages what /send
   * hands it and prunes a room's queue at 100 events): after each transaction, wait until its last event is
   * served, one transaction in flight overall; latency then runs to that point. null: no gate.
   */
  readonly gate: ((t: Txn) => Promise<Settled>) | null;
}

/**
 * Sends every server's transactions, one in flight per server (one overall when gated), at `rate` PDUs/s when
 * given. The clock stops once `settled` says the target has processed everything; events it never served count
 * as errors.
 */
export async function runIngest(perServer: readonly Txn[][], o: RunOptions): Promise<IngestSample> {
  const { rate, gate } = o;
  const hist = newHistogram();
  const samples: string[] = [];
  let accepted = 0;
  let errors = 0;
  let pdus = 0;
  let txns = 0;
  const n = perServer.length;
  const first = perServer.find((l) => l.length > 0)?.[0];
  const intervalMs = rate === null || first === undefined ? 0 : (first.ids.length * 1000) / rate;
  const t0 = performance.now();
  /** Transaction i of the interleaved schedule (i = j·n + s: the servers take turns). */
  const one = async (t: Txn, i: number) => {
    const due = rate === null ? performance.now() : t0 + i * intervalMs;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const start = rate === null ? performance.now() : due;
    let c;
    try {
      c = checkTxn(t, await t.server.send(t.req), samples);
      const g = gate === null || c.accepted === 0 ? null : await gate(t);
      if (g !== null && g.missing > 0) {
        c = { accepted: 0, errors: t.ids.length };
        samples.push(`transaction from ${t.server.name} acknowledged but its last event not served (last answer: ${g.last})`);
      }
    } catch (e) {
      if (samples.length < 10) samples.push(`PUT /send from ${t.server.name}: ${(e as Error).message}`);
      c = { accepted: 0, errors: t.ids.length };
    }
    recordMs(hist, performance.now() - start);
    accepted += c.accepted;
    errors += c.errors;
    pdus += t.ids.length;
    txns++;
  };
  if (gate === null) {
    await Promise.all(perServer.map(async (list, s) => {
      for (let j = 0; j < list.length; j++) await one(list[j]!, j * n + s);
    }));
  } else {
    const longest = Math.max(0, ...perServer.map((l) => l.length));
    for (let j = 0; j < longest; j++) {
      for (let s = 0; s < n; s++) if (perServer[s]![j]) await one(perServer[s]![j]!, j * n + s);
    }
  }
  const s = await o.settled();
  if (s.missing > 0) {
    errors += s.missing;
    samples.push(`${s.missing} branch heads acknowledged but not served within ${Math.round(s.ms / 1000)} s (last answer: ${s.last})`);
  }
  // At a fixed rate the window is the schedule's span at least: a server keeping up achieves the offered rate.
  const totalTxns = perServer.reduce((k, l) => k + l.length, 0);
  const elapsedMs = Math.max(performance.now() - t0, rate === null ? 0 : totalTxns * intervalMs);
  return { pdus, txns, accepted, errors, errorSamples: samples, elapsedMs, pdusPerS: accepted / (elapsedMs / 1000), latencyMs: percentiles(hist), prebuildMs: o.prebuildMs, settleMs: s.ms, rate };
}
