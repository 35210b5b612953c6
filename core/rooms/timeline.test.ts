// Timeline pagination (newest first, accepted events only) and auth chains.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EventStatus } from '../slots/store.ts';
import { Outcome } from './outcome.ts';
import { FakeKeys, RemoteServer, localServer } from './testing/harness.ts';

const ALICE = '@alice:local.test';
const EVE = '@eve:remote.test';

describe('timeline', () => {
  test('pages newest first with a cursor, skipping rejected, soft-failed and outlier events', async () => {
    const keys = new FakeKeys();
    const local = localServer({ keys });
    const remote = new RemoteServer('remote.test', keys);
    const roomId = await local.engine.createRoom({ creator: ALICE, preset: 'public_chat', roomVersion: '11' });
    const sent: string[] = [];
    const hidden: string[] = [];
    for (let i = 0; i < 25; i++) {
      sent.push(await local.engine.sendMessage(roomId, ALICE, { body: `m${i}` }));
      if (i === 10) {
        const rejected = remote.build(local, roomId, { type: 'm.room.message', sender: EVE, content: { body: 'no' } });
        const join = remote.build(local, roomId, { type: 'm.room.member', stateKey: EVE, sender: EVE, content: { membership: 'join' } });
        const results = await local.engine.receive(roomId, [rejected.pdu, join.pdu]);
        assert.deepEqual(results.map((r) => r.outcome), [Outcome.REJECTED, Outcome.ACCEPTED]);
        const outlier = remote.build(local, roomId, { type: 'm.room.message', sender: EVE, content: {}, prevEvents: ['$' + 'B'.repeat(43)] });
        assert.equal((await local.engine.receive(roomId, [outlier.pdu]))[0]!.outcome, Outcome.OUTLIER);
        const prev = local.engine.room(roomId)!.extremities;
        const auth = remote.build(local, roomId, { type: 'm.room.message', sender: EVE, content: {} }).pdu['auth_events'] as string[];
        await local.engine.ban(roomId, ALICE, EVE);
        const soft = remote.build(local, roomId, { type: 'm.room.message', sender: EVE, content: { body: 'soft' }, prevEvents: prev, authEvents: auth });
        assert.equal((await local.engine.receive(roomId, [soft.pdu]))[0]!.outcome, Outcome.SOFT_FAILED);
        hidden.push(rejected.eventId, outlier.eventId, soft.eventId);
      }
    }
    const accepted = [...local.store.roomEvents(roomId)].filter((e) => e.status === EventStatus.ACCEPTED).map((e) => e.eventId);
    // create, creator join, power levels, join rules, history visibility; 25 messages; Eve's join and ban.
    assert.equal(accepted.length, 5 + 25 + 2);
    const pages: string[][] = [];
    let from: number | undefined;
    for (;;) {
      const page = local.engine.timeline(roomId, { limit: 7, ...(from === undefined ? {} : { from }) });
      pages.push(page.events.map((e) => e.eventId));
      if (page.next === null) break;
      from = page.next;
    }
    assert.deepEqual(pages.flat(), [...accepted].reverse());
    for (const id of hidden) assert.equal(pages.flat().includes(id), false);
    assert.ok(pages.slice(0, -1).every((p) => p.length === 7));
    assert.deepEqual(pages[0]!.slice(0, 3), [sent[24], sent[23], sent[22]]);
    assert.equal(local.engine.timeline(roomId, { limit: 1000 }).next, null);
  });

  test('the auth chain of a message', async () => {
    const local = localServer();
    const roomId = await local.engine.createRoom({ creator: ALICE, preset: 'private_chat', roomVersion: '11' });
    const msg = await local.engine.sendMessage(roomId, ALICE, { body: 'x' });
    const byType = new Map([...local.store.roomEvents(roomId)].map((e) => [`${e.type}|${e.stateKey ?? ''}`, e.eventId]));
    const chain = local.engine.authChain([msg]);
    assert.deepEqual(chain.sort(), [byType.get('m.room.create|')!, byType.get(`m.room.member|${ALICE}`)!, byType.get('m.room.power_levels|')!].sort());
    assert.deepEqual(local.engine.authChain([byType.get('m.room.create|')!]), []);
  });
});
