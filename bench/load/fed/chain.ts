// Setup traffic: a single chain of events (member joins, or messages) built on the room's head, in blocks of
// one transaction per fake server in turn, each event sent by its sender's own server. One transaction is in
// flight at a time: the next block's first event points at this block's last, so the target must have it first
// (sending blocks concurrently would make the target fetch the missing events from us).
import type { FakeServer } from './fake-server.ts';
import type { BuiltEvent, RoomView } from './room-view.ts';
import { settle, settleTimeoutMs } from './settle.ts';
import { buildTxn, checkTxn, PDUS_PER_TXN } from './transactions.ts';

export interface ChainResult {
  readonly sent: number;
  readonly accepted: number;
  readonly errors: number;
  readonly errorSamples: string[];
  readonly txns: number;
  /** Sending and then waiting until the target serves the chain's last event (see settle.ts). */
  readonly ms: number;
  readonly settleMs: number;
}

export type ChainKind = 'join' | 'message';

/** The i-th event of a block from `server`: a new member's join, or a message from one of `members`. */
function blockEvent(view: RoomView, server: FakeServer, kind: ChainKind, members: string[], n: number): BuiltEvent {
  if (kind === 'join') {
    const user = server.newUser('j');
    members.push(user);
    return view.build(server.key, { type: 'm.room.member', sender: user, stateKey: user, content: { membership: 'join' } });
  }
  const sender = members[n % members.length]!;
  return view.build(server.key, { type: 'm.room.message', sender, content: { msgtype: 'm.text', body: messageBody(n) } });
}

/** A message body of ~120 bytes, like a short chat line. */
export function messageBody(n: number): string {
  return `bench message ${n}: the quick brown fox jumps over the lazy dog, then sits down for a short rest by the river.`;
}

/**
 * Sends `count` events as one chain, `PDUS_PER_TXN` per transaction, the servers taking turns (`gated`: each
 * block processed before the next is sent, see protocol.ts). `members` maps a
 * server name to its joined users (grown by joins, read for message senders).
 */
export async function sendChain(view: RoomView, servers: readonly FakeServer[], members: Map<string, string[]>, kind: ChainKind, count: number, gated: boolean): Promise<ChainResult> {
  const t0 = performance.now();
  const samples: string[] = [];
  let sent = 0;
  let accepted = 0;
  let errors = 0;
  let txns = 0;
  for (let block = 0; sent < count; block++) {
    const server = servers[block % servers.length]!;
    const own = members.get(server.name) ?? [];
    members.set(server.name, own);
    const events: BuiltEvent[] = [];
    for (let i = 0; i < PDUS_PER_TXN && sent + i < count; i++) {
      const e = blockEvent(view, server, kind, own, sent + i);
      view.accept(e);
      events.push(e);
    }
    const txn = buildTxn(server, events);
    const c = checkTxn(txn, await server.send(txn.req), samples);
    // Gated: the target only staged them; let it process this block before the next (its queue is small).
    if (gated && c.errors === 0) {
      const g = await settle(server, [view.head.id], settleTimeoutMs(events.length));
      if (g.missing > 0) {
        errors += events.length;
        samples.push(`block ending ${view.head.id} acknowledged but not served (last answer: ${g.last})`);
        break;
      }
    }
    accepted += c.accepted;
    errors += c.errors;
    sent += events.length;
    txns++;
    // A refused block breaks the chain: the rest would only pile up errors.
    if (c.errors > 0) break;
  }
  let settleMs = 0;
  if (errors === 0 && sent > 0) {
    const s = await settle(servers[0]!, [view.head.id], settleTimeoutMs(sent));
    settleMs = s.ms;
    if (s.missing > 0) {
      errors += s.missing;
      samples.push(`the chain's last event ${view.head.id} was acknowledged but not served within ${Math.round(s.ms / 1000)} s (last answer: ${s.last})`);
    }
  }
  return { sent, accepted, errors, errorSamples: samples, txns, ms: performance.now() - t0, settleMs };
}
