// PUT /send from a fake remote server: good PDUs, idempotency, and every kind of bad input (scenario 5).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import { Agent } from 'undici';
import { call } from '../testing/http.ts';
import { EventStatus } from '../slots/store.ts';
import { roomVersion } from '../matrix/room-versions.ts';
import { sharedRoom, twoServers, type TwoServers } from './testing/two-servers.ts';

let t: TwoServers;
before(async () => {
  t = await twoServers();
});
after(async () => t.stop());

const stored = (id: string) => t.home.ctx.data.store().get(id);
const content = (id: string) => JSON.parse(Buffer.from(t.home.ctx.data.store().bytes(id)!).toString('utf8')).content;
const currentState = (roomId: string, type: string, stateKey = '') => {
  const room = t.home.ctx.engine.room(roomId)!;
  return t.home.ctx.data.store().stateGet(room.currentState, type, stateKey);
};

describe('PUT /send', () => {
  test('accepts good PDUs: state and timeline updated, {} per PDU, PDUs counted, EDUs taken', async () => {
    const { roomId, bob, joinId } = await sharedRoom(t);
    assert.equal(currentState(roomId, 'm.room.member', bob), joinId, 'the join is current state');
    const before = t.home.ctx.metrics.pdus;
    const msg = t.peer.build(t.home.ctx, roomId, { type: 'm.room.message', sender: bob, content: { msgtype: 'm.text', body: 'hi' } });
    const typing = { edu_type: 'm.typing', content: { room_id: roomId, user_id: bob, typing: true } };
    const r = await t.peer.send(t.homeName, [msg.pdu], [typing]);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { pdus: { [msg.eventId]: {} } });
    assert.equal(stored(msg.eventId)?.status, EventStatus.ACCEPTED);
    assert.deepEqual(t.home.ctx.engine.room(roomId)!.extremities, [msg.eventId]);
    assert.equal(t.home.ctx.engine.timeline(roomId).events[0]?.eventId, msg.eventId);
    assert.equal(t.home.ctx.metrics.pdus, before + 1);
    assert.deepEqual(t.home.ctx.edus.typingIn(roomId, Date.now()), [bob]);
  });

  test('a repeated txnId gets the first answer without processing again, even while the first is in flight', async () => {
    const { roomId, bob } = await sharedRoom(t);
    const m1 = t.peer.build(t.home.ctx, roomId, { type: 'm.room.message', sender: bob, content: { body: 'one' } });
    const m2 = t.peer.build(t.home.ctx, roomId, { type: 'm.room.message', sender: bob, content: { body: 'two' }, prevEvents: [m1.eventId], depth: 100 });
    const before = t.home.ctx.metrics.pdus;
    const txnId = 'same-txn';
    const [a, b] = await Promise.all([t.peer.send(t.homeName, [m1.pdu], [], txnId), t.peer.send(t.homeName, [m1.pdu], [], txnId)]);
    assert.deepEqual(a, b);
    assert.deepEqual(a.body, { pdus: { [m1.eventId]: {} } });
    assert.equal(t.home.ctx.metrics.pdus, before + 1, 'processed once');
    // Same txnId, other content: the cached answer, and m2 is not processed.
    const again = await t.peer.send(t.homeName, [m2.pdu], [], txnId);
    assert.deepEqual(again.body, { pdus: { [m1.eventId]: {} } });
    assert.equal(stored(m2.eventId), undefined);
    // A new txnId is processed.
    const fresh = await t.peer.send(t.homeName, [m2.pdu], [], 'other-txn');
    assert.deepEqual(fresh.body, { pdus: { [m2.eventId]: {} } });
  });

  test('PDUs for an unknown room get an error and nothing is stored', async () => {
    const { roomId, bob } = await sharedRoom(t);
    const msg = t.peer.build(t.home.ctx, roomId, { type: 'm.room.message', sender: bob, content: { body: 'x' } });
    const unknown = { ...msg.pdu, room_id: '!AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' };
    const r = await t.peer.send(t.homeName, [unknown]);
    assert.equal(r.status, 200);
    const entries = Object.entries(r.body.pdus) as Array<[string, { error?: string }]>;
    assert.equal(entries.length, 1);
    assert.match(entries[0]![1].error!, /unknown room/);
    assert.equal(stored(entries[0]![0]), undefined);
  });

  test('an origin the room\'s ACL denies: every PDU of that room errors, its typing EDU is dropped', async () => {
    const { roomId, alice, bob } = await sharedRoom(t);
    await t.home.ctx.engine.sendState(roomId, alice, 'm.room.server_acl', '', { allow: ['*'], deny: ['127.0.0.1'] });
    const msg = t.peer.build(t.home.ctx, roomId, { type: 'm.room.message', sender: bob, content: { body: 'denied' } });
    const typing = { edu_type: 'm.typing', content: { room_id: roomId, user_id: bob, typing: true } };
    const r = await t.peer.send(t.homeName, [msg.pdu], [typing]);
    assert.equal(r.status, 200);
    assert.match(r.body.pdus[msg.eventId].error, /server ACL/);
    assert.equal(stored(msg.eventId), undefined);
    assert.deepEqual(t.home.ctx.edus.typingIn(roomId, Date.now()), []);
  });

  test('a body origin other than the authenticated one is 403 M_FORBIDDEN', async () => {
    const r = await t.peer.request(t.homeName, 'PUT', '/_matrix/federation/v1/send/o1', { origin: 'evil.example', origin_server_ts: 1, pdus: [] });
    assert.equal(r.status, 403);
    assert.equal(r.body.errcode, 'M_FORBIDDEN');
  });

  test('malformed transactions are 400 M_BAD_JSON / M_NOT_JSON', async () => {
    const o = t.peer.name;
    const cases: Array<[unknown, string]> = [
      [{ origin: o, origin_server_ts: 1 }, 'pdus missing'],
      [{ origin: o, origin_server_ts: 1, pdus: {} }, 'pdus not a list'],
      [{ origin: o, pdus: [] }, 'origin_server_ts missing'],
      [{ origin_server_ts: 1, pdus: [] }, 'origin missing'],
      [{ origin: o, origin_server_ts: 1, pdus: [1] }, 'a PDU is not an object'],
      [{ origin: o, origin_server_ts: 1, pdus: Array.from({ length: 51 }, () => ({})) }, '51 PDUs'],
      [{ origin: o, origin_server_ts: 1, pdus: [], edus: Array.from({ length: 101 }, () => ({})) }, '101 EDUs'],
      [{ origin: o, origin_server_ts: 1, pdus: [], edus: 'x' }, 'edus not a list'],
    ];
    for (const [body, what] of cases) {
      const r = await t.peer.request(t.homeName, 'PUT', `/_matrix/federation/v1/send/bad-${what.replace(/\W/g, '')}`, body);
      assert.equal(r.status, 400, what);
      assert.equal(r.body.errcode, 'M_BAD_JSON', what);
    }
    // Not JSON is refused before the signature is even looked at.
    const notJson = await call('PUT', `${t.home.fedUrl}/_matrix/federation/v1/send/nj`, '{"origin": ', { authorization: 'X-Matrix origin="x",key="ed25519:a",sig="x"' });
    assert.equal(notJson.status, 400);
    assert.equal(notJson.body.errcode, 'M_NOT_JSON');
    // A float is not a parse error (canonical-JSON rules apply per PDU), so an unsigned body is refused by authentication.
    const float = await call('PUT', `${t.home.fedUrl}/_matrix/federation/v1/send/fl`, '{"origin":"x","origin_server_ts":1.5,"pdus":[]}', { authorization: 'X-Matrix origin="x",key="ed25519:a",sig="x"' });
    assert.equal(float.status, 401);
    assert.equal(float.body.errcode, 'M_UNAUTHORIZED');
  });

  test('a body over 16 MiB is 413 M_TOO_LARGE', async () => {
    const size = 16 * 1024 * 1024 + 1;
    const agent = new Agent({ connect: { rejectUnauthorized: false } });
    try {
      const res = await request(`${t.home.fedUrl}/_matrix/federation/v1/send/big`, {
        method: 'PUT', body: Buffer.alloc(size, 0x20), headers: { 'content-type': 'application/json', 'content-length': String(size) }, dispatcher: agent,
      });
      const body = await res.body.json() as { errcode: string };
      assert.equal(res.statusCode, 413);
      assert.equal(body.errcode, 'M_TOO_LARGE');
    } finally {
      await agent.close();
    }
  });

  test('bad signatures are dropped: an error for the PDU, nothing stored', async () => {
    const { roomId, bob } = await sharedRoom(t);
    const rules = roomVersion('12')!;
    const ok = t.peer.build(t.home.ctx, roomId, { type: 'm.room.message', sender: bob, content: { body: 'x' } });
    // A field the signature covers changed after signing.
    const tampered = { ...ok.pdu, origin_server_ts: (ok.pdu.origin_server_ts as number) + 1 };
    // The signature itself replaced by another valid-looking one.
    const other = t.peer.build(t.home.ctx, roomId, { type: 'm.room.message', sender: bob, content: { body: 'y' } });
    const keyId = t.peer.server.serverKeys.signingKey.keyId;
    const forged = { ...ok.pdu, signatures: { [t.peer.name]: { [keyId]: (other.pdu.signatures as any)[t.peer.name][keyId] } } };
    // Claims to come from a user of another server (home's own), signed only by the peer.
    const impostor = t.peer.sign(rules, { ...ok.pdu, sender: `@alice:${t.homeName}`, signatures: undefined as never });
    const r = await t.peer.send(t.homeName, [tampered, forged, impostor.pdu]);
    assert.equal(r.status, 200);
    const ids = Object.keys(r.body.pdus);
    assert.equal(ids.length, 3);
    for (const id of ids) {
      assert.match(r.body.pdus[id].error, /signature/i, id);
      assert.equal(stored(id), undefined, id);
    }
  });

  test('a bad content hash: accepted, but stored redacted', async () => {
    const { roomId, bob } = await sharedRoom(t);
    const msg = t.peer.build(t.home.ctx, roomId, { type: 'm.room.message', sender: bob, content: { msgtype: 'm.text', body: 'original' } });
    // The content is not covered by the signature (only by the content hash): changing it keeps the event id.
    const altered = { ...msg.pdu, content: { msgtype: 'm.text', body: 'altered' } };
    const r = await t.peer.send(t.homeName, [altered]);
    assert.deepEqual(r.body, { pdus: { [msg.eventId]: {} } });
    assert.equal(stored(msg.eventId)?.status, EventStatus.ACCEPTED);
    assert.deepEqual(content(msg.eventId), {}, 'kept redacted: neither body is stored');
  });

  test('events failing auth are rejected with an error: not in state or timeline', async () => {
    const { roomId, bob } = await sharedRoom(t);
    const nameBefore = currentState(roomId, 'm.room.name');
    // A user who never joined sends a message; a member without power renames the room.
    const mallory = t.peer.user('mallory');
    const stranger = t.peer.build(t.home.ctx, roomId, { type: 'm.room.message', sender: mallory, content: { body: 'let me in' } });
    const rename = t.peer.build(t.home.ctx, roomId, { type: 'm.room.name', stateKey: '', sender: bob, content: { name: 'hijacked' } });
    const r = await t.peer.send(t.homeName, [stranger.pdu, rename.pdu]);
    assert.equal(r.status, 200);
    for (const e of [stranger, rename]) {
      assert.ok(r.body.pdus[e.eventId].error, `${e.eventId} has an error`);
      assert.equal(stored(e.eventId)?.status, EventStatus.REJECTED);
    }
    assert.equal(currentState(roomId, 'm.room.name'), nameBefore);
    const timeline = t.home.ctx.engine.timeline(roomId).events.map((e) => e.eventId);
    assert.ok(!timeline.includes(stranger.eventId) && !timeline.includes(rename.eventId));
  });

  test('a room created elsewhere: its v12 create event (no room_id) goes to the room its hash defines', async () => {
    const pctx = t.peer.server.ctx;
    const dave = pctx.directory.ensureUser(t.peer.user('dave'));
    const roomId = await pctx.engine.createRoom({ creator: dave, preset: 'public_chat', name: 'over there' });
    const room = pctx.engine.room(roomId)!;
    t.home.ctx.engine.registerRoom(roomId, room.version, room.createEventId);
    const events = [...pctx.data.store().roomEvents(roomId)];
    const pdus = events.map((e) => JSON.parse(Buffer.from(e.bytes).toString('utf8')));
    assert.equal(pdus[0].room_id, undefined, 'the v12 create event carries no room_id');
    const r = await t.peer.send(t.homeName, pdus);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.pdus, Object.fromEntries(events.map((e) => [e.eventId, {}])));
    assert.equal(t.home.ctx.engine.room(roomId)!.currentState !== 0, true);
    const nameId = currentState(roomId, 'm.room.name')!;
    assert.equal(content(nameId).name, 'over there');
  });

  test('a malformed PDU in a known room is dropped with an error; others in the transaction still go through', async () => {
    const { roomId, bob } = await sharedRoom(t);
    const good = t.peer.build(t.home.ctx, roomId, { type: 'm.room.message', sender: bob, content: { body: 'fine' } });
    const bad = t.peer.build(t.home.ctx, roomId, { type: 'm.room.message', sender: bob, content: { body: 'bad' } });
    const noDepth = { ...bad.pdu, depth: 'deep' };
    const r = await t.peer.send(t.homeName, [noDepth, good.pdu]);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.pdus[good.eventId], {});
    const errors = Object.entries(r.body.pdus).filter(([, v]) => (v as { error?: string }).error);
    assert.equal(errors.length, 1);
    assert.equal(stored(errors[0]![0]), undefined);
  });
});
