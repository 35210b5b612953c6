// The state at every event: a chain (structure shared, messages add no states), forks resolved by state
// resolution, merges, and the same events in different arrival orders giving the same final state.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY_STATE, EventStatus } from '../slots/store.ts';
import { Outcome } from './outcome.ts';
import { FakeKeys, RemoteServer, currentContent, localServer, stateMap, type LocalServer } from './testing/harness.ts';

const ALICE = '@alice:local.test';
const BOB = '@bob:remote.test';

/** Alice's room with Bob (remote) joined and given power 50, so both may set the topic. */
async function roomWithBob(version: string, local: LocalServer, remote: RemoteServer) {
  const roomId = await local.engine.createRoom({ creator: ALICE, preset: 'public_chat', roomVersion: version });
  const join = remote.build(local, roomId, { type: 'm.room.member', stateKey: BOB, sender: BOB, content: { membership: 'join' } });
  assert.equal((await local.engine.receive(roomId, [join.pdu]))[0]!.outcome, Outcome.ACCEPTED);
  const pl = currentContent(local, roomId, 'm.room.power_levels')!;
  await local.engine.sendState(roomId, ALICE, 'm.room.power_levels', '', { ...pl, users: { ...(pl['users'] as object), [BOB]: 50 } });
  return roomId;
}

