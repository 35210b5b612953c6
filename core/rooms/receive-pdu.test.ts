// Receipt checks 1–6 on PDUs from a "remote" server with its own key: drop, redact, reject, soft-fail, outlier.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EventStatus } from '../slots/store.ts';
import { Outcome, pduResult, Stage } from './outcome.ts';
import { FakeKeys, RemoteServer, currentContent, keyFor, localServer, slots } from './testing/harness.ts';
import { signEvent } from '../matrix/event-hash.ts';
import { roomVersion } from '../matrix/room-versions.ts';

const ALICE = '@alice:local.test';
const BOB = '@bob:remote.test';
const EVE = '@eve:remote.test';

async function setup(version: string) {
  const keys = new FakeKeys();
  const local = localServer({ keys });
  const remote = new RemoteServer('remote.test', keys);
  const roomId = await local.engine.createRoom({ creator: ALICE, preset: 'public_chat', roomVersion: version });
  const join = remote.build(local, roomId, { type: 'm.room.member', stateKey: BOB, sender: BOB, content: { membership: 'join' } });
  const [r] = await local.engine.receive(roomId, [join.pdu]);
  assert.equal(r!.outcome, Outcome.ACCEPTED, r!.reason);
  assert.equal(r!.eventId, join.eventId);
  return { local, remote, roomId, keys, bobJoin: join.eventId };
}

