// Backfilled history: placed in the DAG and the timeline without moving the room forward, judged against the
// state before each event (not the current state), with the oldest events' state asked for when their prev
// events are missing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EventStatus } from '../slots/store.ts';
import type { Pdu } from '../matrix/pdu.ts';
import { signEvent } from '../matrix/event-hash.ts';
import { computeEventId } from '../matrix/event-id.ts';
import { roomVersion } from '../matrix/room-versions.ts';
import { keyFor, slots, stateMap, type LocalServer } from './testing/harness.ts';
import { ALICE, BOB, JOINER, residentAccepts, signedJoin, twoEngines } from './testing/two-engines.ts';

const CAROL = '@carol:resident.test';

/** A room with history: Carol joins, talks, leaves; Alice talks; then the joiner joins. */
async function roomWithHistory(version: string) {
  const { resident, joiner } = twoEngines();
  const roomId = await resident.engine.createRoom({ creator: ALICE, preset: 'public_chat', roomVersion: version });
  await resident.engine.join(roomId, CAROL);
  const carolSays = await resident.engine.sendMessage(roomId, CAROL, { msgtype: 'm.text', body: 'carol was here' });
  await resident.engine.leave(roomId, CAROL);
  const messages: string[] = [];
  for (let i = 0; i < 5; i++) messages.push(await resident.engine.sendMessage(roomId, ALICE, { msgtype: 'm.text', body: `m${i}` }));
  const join = signedJoin(resident, roomId);
  const input = await residentAccepts(resident, roomId, join);
  const p = await joiner.engine.prepareRemoteJoin(input);
  const js = joiner.engine.storeJoinState(p);
  return { resident, joiner, roomId, carolSays, messages, join, p, js };
}

/** Every event of the resident's room before `upTo` (exclusive), newest first, as backfill would send them. */
function history(resident: LocalServer, roomId: string, upTo: string): Pdu[] {
  const all = [...resident.store.roomEvents(roomId)].filter((e) => e.status === EventStatus.ACCEPTED);
  const cut = all.findIndex((e) => e.eventId === upTo);
  return all.slice(0, cut).reverse().map((e) => resident.engine.event(e.eventId)!.pdu);
}

describe('accepting backfilled history', () => {
  test('the whole history back to the create event: placed, in the timeline, the room not moved', async () => {
    const { resident, joiner, roomId, carolSays, messages, join, p, js } = await roomWithHistory('12');
    const r = await joiner.engine.acceptHistory(roomId, history(resident, roomId, join.id));
    assert.equal(r.rejected, 0);
    assert.equal(r.outliers, 0);
    assert.equal(joiner.engine.room(roomId)!.extremities.length, 0, 'history did not make an extremity');
    joiner.engine.completeRemoteJoin(p, js);
    const room = joiner.engine.room(roomId)!;
    assert.deepEqual(room.extremities, [join.id]);
    assert.deepEqual(stateMap(joiner, room.currentState), stateMap(resident, resident.engine.room(roomId)!.currentState));
    // Carol's message is accepted though she has left since (no check against the current state).
    assert.equal(joiner.store.get(carolSays)!.status, EventStatus.ACCEPTED);
    const timeline = joiner.engine.timeline(roomId, { limit: 100 }).events.map((e) => e.eventId);
    assert.equal(timeline[0], join.id);
    assert.deepEqual(timeline.filter((id) => messages.includes(id)), [...messages].reverse());
    // The state events stored as outliers by the join are placed now too.
    const create = joiner.store.stateGet(room.currentState, 'm.room.create', '')!;
    assert.equal(joiner.store.get(create)!.status, EventStatus.ACCEPTED);
  });

  test('a partial history: the oldest event\'s state comes from frontierState; without it, outliers', async () => {
    const { resident, joiner, roomId, messages, join } = await roomWithHistory('11');
    const recent = history(resident, roomId, join.id).slice(0, 3); // m4, m3, m2
    const without = await joiner.engine.acceptHistory(roomId, recent);
    assert.equal(without.accepted, 0);
    assert.equal(without.outliers, 3);

    const asked: string[] = [];
    const r = await joiner.engine.acceptHistory(roomId, recent, {
      frontierState: async (eventId) => {
        asked.push(eventId);
        const before = resident.engine.stateId(eventId, 'before');
        const ids = resident.engine.stateEntries(before).map(([, , id]) => id);
        const pdu = (id: string) => resident.engine.event(id)!.pdu;
        return joiner.engine.acceptStateSnapshot(roomId, ids.map(pdu), resident.engine.authChain(ids).map(pdu));
      },
    });
    assert.deepEqual(asked, [messages[2]]);
    assert.equal(r.accepted, 3);
    for (const id of messages.slice(2)) assert.equal(joiner.store.get(id)!.status, EventStatus.ACCEPTED);
    assert.equal(joiner.store.get(messages[1]!), undefined);
  });

  test('history that breaks the auth rules is rejected; events failing checks 1–2 are dropped', async () => {
    const { resident, joiner, roomId, join } = await roomWithHistory('10');
    const past = history(resident, roomId, join.id);
    // A message "from the past" by the joiner's user, who was not in the room then (built on the resident's
    // history, signed by the joiner's server): check 4 rejects it.
    const intruder = signedHistoryEvent(resident, roomId, past[1]!);
    const tampered = { ...past[0]!, signatures: {} };
    const r = await joiner.engine.acceptHistory(roomId, [intruder.pdu, tampered, ...past.slice(1)]);
    assert.equal(r.dropped, 1);
    assert.equal(r.rejected, 1);
    assert.equal(joiner.store.get(intruder.id)!.status, EventStatus.REJECTED);
  });
});

/** A message by BOB whose prev event is `prev` and whose auth events are the resident's at that point. */
function signedHistoryEvent(resident: LocalServer, roomId: string, prev: Pdu): { id: string; pdu: Pdu } {
  const rules = roomVersion(resident.engine.room(roomId)!.version)!;
  const prevId = computeEventId(slots.json, prev, rules);
  const state = resident.engine.stateId(prevId, 'after');
  const auth = ['m.room.create', 'm.room.power_levels'].map((t) => resident.store.stateGet(state, t, '')!);
  const pdu = signEvent(slots.json, slots.signer, {
    room_id: roomId, type: 'm.room.message', sender: BOB, content: { body: 'not a member' },
    prev_events: [prevId], auth_events: auth, depth: prev.depth + 1, origin_server_ts: prev.origin_server_ts + 1,
  }, rules.redaction, keyFor(JOINER)) as Pdu;
  return { id: computeEventId(slots.json, pdu, rules), pdu };
}