for (const version of ['10', '11', '12']) {
  describe(`state at events (room v${version})`, () => {
    test('a chain: the state before each event is the replay of the chain before it', async () => {
      const local = localServer();
      const roomId = await local.engine.createRoom({ creator: ALICE, preset: 'private_chat', roomVersion: version, name: 'n' });
      await local.engine.sendMessage(roomId, ALICE, { body: '1' });
      await local.engine.sendState(roomId, ALICE, 'm.room.topic', '', { topic: 't1' });
      await local.engine.invite(roomId, ALICE, '@carol:local.test');
      await local.engine.join(roomId, '@carol:local.test');
      await local.engine.sendMessage(roomId, '@carol:local.test', { body: '2' });
      await local.engine.sendState(roomId, ALICE, 'm.room.topic', '', { topic: 't2' });

      const expected = new Map<string, string>();
      for (const e of local.store.roomEvents(roomId)) {
        assert.equal(e.status, EventStatus.ACCEPTED);
        assert.deepEqual(stateMap(local, local.engine.stateId(e.eventId, 'before')), expected, `before ${e.type}`);
        if (e.stateKey !== null) expected.set(`${e.type}|${e.stateKey}`, e.eventId);
        assert.deepEqual(stateMap(local, local.engine.stateId(e.eventId, 'after')), expected, `after ${e.type}`);
      }
      assert.deepEqual(stateMap(local, local.engine.currentStateId(roomId)), expected);
      assert.equal(currentContent(local, roomId, 'm.room.topic')!['topic'], 't2');
    });

    test('structure is shared: a message adds no state, its child starts from its state', async () => {
      const local = localServer();
      const roomId = await local.engine.createRoom({ creator: ALICE, roomVersion: version });
      const states = local.store.stateCount;
      const m1 = await local.engine.sendMessage(roomId, ALICE, { body: '1' });
      const m2 = await local.engine.sendMessage(roomId, ALICE, { body: '2' });
      assert.equal(local.store.stateCount, states);
      assert.equal(local.engine.stateId(m1, 'after'), local.engine.stateId(m2, 'before'));
      const t = await local.engine.sendState(roomId, ALICE, 'm.room.topic', '', { topic: 't' });
      const m3 = await local.engine.sendMessage(roomId, ALICE, { body: '3' });
      assert.equal(local.store.stateCount, states + 1); // the state after the topic, shared by m3 and the room
      assert.equal(local.engine.stateId(t, 'after'), local.engine.stateId(m3, 'before'));
      assert.equal(local.engine.currentStateId(roomId), local.engine.stateId(m3, 'before'));
      assert.notEqual(local.engine.stateId(t, 'before'), EMPTY_STATE);
    });

    for (const remoteLater of [true, false]) {
      test(`a fork of two topic changes is resolved (the ${remoteLater ? 'remote' : 'local'} one is later) and merged`, async () => {
        const keys = new FakeKeys();
        const local = localServer({ keys });
        const remote = new RemoteServer('remote.test', keys);
        const roomId = await roomWithBob(version, local, remote);
        const fork = local.engine.room(roomId)!.extremities;
        // Bob's topic, built on the same prev events as Alice's next one (concurrent).
        const localTs = local.engine.ctx.now() + 10;
        const bobTopic = remote.build(local, roomId, {
          type: 'm.room.topic', stateKey: '', sender: BOB, content: { topic: 'bob' }, ts: remoteLater ? localTs + 1000 : localTs - 1000,
        });
        const aliceTopic = await local.engine.sendState(roomId, ALICE, 'm.room.topic', '', { topic: 'alice' });
        assert.deepEqual(local.store.get(aliceTopic)!.prevEvents, fork);
        const [r] = await local.engine.receive(roomId, [bobTopic.pdu]);
        assert.equal(r!.outcome, Outcome.ACCEPTED, r!.reason);

        const room = local.engine.room(roomId)!;
        assert.deepEqual([...room.extremities].sort(), [aliceTopic, bobTopic.eventId].sort());
        // Same power-level event on both sides: mainline order ties, so the later origin_server_ts wins.
        assert.equal(currentContent(local, roomId, 'm.room.topic')!['topic'], remoteLater ? 'bob' : 'alice');

        // The next local event merges the fork: its state before is the resolved state.
        const merge = await local.engine.sendMessage(roomId, ALICE, { body: 'merge' });
        assert.deepEqual([...local.store.get(merge)!.prevEvents].sort(), [aliceTopic, bobTopic.eventId].sort());
        assert.equal(local.engine.stateId(merge, 'before'), room.currentState);
        assert.deepEqual(local.engine.room(roomId)!.extremities, [merge]);
      });
    }

    test('the same events in different arrival orders give the same final state', async () => {
      const keys = new FakeKeys();
      const origin = localServer({ keys });
      const remote = new RemoteServer('remote.test', keys);
      const roomId = await roomWithBob(version, origin, remote);
      // A DAG with two forks: concurrent topics and names from both servers, then a merge and more messages.
      const base = origin.engine.room(roomId)!.extremities;
      const bobTopic = remote.build(origin, roomId, { type: 'm.room.topic', stateKey: '', sender: BOB, content: { topic: 'bob' } });
      const bobName = remote.build(origin, roomId, { type: 'm.room.name', stateKey: '', sender: BOB, content: { name: 'bob' }, prevEvents: [bobTopic.eventId] });
      await origin.engine.sendState(roomId, ALICE, 'm.room.topic', '', { topic: 'alice' });
      await origin.engine.sendState(roomId, ALICE, 'm.room.name', '', { name: 'alice' });
      assert.equal((await origin.engine.receive(roomId, [bobTopic.pdu, bobName.pdu])).every((r) => r.outcome === Outcome.ACCEPTED), true);
      assert.equal(origin.engine.room(roomId)!.extremities.length, 2);
      await origin.engine.sendMessage(roomId, ALICE, { body: 'merged' });
      const bobMsg = remote.build(origin, roomId, { type: 'm.room.message', sender: BOB, content: { body: 'late' }, prevEvents: base });
      await origin.engine.receive(roomId, [bobMsg.pdu]);
      await origin.engine.sendState(roomId, ALICE, 'm.room.topic', '', { topic: 'final' });
      const expected = stateMap(origin, origin.engine.currentStateId(roomId));
      const expectedExtremities = [...origin.engine.room(roomId)!.extremities].sort();
      const all = [...origin.store.roomEvents(roomId)];
      const pdus = all.map((e) => JSON.parse(Buffer.from(e.bytes).toString('utf8')) as unknown);

      let seed = 12345;
      const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const orders = [pdus.map((_, i) => i), pdus.map((_, i) => pdus.length - 1 - i)];
      for (let k = 0; k < 4; k++) orders.push(pdus.map((_, i) => i).sort(() => random() - 0.5));
      for (const order of orders) {
        const other = localServer({ keys, name: 'other.test' });
        const createId = origin.engine.room(roomId)!.createEventId;
        other.engine.registerRoom(roomId, version, createId);
        const outcomes = [];
        for (const i of order) outcomes.push((await other.engine.receive(roomId, [pdus[i]]))[0]!.outcome);
        if (order[0] !== 0) assert.equal(outcomes[0], Outcome.OUTLIER); // arrived before the create event
        for (const e of all) assert.equal(other.store.get(e.eventId)!.status, e.status, `${e.type} in order ${order.join(',')}`);
        assert.deepEqual(stateMap(other, other.engine.currentStateId(roomId)), expected, `order ${order.join(',')}`);
        assert.deepEqual([...other.engine.room(roomId)!.extremities].sort(), expectedExtremities);
      }
    });
  });
}