for (const version of ['10', '11', '12']) {
  describe(`receiving PDUs (room v${version})`, () => {
    test('a remote join and message are accepted and become the extremity', async () => {
      const { local, remote, roomId } = await setup(version);
      assert.equal(currentContent(local, roomId, 'm.room.member', BOB)!['membership'], 'join');
      const msg = remote.build(local, roomId, { type: 'm.room.message', sender: BOB, content: { body: 'hi', msgtype: 'm.text' } });
      const [r] = await local.engine.receive(roomId, [msg.pdu]);
      assert.deepEqual(r, { eventId: msg.eventId, outcome: Outcome.ACCEPTED });
      assert.deepEqual(pduResult(r!), {});
      assert.deepEqual(local.engine.room(roomId)!.extremities, [msg.eventId]);
      // unsigned is not stored; the stored bytes are the canonical PDU.
      const stored = local.store.get(msg.eventId)!;
      assert.deepEqual(stored.bytes, slots.json.encode(msg.pdu));
      // Received again: a duplicate, nothing changes.
      const [again] = await local.engine.receive(roomId, [{ ...msg.pdu, unsigned: { age: 5 } }]);
      assert.equal(again!.duplicate, true);
      assert.equal(again!.outcome, Outcome.ACCEPTED);
    });

    test('check 1: malformed or oversized PDUs and PDUs of another room are dropped', async () => {
      const { local, remote, roomId } = await setup(version);
      const msg = remote.build(local, roomId, { type: 'm.room.message', sender: BOB, content: { body: 'x'.repeat(70_000) } });
      const float = { ...msg.pdu, content: { n: 1.5 } }; // cannot be signed either: canonical JSON has no floats
      const results = await local.engine.receive(roomId, [msg.pdu, float, { ...msg.pdu, room_id: '!other:remote.test' }, 'nope', { ...msg.pdu, depth: -1 }]);
      for (const r of results) assert.equal(r.outcome, Outcome.DROPPED);
      assert.match(results[0]!.reason!, /65536-byte limit/);
      assert.match(results[1]!.reason!, /1\.5/);
      assert.equal(results[3]!.reason, 'PDU is not a JSON object');
      assert.ok(pduResult(results[0]!).error);
      assert.equal(local.store.has(msg.eventId), false);
      const unknown = await local.engine.receive('!nowhere:local.test', [msg.pdu]);
      assert.equal(unknown[0]!.outcome, Outcome.DROPPED);
    });

    test('check 2: a bad or unverifiable signature is dropped', async () => {
      const { local, remote, roomId } = await setup(version);
      const msg = remote.build(local, roomId, { type: 'm.room.message', sender: BOB, content: { body: 'hi' } });
      const tampered = { ...msg.pdu, origin_server_ts: (msg.pdu['origin_server_ts'] as number) + 1 };
      const forger = { ...keyFor('remote.test'), seed: new Uint8Array(32).fill(7) }; // same key id, other key
      const forged = signEvent(slots.json, slots.signer, { ...msg.pdu, signatures: {} }, roomVersion(version)!.redaction, forger);
      const unknownKey = signEvent(slots.json, slots.signer, { ...msg.pdu, signatures: {} }, roomVersion(version)!.redaction, { ...forger, keyId: 'ed25519:gone' });
      const unsigned = { ...msg.pdu, signatures: {} };
      const results = await local.engine.receive(roomId, [tampered, forged, unknownKey, unsigned]);
      assert.deepEqual(results.map((r) => r.outcome), [Outcome.DROPPED, Outcome.DROPPED, Outcome.DROPPED, Outcome.DROPPED]);
      assert.match(results[0]!.reason!, /does not verify/);
      assert.match(results[2]!.reason!, /no valid key/);
      assert.match(results[3]!.reason!, /no signature from remote\.test/);
      assert.equal(local.store.has(msg.eventId), false);
    });

    test('check 3: a content hash mismatch keeps the redacted form', async () => {
      const { local, remote, roomId } = await setup(version);
      const msg = remote.build(local, roomId, { type: 'm.room.message', sender: BOB, content: { body: 'original' } });
      // The content is not covered by the signature (redacted away), only by the content hash.
      const altered = { ...msg.pdu, content: { body: 'altered' } };
      const [r] = await local.engine.receive(roomId, [altered]);
      assert.equal(r!.eventId, msg.eventId);
      assert.equal(r!.outcome, Outcome.ACCEPTED);
      assert.equal(r!.redactedOnReceipt, true);
      assert.deepEqual(local.engine.event(msg.eventId)!.pdu.content, {});
    });

    test('check 4: a non-member message and a power-level escalation are rejected, stored, never state', async () => {
      const { local, remote, roomId } = await setup(version);
      const before = local.engine.room(roomId)!;
      const eve = remote.build(local, roomId, { type: 'm.room.message', sender: EVE, content: { body: 'let me in' } });
      const pl = currentContent(local, roomId, 'm.room.power_levels')!;
      const escalate = remote.build(local, roomId, {
        type: 'm.room.power_levels', stateKey: '', sender: BOB,
        content: { ...pl, users: { ...(pl['users'] as object), [BOB]: 100 } },
      });
      const results = await local.engine.receive(roomId, [eve.pdu, escalate.pdu]);
      for (const r of results) {
        assert.equal(r.outcome, Outcome.REJECTED);
        assert.ok(r.reason!.startsWith(Stage.AUTH_EVENTS), r.reason);
        assert.ok(pduResult(r).error);
      }
      assert.match(results[0]!.reason!, /not joined/);
      assert.equal(local.store.get(escalate.eventId)!.status, EventStatus.REJECTED);
      const after = local.engine.room(roomId)!;
      assert.deepEqual(after.extremities, before.extremities);
      assert.equal(after.currentState, before.currentState);
      // Stored, so a second receipt is answered from the store.
      const [again] = await local.engine.receive(roomId, [escalate.pdu]);
      assert.equal(again!.duplicate, true);
      assert.equal(again!.outcome, Outcome.REJECTED);
    });

    test('check 5: valid by its auth events but not by the state before it → rejected', async () => {
      const { local, remote, roomId, bobJoin } = await setup(version);
      const oldAuth = local.store.get(bobJoin)!.authEvents.filter((id) => local.store.get(id)!.type !== 'm.room.join_rules');
      await local.engine.ban(roomId, ALICE, BOB);
      // Cites the old membership as its auth event, but its prev event is the ban.
      const msg = remote.build(local, roomId, { type: 'm.room.message', sender: BOB, content: { body: 'still here' }, authEvents: [...oldAuth, bobJoin] });
      const [r] = await local.engine.receive(roomId, [msg.pdu]);
      assert.equal(r!.outcome, Outcome.REJECTED);
      assert.ok(r!.reason!.startsWith(Stage.STATE_BEFORE), r!.reason);
    });

    test('check 6: valid at its prev events but the sender was banned meanwhile → soft-failed', async () => {
      const { local, remote, roomId, bobJoin } = await setup(version);
      const prev = local.engine.room(roomId)!.extremities;
      const auth = remote.build(local, roomId, { type: 'm.room.message', sender: BOB, content: {} }).pdu['auth_events'] as string[];
      const banId = await local.engine.ban(roomId, ALICE, BOB);
      const msg = remote.build(local, roomId, { type: 'm.room.message', sender: BOB, content: { body: 'sneaky' }, prevEvents: prev, authEvents: auth });
      assert.ok(auth.includes(bobJoin));
      const [r] = await local.engine.receive(roomId, [msg.pdu]);
      assert.equal(r!.outcome, Outcome.SOFT_FAILED, r!.reason);
      assert.ok(r!.reason!.startsWith(Stage.CURRENT_STATE));
      assert.deepEqual(pduResult(r!), {});
      assert.deepEqual(local.engine.room(roomId)!.extremities, [banId]);
      assert.equal(local.engine.timeline(roomId).events.some((e) => e.eventId === msg.eventId), false);
    });

    test('unknown prev events without fetchMissing → an outlier with a reason, placed when they arrive', async () => {
      const { local, remote, roomId } = await setup(version);
      const a = remote.build(local, roomId, { type: 'm.room.message', sender: BOB, content: { body: 'a' } });
      const b = remote.build(local, roomId, { type: 'm.room.message', sender: BOB, content: { body: 'b' }, prevEvents: [a.eventId] });
      const stateBefore = local.engine.room(roomId)!.currentState;
      const [rb] = await local.engine.receive(roomId, [b.pdu]);
      assert.equal(rb!.outcome, Outcome.OUTLIER);
      assert.equal(rb!.reason, Stage.AWAITING_PREV + a.eventId);
      assert.equal(local.store.get(b.eventId)!.status, EventStatus.OUTLIER);
      assert.equal(local.engine.room(roomId)!.currentState, stateBefore);
      assert.notDeepEqual(local.engine.room(roomId)!.extremities, [b.eventId]);
      const [ra] = await local.engine.receive(roomId, [a.pdu]);
      assert.equal(ra!.outcome, Outcome.ACCEPTED);
      assert.equal(local.store.get(b.eventId)!.status, EventStatus.ACCEPTED);
      assert.deepEqual(local.engine.room(roomId)!.extremities, [b.eventId]);
    });

    test('fetchMissing supplies unknown prev and auth events', async () => {
      const keys = new FakeKeys();
      const held = new Map<string, unknown>();
      const asked: string[][] = [];
      const local = localServer({ keys, fetchMissing: async (_room, ids) => { asked.push([...ids]); return ids.map((id) => held.get(id)).filter((p) => p !== undefined); } });
      const remote = new RemoteServer('remote.test', keys);
      const roomId = await local.engine.createRoom({ creator: ALICE, preset: 'public_chat', roomVersion: version });
      const join = remote.build(local, roomId, { type: 'm.room.member', stateKey: BOB, sender: BOB, content: { membership: 'join' } });
      const msg = remote.build(local, roomId, {
        type: 'm.room.message', sender: BOB, content: { body: 'after join' }, prevEvents: [join.eventId],
        authEvents: [...(join.pdu['auth_events'] as string[]).filter((id) => local.store.get(id)!.type !== 'm.room.join_rules'), join.eventId],
      });
      held.set(join.eventId, join.pdu);
      const [r] = await local.engine.receive(roomId, [msg.pdu]);
      assert.equal(r!.outcome, Outcome.ACCEPTED, r!.reason);
      assert.deepEqual(asked, [[join.eventId]]);
      assert.equal(local.store.get(join.eventId)!.status, EventStatus.ACCEPTED);
      assert.deepEqual(local.engine.room(roomId)!.extremities, [msg.eventId]);
    });

    test('a second create event for the room is rejected (v12: it defines another room, dropped)', async () => {
      const { local, roomId, keys } = await setup(version);
      const home = new RemoteServer('local.test', keys); // the room's own server, signing with our key
      const content: Record<string, unknown> = { room_version: version, ...(version === '10' ? { creator: ALICE } : {}) };
      const pdu: Record<string, unknown> = {
        type: 'm.room.create', state_key: '', sender: ALICE, content, prev_events: [], auth_events: [], depth: 1, origin_server_ts: 1,
      };
      if (version !== '12') pdu['room_id'] = roomId;
      const create = home.sign(roomVersion(version)!, pdu);
      const before = local.engine.room(roomId)!;
      const [r] = await local.engine.receive(roomId, [create.pdu]);
      assert.equal(r!.outcome, version === '12' ? Outcome.DROPPED : Outcome.REJECTED, r!.reason);
      assert.deepEqual(local.engine.room(roomId), before);
    });

    test('missing auth events that cannot be fetched → an outlier awaiting them', async () => {
      const { local, remote, roomId } = await setup(version);
      const ghost = '$' + 'A'.repeat(43);
      const msg = remote.build(local, roomId, { type: 'm.room.message', sender: BOB, content: {} });
      const withGhost = remote.sign(roomVersion(version)!, { ...msg.pdu, auth_events: [...(msg.pdu['auth_events'] as string[]), ghost], signatures: {} });
      const [r] = await local.engine.receive(roomId, [withGhost.pdu]);
      assert.equal(r!.outcome, Outcome.OUTLIER);
      assert.equal(r!.reason, Stage.AWAITING_AUTH + ghost);
    });
  });
}
