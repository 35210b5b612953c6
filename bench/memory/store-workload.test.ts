// The store benchmark workload is deterministic, exact in size, and internally consistent (edges, states).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import objects from '../../plugins/store/objects.ts';
import { fillStore } from './store-workload.ts';

test('the same seed gives the same events; n events exactly', () => {
  const a = objects();
  const b = objects();
  const sa = fillStore(a, 3000, { seed: 7, sampleEvery: 100 });
  const sb = fillStore(b, 3000, { seed: 7 });
  assert.equal(a.size, 3000);
  assert.equal(sa.events, 3000);
  assert.equal(sa.payloadBytes, sb.payloadBytes);
  const ea = [...a.events()];
  const eb = [...b.events()];
  assert.deepEqual(ea.map((e) => e.eventId), eb.map((e) => e.eventId));
  assert.ok(ea.every((e, i) => Buffer.from(e.bytes).equals(Buffer.from(eb[i]!.bytes))));
  assert.ok(sa.sampleIds.length > 10 && sa.sampleIds.every((id) => a.get(id)?.type === 'm.room.message'));
  const c = objects();
  fillStore(c, 3000, { seed: 8 });
  assert.notEqual([...c.events()][0]!.eventId, ea[0]!.eventId);
});

test('edges point at stored events of the same room; messages are sent by members of their state', () => {
  const store = objects();
  const summary = fillStore(store, 6000, { seed: 3 });
  assert.ok(summary.rooms >= 4);
  let messages = 0;
  for (const e of store.events()) {
    for (const id of [...e.prevEvents, ...e.authEvents]) assert.equal(store.get(id)?.roomId, e.roomId, `${e.eventId} → ${id}`);
    assert.deepEqual(JSON.parse(Buffer.from(e.bytes).toString()).prev_events, e.prevEvents);
    if (e.type !== 'm.room.message') continue;
    messages++;
    assert.ok(e.bytes.length > 500 && e.bytes.length < 2000, `message of ${e.bytes.length} B`);
    assert.equal(e.authEvents.length, 3);
    assert.ok(store.stateGet(e.stateBefore, 'm.room.member', e.sender) !== undefined, `${e.sender} not a member`);
  }
  assert.ok(messages > 3000, `${messages} messages`);
  assert.ok(summary.stateEvents > 1000 && summary.stateEvents < 3000, `${summary.stateEvents} state events`);
  assert.ok([...store.stateEntries(summary.bigRoom.state, 'm.room.member')].length >= 1000);
  assert.equal(store.stateGet(summary.bigRoom.state, 'm.room.name', '') !== undefined, true);
});
