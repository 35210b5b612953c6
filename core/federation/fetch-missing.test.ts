// Fetching missing events between two real servers: the engine's hook (makeFetchMissing) on its own, and a
// /send whose PDU has a gap before it, filled through /get_missing_events and /event.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { computeEventId } from '../matrix/event-id.ts';
import { roomVersion } from '../matrix/room-versions.ts';
import { EventStatus } from '../slots/store.ts';
import type { ServerContext } from '../context.ts';
import { makeFetchMissing } from './fetch-missing.ts';
import { twoServers, type TwoServers } from './testing/two-servers.ts';

let t: TwoServers;
let home: ServerContext; // the server that misses events
let res: ServerContext; // the resident server that has them
let roomId: string;
let dave: string;
const rules = roomVersion('12')!;

const pduOf = (ctx: ServerContext, id: string) => JSON.parse(Buffer.from(ctx.data.store().bytes(id)!).toString('utf8'));
const idsOf = (pdus: unknown[]) => pdus.map((p) => computeEventId(home.slots.json, p as Record<string, unknown>, rules));

before(async () => {
  t = await twoServers();
  home = t.home.ctx;
  res = t.peer.server.ctx;
  // The room lives on the peer; home learns its events and its user joins; the peer accepts the join.
  dave = res.directory.ensureUser(t.peer.user('dave'));
  roomId = await res.engine.createRoom({ creator: dave, preset: 'public_chat' });
  const r = res.engine.room(roomId)!;
  home.engine.registerRoom(roomId, r.version, r.createEventId);
  await home.engine.receive(roomId, [...res.data.store().roomEvents(roomId)].map((e) => pduOf(res, e.eventId)));
  const alice = home.directory.ensureUser(`@alice:${t.homeName}`);
  const join = await home.engine.join(roomId, alice);
  const [accepted] = await res.engine.receive(roomId, [pduOf(home, join)]);
  assert.equal(accepted!.outcome, 'accepted');
});
after(async () => t.stop());

async function peerMessages(n: number, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for (let i = 1; i <= n; i++) out.push(await res.engine.sendMessage(roomId, dave, { msgtype: 'm.text', body: `${prefix}${i}` }));
  return out;
}

describe('fetchMissing', () => {
  test('a small gap: the ids and what lies between them and our extremities, in one round', async () => {
    const m = await peerMessages(4, 'a');
    const fetch = makeFetchMissing(home);
    const got = await fetch(roomId, [m[3]!]);
    assert.deepEqual(new Set(idsOf(got)), new Set(m));
    assert.ok(m.every((id) => !home.data.store().has(id)), 'fetching stores nothing: the engine checks and stores');
    // Everything given to the engine: all accepted, in the DAG.
    const results = await home.engine.receive(roomId, got);
    assert.ok(results.every((r) => r.outcome === 'accepted'), JSON.stringify(results));
  });

  test('a big gap: the ids, then the state at the deepest and its auth chain through /state_ids', async () => {
    const name = await res.engine.sendState(roomId, dave, 'm.room.name', '', { name: 'renamed' });
    const topic = await res.engine.sendState(roomId, dave, 'm.room.topic', '', { topic: 'new topic' });
    const m = await peerMessages(3, 'b');
    const fetch = makeFetchMissing(home, { manyIds: 2 });
    const got = idsOf(await fetch(roomId, m));
    for (const id of [...m, name, topic]) assert.ok(got.includes(id), `${id} fetched`);
    assert.ok(got.every((id) => !home.data.store().has(id)), 'only events we lack');
    await home.engine.receive(roomId, (await makeFetchMissing(home)(roomId, [m[2]!])));
  });

  test('an unreachable origin is skipped for the servers in the room', async () => {
    const m = await peerMessages(2, 'c');
    const fetch = makeFetchMissing(home, { timeoutMs: 2_000 });
    const got = await fetch(roomId, [m[1]!], '127.0.0.1:1');
    assert.deepEqual(new Set(idsOf(got)), new Set(m));
    await home.engine.receive(roomId, got);
  });

  test('no one to ask: nothing, and no error', async () => {
    const alice = `@alice:${t.homeName}`;
    const lonely = await home.engine.createRoom({ creator: alice });
    assert.deepEqual(await makeFetchMissing(home)(lonely, ['$missing']), []);
    assert.deepEqual(await makeFetchMissing(home)('!unknown', ['$missing']), []);
  });

  test('a /send with a gap before its PDU: the server fetches the gap from the origin and accepts everything', async () => {
    const m = await peerMessages(6, 'd');
    const last = m.at(-1)!;
    const r = await t.peer.send(t.homeName, [pduOf(res, last)]);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { pdus: { [last]: {} } });
    for (const id of m) assert.equal(home.data.store().get(id)?.status, EventStatus.ACCEPTED, id);
    assert.deepEqual(home.engine.room(roomId)!.extremities, [last]);
    assert.equal(home.engine.room(roomId)!.currentState !== undefined, true);
    // Both servers agree on the current state.
    const entries = (ctx: ServerContext) => [...ctx.data.store().stateEntries(ctx.engine.room(roomId)!.currentState)].map((e) => e.join('|')).sort();
    assert.deepEqual(entries(home), entries(res));
  });
});
