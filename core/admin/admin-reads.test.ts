// The /_admin API's reading calls on an in-process server: room list, current state, the paged timeline,
// events with their status (accepted, rejected, soft-failed, outlier — the last three made by crafting PDUs
// and feeding them to the engine as a peer would), and pending invites (local and received over federation).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { call } from '../testing/http.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { AdminClient } from './admin-client.ts';
import { craftPdu } from './craft.test-support.ts';

const SERVER = 'reads.test';
const alice = `@alice:${SERVER}`;
const bob = `@bob:${SERVER}`;
const enc = encodeURIComponent;

let s: TestServer;
let admin: AdminClient;
let roomId: string;
before(async () => {
  s = await startTestServer(['--server-name', SERVER]);
  admin = new AdminClient(s.adminUrl);
  roomId = await admin.createRoom({ creator: alice, room_version: '11' });
  await admin.join(roomId, bob);
});
after(async () => s.stop());

const get = (path: string) => call('GET', `${s.adminUrl}${path}`);

describe('GET /_admin/rooms/{roomId}/messages', () => {
  test('newest first, paged by `next` without gaps or repeats, null at the start of the room', async () => {
    const sent: string[] = [];
    for (let i = 0; i < 25; i++) sent.push(await admin.send(roomId, i % 2 ? alice : bob, `m${i}`));
    const seen: string[] = [];
    let from: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await admin.messages(roomId, { limit: 10, ...(from === undefined ? {} : { from }) });
      pages++;
      assert.ok(page.events.length <= 10);
      seen.push(...page.events.map((e) => e.event_id));
      if (page.next === null) break;
      assert.equal(typeof page.next, 'string');
      from = page.next;
    }
    assert.equal(new Set(seen).size, seen.length, 'no event twice');
    assert.deepEqual(seen.slice(0, 25), [...sent].reverse(), 'the 25 messages, newest first');
    const all = (await admin.rooms()).find((r) => r.room_id === roomId)!.events;
    assert.equal(seen.length, all, 'every (accepted) event of the room, down to the create event');
    assert.equal((await admin.event(seen.at(-1)!)).pdu.type, 'm.room.create');
    assert.ok(pages >= 3);
    const dflt = await admin.messages(roomId);
    assert.equal(dflt.events.length, 20, 'default limit 20');
  });

  test('bad limit or from → 400 M_INVALID_PARAM; unknown room → 404', async () => {
    for (const q of ['limit=0', 'limit=-1', 'limit=ten', 'from=x', 'from=1.5']) {
      const r = await get(`/_admin/rooms/${enc(roomId)}/messages?${q}`);
      assert.equal(r.status, 400, q);
      assert.equal(r.body.errcode, 'M_INVALID_PARAM', q);
    }
    assert.equal((await get(`/_admin/rooms/${enc('!x:' + SERVER)}/messages`)).body.errcode, 'M_NOT_FOUND');
  });
});

describe('GET /_admin/rooms and /state', () => {
  test('the list counts joined members, names their servers and counts stored events', async () => {
    const listed = (await admin.rooms()).find((r) => r.room_id === roomId)!;
    assert.equal(listed.members, 2);
    assert.deepEqual(listed.servers, [SERVER]);
    assert.equal(listed.events, s.ctx.data.store().roomEventCount(roomId));
    assert.equal(listed.room_version, '11');
  });

  test('state: one event per (type, state_key), each the PDU we store plus its event_id', async () => {
    const state = await admin.state(roomId);
    const keys = state.map((e) => `${e.type}|${e.state_key}`);
    assert.equal(new Set(keys).size, keys.length);
    assert.ok(keys.includes(`m.room.member|${bob}`));
    for (const e of state) {
      const stored = JSON.parse(Buffer.from(s.ctx.data.store().bytes(e.event_id)!).toString('utf8'));
      const { event_id: _id, ...pdu } = e;
      assert.deepEqual(pdu, stored);
    }
    assert.equal((await get(`/_admin/rooms/${enc('!x:' + SERVER)}/state`)).status, 404);
  });
});

