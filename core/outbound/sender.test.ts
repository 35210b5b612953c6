// The per-destination sender: batching, one transaction in flight, retries with the same txnId, wake-ups,
// permanent refusals, and restoring queued PDUs from journal records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FederationSender, MAX_PDUS_PER_TXN, type Transaction } from './sender.ts';
import { FederationRequestError } from './federation-error.ts';

interface Sent { dest: string; txnId: string; txn: Transaction }

function harness(fail: (s: Sent, n: number) => Error | undefined = () => undefined, opts: { initialBackoffMs?: number } = {}) {
  const sent: Sent[] = [];
  const records: Array<[string, unknown]> = [];
  let inflight = 0;
  let maxInflightPerDest = 0;
  const perDest = new Map<string, number>();
  const sender = new FederationSender({
    origin: 'us.example',
    pdu: (id) => ({ event_id: id }),
    journal: { append: (kind, value) => records.push([kind, value]) },
    initialBackoffMs: opts.initialBackoffMs ?? 20,
    transport: async (dest, txnId, txn) => {
      perDest.set(dest, (perDest.get(dest) ?? 0) + 1);
      maxInflightPerDest = Math.max(maxInflightPerDest, perDest.get(dest)!);
      inflight++;
      await new Promise((r) => setTimeout(r, 5));
      inflight--;
      perDest.set(dest, perDest.get(dest)! - 1);
      const s = { dest, txnId, txn };
      sent.push(s);
      const e = fail(s, sent.length);
      if (e) throw e;
      return {};
    },
  });
  return { sender, sent, records, stats: () => ({ inflight, maxInflightPerDest }) };
}

test('events queued together share transactions of at most 50 PDUs, one in flight per destination, in order', async () => {
  const h = harness();
  for (let i = 0; i < 120; i++) h.sender.queuePdu(`$e${i}`, ['a.example', 'b.example', 'us.example']);
  await h.sender.idle();
  for (const dest of ['a.example', 'b.example']) {
    const txns = h.sent.filter((s) => s.dest === dest);
    assert.deepEqual(txns.map((t) => t.txn.pdus.length), [MAX_PDUS_PER_TXN, MAX_PDUS_PER_TXN, 20]);
    const ids = txns.flatMap((t) => t.txn.pdus.map((p) => (p as { event_id: string }).event_id));
    assert.deepEqual(ids, Array.from({ length: 120 }, (_, i) => `$e${i}`));
    assert.equal(new Set(txns.map((t) => t.txnId)).size, 3, 'a new txnId per transaction');
    assert.ok(txns.every((t) => t.txn.origin === 'us.example'));
  }
  assert.ok(!h.sent.some((s) => s.dest === 'us.example'), 'never to ourselves');
  assert.equal(h.stats().maxInflightPerDest, 1);
});

test('a failed transaction is retried with the same txnId and contents until it succeeds', async () => {
  const h = harness((_s, n) => (n <= 3 ? new Error('connection refused') : undefined));
  h.sender.queuePdu('$x', ['a.example']);
  h.sender.queueEdu('a.example', { edu_type: 'm.typing', content: { typing: true } });
  await h.sender.idle();
  assert.equal(h.sent.length, 4);
  assert.equal(new Set(h.sent.map((s) => s.txnId)).size, 1);
  assert.ok(h.sent.every((s) => JSON.stringify(s.txn) === JSON.stringify(h.sent[0]!.txn)));
  assert.equal(h.sender.status()[0]!.failures, 0);
});

test('wake() ends a long backoff at once', async () => {
  let failing = true;
  const h = harness(() => (failing ? new Error('down') : undefined), { initialBackoffMs: 60_000 });
  h.sender.queuePdu('$x', ['a.example']);
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(h.sent.length, 1);
  assert.ok(h.sender.status()[0]!.retry_in_ms > 30_000);
  failing = false;
  const t0 = Date.now();
  h.sender.wake('a.example');
  await h.sender.idle();
  assert.ok(Date.now() - t0 < 5_000);
  assert.equal(h.sent.length, 2);
  h.sender.close();
});

test('a 400 is permanent: the transaction is dropped and later ones still go', async () => {
  const refusal = new FederationRequestError('PUT a.example: 400', { kind: 'http', destination: 'a.example', method: 'PUT', uri: '/x', status: 400 } as never);
  const h = harness((_s, n) => (n === 1 ? refusal : undefined));
  h.sender.queuePdu('$bad', ['a.example']);
  await h.sender.idle();
  h.sender.queuePdu('$good', ['a.example']);
  await h.sender.idle();
  assert.deepEqual(h.sent.map((s) => (s.txn.pdus[0] as { event_id: string }).event_id), ['$bad', '$good']);
});

test('journal records restore exactly the PDUs not yet delivered', async () => {
  const h = harness((s) => (s.dest === 'b.example' ? new Error('down') : undefined));
  for (let i = 0; i < 60; i++) h.sender.queuePdu(`$e${i}`, ['a.example', 'b.example']);
  await new Promise((r) => setTimeout(r, 200));
  h.sender.close();
  const restored = harness();
  for (const [kind, value] of h.records) restored.sender.restore(kind, value);
  const status = Object.fromEntries(restored.sender.status().map((s) => [s.destination, s.queued_pdus]));
  assert.deepEqual(status, { 'a.example': 0, 'b.example': 60 });
  restored.sender.resume();
  await restored.sender.idle();
  const ids = restored.sent.flatMap((t) => t.txn.pdus.map((p) => (p as { event_id: string }).event_id));
  assert.deepEqual(ids, Array.from({ length: 60 }, (_, i) => `$e${i}`));
});

test('nothing leaves before the journal says it is durable', async () => {
  const sent: string[] = [];
  let release!: () => void;
  const durable = new Promise<void>((r) => (release = r));
  const sender = new FederationSender({
    origin: 'us.example', pdu: (id) => ({ event_id: id }), durable: () => durable,
    transport: async (_d, txnId) => void sent.push(txnId),
  });
  sender.queuePdu('$x', ['a.example']);
  await new Promise((r) => setTimeout(r, 30));
  assert.deepEqual(sent, [], 'held until durable');
  release();
  await sender.idle();
  assert.equal(sent.length, 1);
});
