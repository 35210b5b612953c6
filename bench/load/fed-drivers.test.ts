// The federation load generator against a real server (in-process here; the generator is its own process):
// every driver's traffic is accepted, and what it reports matches what the server then holds.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AdminClient } from '../../core/admin/admin-client.ts';
import { startTestServer, type TestServer } from '../../core/testing/test-server.ts';
import { Fleet } from './fed/fleet.ts';

const SERVERS = 3;

describe('federation load generator against a Fluctlight', () => {
  let server: TestServer;
  let fleet: Fleet;
  let admin: AdminClient;
  const room = async (roomId: string) => (await admin.rooms()).find((r) => r.room_id === roomId)!;
  const newRoom = () => admin.createRoom({ creator: `@owner:${server.config.serverName}`, room_version: '12', preset: 'public_chat' });

  before(async () => {
    server = await startTestServer();
    admin = new AdminClient(server.adminUrl);
    fleet = await Fleet.start({ targetOrigin: server.fedUrl, targetName: server.config.serverName, servers: SERVERS, connections: 2, cpus: null });
  });
  after(async () => {
    await fleet?.stop();
    await server?.stop();
  });

  test('fake servers have their own names, and joins over make_join/send_join then /send make members', async () => {
    assert.equal(new Set(fleet.names).size, SERVERS);
    for (const n of fleet.names) assert.match(n, /^127\.0\.0\.1:\d+$/);
    const roomId = await newRoom();
    const first = await fleet.call('join-servers', { roomId });
    assert.equal(first.members, 1 + SERVERS);
    assert.equal(first.roomVersion, '12');
    const bulk = await fleet.call('bulk-join', { roomId, count: 60, gated: false });
    assert.deepEqual([bulk.sent, bulk.accepted, bulk.errors, bulk.txns], [60, 60, 0, 2]);
    assert.equal(bulk.members, 1 + SERVERS + 60);
    const r = await room(roomId);
    assert.equal(r.members, 1 + SERVERS + 60);
    assert.deepEqual(new Set(r.servers), new Set([server.config.serverName, ...fleet.names]));
    // The target fetched each fake server's key from its own key endpoint.
    const stats = await fleet.call('stats', {});
    for (const s of stats.servers) assert.ok(s.keyFetches >= 1, `${s.name} served its key`);

    // Max rate: every PDU accepted, one branch per fake server; then a fixed rate.
    const prepared = await fleet.call('prepare', { roomId, pdus: 300 });
    assert.equal(prepared.pdus, SERVERS * 100);
    const max = await fleet.call('ingest', { rate: null, gated: false });
    assert.deepEqual([max.pdus, max.accepted, max.errors, max.txns], [300, 300, 0, 6]);
    assert.ok(max.pdusPerS > 0 && max.latencyMs.count === 6);
    await fleet.call('prepare', { roomId, pdus: 150 });
    const fixed = await fleet.call('ingest', { rate: 600, gated: false });
    assert.deepEqual([fixed.accepted, fixed.errors, fixed.rate], [150, 0, 600]);
    // Gated (for targets that acknowledge before processing): one transaction at a time, each waited for.
    await fleet.call('prepare', { roomId, pdus: 150 });
    const gated = await fleet.call('ingest', { rate: null, gated: true });
    assert.deepEqual([gated.accepted, gated.errors, gated.txns], [150, 0, 3]);
    // Each event is sent once: a second ingest without prepare is refused.
    await assert.rejects(fleet.call('ingest', { rate: null, gated: false }), /nothing prepared/);
    assert.equal((await room(roomId)).events - r.events, 600);
  });

  test('timed send_joins answer the whole state', async () => {
    const roomId = await newRoom();
    await fleet.call('join-servers', { roomId });
    await fleet.call('bulk-join', { roomId, count: 20, gated: true });
    const t = await fleet.call('timed-joins', { roomId, count: 2 });
    assert.deepEqual(t.stateMembers, [1 + SERVERS + 20, 1 + SERVERS + 21]);
    assert.equal(t.sendJoinMs.length, 2);
    assert.ok(t.responseBytes.every((b) => b > 10_000));
    assert.equal((await room(roomId)).members, 1 + SERVERS + 22);
    assert.deepEqual(t.membersOmitted, [false, false]);
    // Asked for the partial answer: members omitted (the room has no name, so the heroes' stay: at most 5).
    const p = await fleet.call('timed-joins', { roomId, count: 1, omitMembers: true });
    assert.deepEqual(p.membersOmitted, [true]);
    assert.ok(p.stateMembers[0]! <= 5, `${p.stateMembers[0]} members in a partial answer`);
    assert.ok(p.responseBytes[0]! < t.responseBytes[1]!);
    assert.equal((await room(roomId)).members, 1 + SERVERS + 23);
  });

  test('a join storm forks the DAG, and every join lands', async () => {
    const roomId = await newRoom();
    await fleet.call('join-servers', { roomId });
    const s = await fleet.call('join-storm', { roomId, count: 12, concurrency: 4 });
    assert.deepEqual([s.joined, s.errors], [12, 0]);
    assert.equal(s.joinMs.count, 12);
    assert.equal((await room(roomId)).members, 1 + SERVERS + 12);
  });

  test('backfill walks the whole history back to the create event', async () => {
    const roomId = await newRoom();
    await fleet.call('join-servers', { roomId });
    const fill = await fleet.call('fill-messages', { roomId, count: 230, gated: false });
    assert.deepEqual([fill.accepted, fill.errors], [230, 0]);
    const b = await fleet.call('backfill', { roomId, limit: 100 });
    assert.equal(b.unresolved, 0);
    assert.equal(b.events, (await room(roomId)).events);
    assert.ok(b.pages >= 3);
  });
});
