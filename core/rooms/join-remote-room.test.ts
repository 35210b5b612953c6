// Accepting a room's state from a send_join answer: the joiner ends with the resident's state, our join on top,
// and the resident's next events place normally; a bad answer is refused or its bad events left out.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EventStatus } from '../slots/store.ts';
import { MatrixError } from '../matrix/errors.ts';
import { signEvent } from '../matrix/event-hash.ts';
import { computeEventId } from '../matrix/event-id.ts';
import { roomVersion } from '../matrix/room-versions.ts';
import type { Pdu } from '../matrix/pdu.ts';
import { Outcome } from './outcome.ts';
import { keyFor, slots, stateMap } from './testing/harness.ts';
import { ALICE, BOB, joinFromInput, residentAccepts, signedJoin, twoEngines } from './testing/two-engines.ts';

for (const version of ['10', '11', '12']) {
  describe(`remote join (room v${version})`, () => {
    test('the joiner holds the resident\'s state, with our join the only forward extremity', async () => {
      const { resident, joiner } = twoEngines();
      const roomId = await resident.engine.createRoom({ creator: ALICE, preset: 'public_chat', roomVersion: version, name: 'r' });
      const join = signedJoin(resident, roomId);
      const input = await residentAccepts(resident, roomId, join);
      const id = await joinFromInput(joiner, input);
      assert.equal(id, join.id);
      const room = joiner.engine.room(roomId)!;
      assert.deepEqual(room.extremities, [join.id]);
      assert.deepEqual(stateMap(joiner, room.currentState), stateMap(resident, resident.engine.room(roomId)!.currentState));
      assert.equal(joiner.store.get(join.id)!.status, EventStatus.ACCEPTED);
      // State events are outliers: known, usable as auth events, not placed.
      const create = joiner.store.stateGet(room.currentState, 'm.room.create', '')!;
      assert.equal(joiner.store.get(create)!.status, EventStatus.OUTLIER);
      // The resident's next message places on top of our join.
      const msgId = await resident.engine.sendMessage(roomId, ALICE, { msgtype: 'm.text', body: 'hi' });
      const [r] = await joiner.engine.receive(roomId, [resident.engine.event(msgId)!.pdu]);
      assert.equal(r!.outcome, Outcome.ACCEPTED, r!.reason);
      assert.deepEqual(joiner.engine.room(roomId)!.extremities, [msgId]);
    });
  });
}

describe('remote join: ordering and bad answers', () => {
  test('an event of the resident arriving between storing the state and accepting the join is placed after it', async () => {
    const { resident, joiner } = twoEngines();
    const roomId = await resident.engine.createRoom({ creator: ALICE, preset: 'public_chat', roomVersion: '12' });
    const input = await residentAccepts(resident, roomId, signedJoin(resident, roomId));
    const p = await joiner.engine.prepareRemoteJoin(input);
    const js = joiner.engine.storeJoinState(p);
    const msgId = await resident.engine.sendMessage(roomId, ALICE, { msgtype: 'm.text', body: 'early' });
    const [early] = await joiner.engine.receive(roomId, [resident.engine.event(msgId)!.pdu]);
    assert.equal(early!.outcome, Outcome.OUTLIER);
    joiner.engine.completeRemoteJoin(p, js);
    assert.equal(joiner.store.get(msgId)!.status, EventStatus.ACCEPTED);
    assert.deepEqual(joiner.engine.room(roomId)!.extremities, [msgId]);
  });

  test('a state event with a bad signature is dropped and left out of the state', async () => {
    const { resident, joiner } = twoEngines();
    const roomId = await resident.engine.createRoom({ creator: ALICE, preset: 'public_chat', roomVersion: '11', topic: 't' });
    const input = await residentAccepts(resident, roomId, signedJoin(resident, roomId));
    const topicIndex = input.state.findIndex((e) => (e as Pdu).type === 'm.room.topic');
    const topic = input.state[topicIndex] as Pdu;
    const forged = signEvent(slots.json, slots.signer, { ...topic, hashes: undefined, signatures: {} }, 'v11', keyFor('mallory.test', keyFor(ALICE.split(':')[1]!).keyId));
    const state = [...input.state];
    state[topicIndex] = { ...forged, signatures: { 'resident.test': (forged.signatures as Record<string, unknown>)['mallory.test'] } };
    const p = await joiner.engine.prepareRemoteJoin({ ...input, state });
    assert.equal(p.dropped.length, 1);
    assert.match(p.dropped[0]!.reason, /does not verify/);
    const js = joiner.engine.storeJoinState(p);
    joiner.engine.completeRemoteJoin(p, js);
    assert.equal(joiner.store.stateGet(joiner.engine.room(roomId)!.currentState, 'm.room.topic', ''), undefined);
  });

  test('a state in which our join is not allowed (we are banned): 403, the join is not stored', async () => {
    const { resident, joiner } = twoEngines();
    const roomId = await resident.engine.createRoom({ creator: ALICE, preset: 'public_chat', roomVersion: '12' });
    const join = signedJoin(resident, roomId);
    await resident.engine.ban(roomId, ALICE, BOB);
    const stateIds = resident.engine.stateEntries(resident.engine.room(roomId)!.currentState).map(([, , id]) => id);
    const state = stateIds.map((id) => resident.engine.event(id)!.pdu);
    const authChain = resident.engine.authChain(stateIds).map((id) => resident.engine.event(id)!.pdu);
    const p = await joiner.engine.prepareRemoteJoin({ roomId, version: '12', join: join.pdu, state, authChain });
    assert.throws(() => joiner.engine.storeJoinState(p), (e: unknown) => e instanceof MatrixError && e.status === 403);
    assert.equal(joiner.store.has(join.id), false);
  });

  test('refused answers: no create event, another version, our join tampered with', async () => {
    const { resident, joiner } = twoEngines();
    const roomId = await resident.engine.createRoom({ creator: ALICE, preset: 'public_chat', roomVersion: '11' });
    const input = await residentAccepts(resident, roomId, signedJoin(resident, roomId));
    const noCreate = input.state.filter((e) => (e as Pdu).type !== 'm.room.create');
    await assert.rejects(joiner.engine.prepareRemoteJoin({ ...input, state: noCreate }), /no valid m.room.create/);
    // Checked under another version's rules, the events do not verify (redaction and ids differ).
    await assert.rejects(joiner.engine.prepareRemoteJoin({ ...input, version: '10' }), /m.room.create|room version/);
    const tampered = { ...(input.join as Pdu), content: { membership: 'join', displayname: 'x' } };
    await assert.rejects(joiner.engine.prepareRemoteJoin({ ...input, join: tampered }), /content hash/);
    await assert.rejects(joiner.engine.prepareRemoteJoin({ ...input, version: '5' }), (e: unknown) => e instanceof MatrixError && e.errcode === 'M_INCOMPATIBLE_ROOM_VERSION');
    assert.equal(joiner.engine.room(roomId), undefined);
    assert.equal(computeEventId(slots.json, input.join as Pdu, roomVersion('11')!), (await joiner.engine.prepareRemoteJoin(input)).join.eventId);
  });
});
