// The worker-thread signer in a running server: /send's PDU signatures are checked on its threads (good ones
// accepted, a tampered one dropped), and swapping it out terminates them.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { call } from '../testing/http.ts';
import { sharedRoom, twoServers, type TwoServers } from '../federation/testing/two-servers.ts';

process.env.FLUCTLIGHT_SIGNER_WORKERS = '2';
const threads = () => readdirSync('/proc/self/task').length;

let t: TwoServers;
before(async () => {
  t = await twoServers();
});
after(async () => t.stop());

async function useSigner(impl: string): Promise<void> {
  const r = await call('PUT', `${t.home.adminUrl}/_lab/slots/signer`, { impl });
  assert.equal(r.status, 200, JSON.stringify(r.body));
}

test('node-crypto-workers: PDU signatures checked on two threads; swapped out, the threads end', async () => {
  const before = threads();
  await useSigner('node-crypto-workers');
  assert.ok(threads() >= before + 2, `${threads()} threads, ${before} before the swap`);

  const { roomId, bob } = await sharedRoom(t);
  const msgs = Array.from({ length: 30 }, (_, i) => t.peer.build(t.home.ctx, roomId, { type: 'm.room.message', sender: bob, content: { body: `m${i}` }, depth: 100 + i }));
  const tampered = { ...msgs[7]!.pdu, origin_server_ts: (msgs[7]!.pdu.origin_server_ts as number) + 1 };
  const r = await t.peer.send(t.homeName, [...msgs.map((m) => m.pdu), tampered]);
  assert.equal(r.status, 200);
  for (const m of msgs) assert.deepEqual(r.body.pdus[m.eventId], {}, m.eventId);
  const errors = Object.values(r.body.pdus as Record<string, { error?: string }>).filter((x) => x.error !== undefined);
  assert.equal(errors.length, 1);
  assert.match(errors[0]!.error!, /does not verify/);
  const stats = (await call('GET', `${t.home.adminUrl}/_lab/status`)).body.slots.signer.stats;
  assert.equal(stats.workers, 2);
  assert.ok(stats.verified_on_workers >= 31, JSON.stringify(stats));
  assert.ok(stats.batches >= 1);

  const withWorkers = threads();
  await useSigner('node-crypto');
  const deadline = Date.now() + 5_000;
  while (threads() > withWorkers - 2 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 50));
  assert.ok(threads() <= withWorkers - 2, `${threads()} threads after swapping out, ${withWorkers} with the workers`);
});