describe('GET /_admin/events/{eventId}', () => {
  test('accepted: status, no reason, the PDU', async () => {
    const id = await admin.send(roomId, bob, 'plain');
    const e = await admin.event(id);
    assert.deepEqual({ ...e, pdu: undefined }, { event_id: id, room_id: roomId, status: 'accepted', reason: null, pdu: undefined });
    assert.equal(e.pdu.content.body, 'plain');
  });

  test('rejected (sender not in the room), soft-failed (sender banned since), outlier (unknown prev events), with reasons', async () => {
    const key = s.serverKeys.signingKey;
    // Rejected: check 4 — the sender has no membership.
    const mallory = craftPdu(s.ctx, roomId, { type: 'm.room.message', sender: `@mallory:${SERVER}`, content: { body: 'x' } }, key);
    // Soft-failed: carol joins; her message is built on the state before her ban, which arrives first.
    const carol = `@carol:${SERVER}`;
    await admin.join(roomId, carol);
    const joinId = (await admin.stateEvent(roomId, 'm.room.member', carol))!.event_id;
    const late = craftPdu(s.ctx, roomId, { type: 'm.room.message', sender: carol, content: { body: 'late' } }, key);
    await admin.ban(roomId, alice, carol);
    // Outlier: its prev event is unknown and nobody can give it to us.
    const orphan = craftPdu(s.ctx, roomId, { type: 'm.room.message', sender: bob, content: { body: '?' }, prevEvents: ['$' + 'B'.repeat(43)] }, key);
    const results = await s.ctx.engine.receive(roomId, [mallory.pdu, late.pdu, orphan.pdu]);
    assert.deepEqual(results.map((r) => r.outcome), ['rejected', 'soft_failed', 'outlier']);
    assert.ok(late.pdu['prev_events'] !== undefined && (late.pdu['prev_events'] as string[]).includes(joinId));

    const rejected = await admin.event(mallory.eventId);
    assert.equal(rejected.status, 'rejected');
    assert.match(rejected.reason!, /^auth_events: /);
    const soft = await admin.event(late.eventId);
    assert.equal(soft.status, 'soft_failed');
    assert.match(soft.reason!, /^current_state: /);
    const outlier = await admin.event(orphan.eventId);
    assert.equal(outlier.status, 'outlier');
    assert.match(outlier.reason!, /^awaiting prev events: /);
    // None of them is in the timeline.
    const timeline = (await admin.messages(roomId, { limit: 50 })).events.map((e) => e.event_id);
    for (const id of [mallory.eventId, late.eventId, orphan.eventId]) assert.ok(!timeline.includes(id), id);
  });

  test('unknown event → 404 M_NOT_FOUND', async () => {
    const r = await get(`/_admin/events/${enc('$' + 'C'.repeat(43))}`);
    assert.equal(r.status, 404);
    assert.equal(r.body.errcode, 'M_NOT_FOUND');
  });
});

describe('GET /_admin/invites', () => {
  test('invites received over federation (the directory) and in rooms we hold; errors for missing or foreign users', async () => {
    const dora = `@dora:${SERVER}`;
    const remoteRoom = '!remote:elsewhere.example';
    s.ctx.directory.addInvite(dora, {
      room_id: remoteRoom, event_id: '$' + 'D'.repeat(43), sender: '@zed:elsewhere.example', room_version: '10',
      event: { type: 'm.room.member' }, invite_room_state: [{ type: 'm.room.name', content: { name: 'There' } }], received_ts: 1,
    });
    const local = await admin.invite(roomId, alice, dora);
    const invites = await admin.invites(dora);
    assert.deepEqual(invites.map((i) => i.room_id).sort(), [remoteRoom, roomId].sort());
    const fromDirectory = invites.find((i) => i.room_id === remoteRoom)!;
    assert.equal(fromDirectory.sender, '@zed:elsewhere.example');
    assert.deepEqual(fromDirectory.invite_room_state, [{ type: 'm.room.name', content: { name: 'There' } }]);
    assert.equal(invites.find((i) => i.room_id === roomId)!.event_id, local);

    const missing = await get('/_admin/invites');
    assert.equal(missing.status, 400);
    assert.equal(missing.body.errcode, 'M_MISSING_PARAM');
    const foreign = await get(`/_admin/invites?user=${enc('@x:elsewhere.example')}`);
    assert.equal(foreign.status, 400);
    assert.equal(foreign.body.errcode, 'M_INVALID_PARAM');
  });
});
