// Swapping the data-holding slots (store, interner) on a server with rooms in it: every event and every state
// survives unchanged, the server keeps working, and a restart replays to the same data.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { call } from '../testing/http.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import type { EventStore } from './store.ts';

const servers: TestServer[] = [];
after(async () => Promise.all(servers.map((s) => s.stop())));

/** Everything a store holds, as plain comparable data. */
function contents(store: EventStore) {
  const events = [...store.events()].map((e) => ({ ...e, bytes: Buffer.from(e.bytes).toString('base64') }));
  const states: Array<Array<readonly [string, string, string]>> = [];
  for (let s = 1; s <= store.stateCount; s++) states.push([...store.stateEntries(s)].sort((a, b) => (a.join('\0') < b.join('\0') ? -1 : 1)));
  return { events, states };
}

test('store and interner swaps migrate every event and state; a restart replays the same data', async () => {
  const s = await startTestServer();
  servers.push(s);
  const { engine } = s.ctx;
  const alice = `@alice:${s.config.serverName}`;
  const bob = `@bob:${s.config.serverName}`;
  for (const version of ['10', '11', '12']) {
    const room = await engine.createRoom({ creator: alice, preset: 'public_chat', roomVersion: version, name: `v${version}` });
    await engine.join(room, bob);
    for (let i = 0; i < 20; i++) await engine.sendMessage(room, i % 2 ? alice : bob, { msgtype: 'm.text', body: `hello ${i}` });
    await engine.sendState(room, alice, 'm.room.topic', '', { topic: `topic of v${version}` });
  }
  const before = contents(s.ctx.slots.store);
  assert.ok(before.events.length > 60);

  const status0 = (await call('GET', `${s.adminUrl}/_lab/status`)).body.slots;
  for (const [slot, target] of [['store', 'arena'], ['interner', 'hash-table'], ['store', 'objects'], ['store', 'arena']] as const) {
    const r = await call('PUT', `${s.adminUrl}/_lab/slots/${slot}`, { impl: target });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(s.ctx.slots[slot].name, target);
    assert.deepEqual(contents(s.ctx.slots.store), before, `after swapping ${slot} to ${target}`);
  }
  assert.notEqual(status0.store.impl, 'arena', 'the test started from another store');

  // The server keeps working on the migrated data, and what it writes now is journaled as before.
  const [room] = [...engine.rooms()].map((r) => r.roomId);
  await engine.sendMessage(room!, alice, { msgtype: 'm.text', body: 'after the swaps' });
  const afterWrite = contents(s.ctx.slots.store);
  await s.stop({ keepData: true });
  const again = await startTestServer([], { dataDir: s.dataDir });
  servers.push(again);
  assert.deepEqual(contents(again.ctx.slots.store), afterWrite, 'replayed from the journal into a fresh store');
});
