// Local events: our own events must pass auth (else M_FORBIDDEN, nothing stored); membership changes;
// prev_events capped at 20 most recent extremities; depth.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MatrixError } from '../matrix/errors.ts';
import { Outcome } from './outcome.ts';
import { FakeKeys, RemoteServer, currentContent, localServer } from './testing/harness.ts';
import { MAX_PREV_EVENTS } from './extremities.ts';

const ALICE = '@alice:local.test';
const CAROL = '@carol:local.test';
const forbiddenError = (e: unknown) => e instanceof MatrixError && e.errcode === 'M_FORBIDDEN' && e.status === 403;

for (const version of ['10', '11', '12']) {
  describe(`local events (room v${version})`, () => {
    test('an event our own auth rules refuse is M_FORBIDDEN and not stored', async () => {
      const local = localServer();
      const roomId = await local.engine.createRoom({ creator: ALICE, preset: 'private_chat', roomVersion: version });
      const size = local.store.size;
      const room = local.engine.room(roomId);
      await assert.rejects(local.engine.sendMessage(roomId, CAROL, { body: 'not a member' }), (e: unknown) =>
        forbiddenError(e) && /not joined/.test((e as Error).message));
      await assert.rejects(local.engine.join(roomId, CAROL), forbiddenError); // invite-only
      await assert.rejects(local.engine.sendMessage(roomId, '@mallory:elsewhere.test', { body: 'x' }), forbiddenError);
      assert.equal(local.store.size, size);
      assert.deepEqual(local.engine.room(roomId), room);
    });

    test('invite, join, kick, ban, unban, leave', async () => {
      const local = localServer();
      const roomId = await local.engine.createRoom({ creator: ALICE, preset: 'private_chat', roomVersion: version });
      const membership = () => currentContent(local, roomId, 'm.room.member', CAROL)?.['membership'];
      await local.engine.invite(roomId, ALICE, CAROL);
      assert.equal(membership(), 'invite');
      await local.engine.join(roomId, CAROL, { displayname: 'Carol' });
      assert.equal(membership(), 'join');
      assert.equal(currentContent(local, roomId, 'm.room.member', CAROL)!['displayname'], 'Carol');
      await assert.rejects(local.engine.kick(roomId, CAROL, ALICE), forbiddenError); // power 0 cannot kick
      await local.engine.kick(roomId, ALICE, CAROL, { reason: 'bye' });
      assert.equal(membership(), 'leave');
      await local.engine.ban(roomId, ALICE, CAROL);
      assert.equal(membership(), 'ban');
      await assert.rejects(local.engine.invite(roomId, ALICE, CAROL), forbiddenError); // banned
      await local.engine.unban(roomId, ALICE, CAROL);
      assert.equal(membership(), 'leave');
      await local.engine.invite(roomId, ALICE, CAROL);
      await local.engine.join(roomId, CAROL);
      await local.engine.leave(roomId, CAROL);
      assert.equal(membership(), 'leave');
      await assert.rejects(local.engine.join(roomId, CAROL), forbiddenError);
    });

    test('prev_events: the 20 most recent of many extremities; depth = max prev depth + 1', async () => {
      const keys = new FakeKeys();
      const local = localServer({ keys });
      const remote = new RemoteServer('remote.test', keys);
      const bob = '@bob:remote.test';
      const roomId = await local.engine.createRoom({ creator: ALICE, preset: 'public_chat', roomVersion: version });
      const join = remote.build(local, roomId, { type: 'm.room.member', stateKey: bob, sender: bob, content: { membership: 'join' } });
      await local.engine.receive(roomId, [join.pdu]);
      const base = local.engine.room(roomId)!.extremities;
      const forks = [];
      for (let i = 0; i < 25; i++) {
        forks.push(remote.build(local, roomId, { type: 'm.room.message', sender: bob, content: { i }, prevEvents: base, depth: 100 + i }));
      }
      const results = await local.engine.receive(roomId, forks.map((f) => f.pdu));
      assert.ok(results.every((r) => r.outcome === Outcome.ACCEPTED));
      assert.equal(local.engine.room(roomId)!.extremities.length, 25);
      const id = await local.engine.sendMessage(roomId, ALICE, { body: 'merge' });
      const e = local.store.get(id)!;
      assert.equal(e.prevEvents.length, MAX_PREV_EVENTS);
      assert.deepEqual([...e.prevEvents].sort(), forks.slice(5).map((f) => f.eventId).sort());
      assert.equal(e.depth, 125);
      assert.equal(local.engine.room(roomId)!.extremities.length, 6);
    });
  });
}
