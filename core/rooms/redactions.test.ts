// Redactions are applied only when allowed (redact power level, or same server as the target's sender),
// only once both events are present, with the room version's algorithm and `redacts` location.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Outcome } from './outcome.ts';
import { FakeKeys, RemoteServer, localServer } from './testing/harness.ts';
import { RoomEngine } from './room-engine.ts';

const ALICE = '@alice:local.test';
const CAROL = '@carol:local.test';
const BOB = '@bob:remote.test';

async function setup(version: string) {
  const keys = new FakeKeys();
  const local = localServer({ keys });
  const remote = new RemoteServer('remote.test', keys);
  const roomId = await local.engine.createRoom({ creator: ALICE, preset: 'public_chat', roomVersion: version });
  await local.engine.join(roomId, CAROL);
  const join = remote.build(local, roomId, { type: 'm.room.member', stateKey: BOB, sender: BOB, content: { membership: 'join' } });
  assert.equal((await local.engine.receive(roomId, [join.pdu]))[0]!.outcome, Outcome.ACCEPTED);
  return { local, remote, roomId };
}

for (const version of ['10', '11', '12']) {
  describe(`redactions (room v${version})`, () => {
    test('a moderator redacts a remote message: applied with the version algorithm', async () => {
      const { local, remote, roomId } = await setup(version);
      const msg = remote.build(local, roomId, { type: 'm.room.message', sender: BOB, content: { body: 'spam', msgtype: 'm.text' } });
      await local.engine.receive(roomId, [msg.pdu]);
      const before = local.engine.event(msg.eventId)!.pdu;
      const redactionId = await local.engine.redact(roomId, ALICE, msg.eventId, 'spam');
      const redaction = local.engine.event(redactionId)!.pdu;
      if (version === '10') assert.equal(redaction.redacts, msg.eventId);
      else assert.equal(redaction.content['redacts'], msg.eventId);
      const after = local.engine.event(msg.eventId)!.pdu;
      assert.deepEqual(after.content, {});
      assert.deepEqual(after.signatures, before.signatures);
      assert.deepEqual(after.hashes, before.hashes);
      assert.equal(local.store.get(msg.eventId)!.bytes.length < local.store.get(redactionId)!.bytes.length + 200, true);
    });

    test('a powerless user of another server cannot redact; its own server\'s events it can', async () => {
      const { local, remote, roomId } = await setup(version);
      const carolMsg = await local.engine.sendMessage(roomId, CAROL, { body: 'mine' });
      const bobMsg = remote.build(local, roomId, { type: 'm.room.message', sender: BOB, content: { body: 'oops' } });
      await local.engine.receive(roomId, [bobMsg.pdu]);
      const tryCarol = remote.build(local, roomId, { type: 'm.room.redaction', sender: BOB, content: {}, redacts: carolMsg });
      const ownBob = remote.build(local, roomId, { type: 'm.room.redaction', sender: BOB, content: {}, redacts: bobMsg.eventId, prevEvents: [tryCarol.eventId] });
      const results = await local.engine.receive(roomId, [tryCarol.pdu, ownBob.pdu]);
      // Both are authorised (redactions are plain events to the auth rules since v3)…
      assert.deepEqual(results.map((r) => r.outcome), [Outcome.ACCEPTED, Outcome.ACCEPTED]);
      // …but only the one on its own server's event is applied.
      assert.deepEqual(local.engine.event(carolMsg)!.pdu.content, { body: 'mine' });
      assert.deepEqual(local.engine.event(bobMsg.eventId)!.pdu.content, {});
      // A powerless local user may redact a local event of someone else: same server.
      const carolOnAlice = await local.engine.sendMessage(roomId, ALICE, { body: 'alice' });
      await local.engine.redact(roomId, CAROL, carolOnAlice);
      assert.deepEqual(local.engine.event(carolOnAlice)!.pdu.content, {});
    });

    test('a redaction arriving before its target is applied when the target arrives', async () => {
      const { local, remote, roomId } = await setup(version);
      const base = local.engine.room(roomId)!.extremities;
      const target = remote.build(local, roomId, { type: 'm.room.message', sender: BOB, content: { body: 'later' }, prevEvents: base });
      const redaction = await local.engine.redact(roomId, ALICE, target.eventId);
      assert.equal(local.store.has(target.eventId), false);
      const [r] = await local.engine.receive(roomId, [target.pdu]);
      assert.equal(r!.outcome, Outcome.ACCEPTED);
      assert.deepEqual(local.engine.event(target.eventId)!.pdu.content, {});
      assert.ok(local.store.has(redaction));
    });

    test('a redaction waiting for its target still applies after a restart (the waiting list is rebuilt)', async () => {
      const { local, remote, roomId } = await setup(version);
      const base = local.engine.room(roomId)!.extremities;
      const target = remote.build(local, roomId, { type: 'm.room.message', sender: BOB, content: { body: 'later' }, prevEvents: base });
      await local.engine.redact(roomId, ALICE, target.eventId);
      // A new engine over the same data: what a restart gives (its in-memory maps start empty).
      const restarted = new RoomEngine(local.engine.ctx.options);
      const [r] = await restarted.receive(roomId, [target.pdu]);
      assert.equal(r!.outcome, Outcome.ACCEPTED);
      assert.deepEqual(restarted.event(target.eventId)!.pdu.content, {});
    });

    test('a redacted state event keeps the keys its type preserves', async () => {
      const { local, roomId } = await setup(version);
      const jr = await local.engine.sendState(roomId, ALICE, 'm.room.join_rules', '', { join_rule: 'public', extra: 'x' });
      await local.engine.redact(roomId, ALICE, jr);
      assert.deepEqual(local.engine.event(jr)!.pdu.content, { join_rule: 'public' });
    });
  });
}
