// The read endpoints a remote server calls: /event, /state, /state_ids, /backfill, /get_missing_events,
// /event_auth, /timestamp_to_event — answers checked against the engine, and who may read what (membership,
// history visibility, ACL).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { computeEventId } from '../matrix/event-id.ts';
import { roomVersion } from '../matrix/room-versions.ts';
import { startTestServer } from '../testing/test-server.ts';
import { Peer, type Reply } from './testing/peer.ts';
import { sharedRoom, twoServers, type TwoServers } from './testing/two-servers.ts';

let t: TwoServers;
let outsider: Peer;
let roomId: string;
let alice: string;
let bob: string;
let joinId: string;
let m: string[]; // alice's m1..m3, then bob's p1..p3 (timestamps T+1000, T+2000, T+3000)
let T: number;

const rules = roomVersion('12')!;
const idOf = (pdu: Record<string, unknown>) => computeEventId(t.home.ctx.slots.json, pdu, rules);
const ids = (pdus: Array<Record<string, unknown>>) => pdus.map(idOf);
const sorted = (a: readonly string[]) => [...a].sort();
const get = (path: string, who: Peer = t.peer): Promise<Reply> => who.request(t.homeName, 'GET', path, undefined);
const enc = encodeURIComponent;

before(async () => {
  t = await twoServers();
  outsider = new Peer(await startTestServer());
  ({ roomId, alice, bob, joinId: joinId! } = (await sharedRoom(t)) as { roomId: string; alice: string; bob: string; joinId: string });
  m = [];
  for (const body of ['m1', 'm2', 'm3']) m.push(await t.home.ctx.engine.sendMessage(roomId, alice, { msgtype: 'm.text', body }));
  T = Date.now();
  for (const [i, body] of ['p1', 'p2', 'p3'].entries()) {
    const p = t.peer.build(t.home.ctx, roomId, { type: 'm.room.message', sender: bob, content: { body }, ts: T + 1000 * (i + 1) });
    const r = await t.peer.send(t.homeName, [p.pdu]);
    assert.deepEqual(r.body.pdus[p.eventId], {});
    m.push(p.eventId);
  }
});
after(async () => {
  await outsider.server.stop();
  await t.stop();
});

function assertError(r: Reply, status: number, errcode: string, what = ''): void {
  assert.equal(r.status, status, `${what} ${JSON.stringify(r.body)}`);
  assert.equal(r.body.errcode, errcode, what);
}

describe('GET /event', () => {
  test('serves the stored PDU as a transaction', async () => {
    const r = await get(`/_matrix/federation/v1/event/${enc(m[0]!)}`);
    assert.equal(r.status, 200);
    assert.equal(r.body.origin, t.homeName);
    assert.ok(Number.isSafeInteger(r.body.origin_server_ts));
    assert.equal(r.body.pdus.length, 1);
    assert.equal(idOf(r.body.pdus[0]), m[0]);
    assert.equal(r.body.pdus[0].content.body, 'm1');
  });
  test('404 for an unknown event, 403 for a server not in the room', async () => {
    assertError(await get(`/_matrix/federation/v1/event/${enc('$nope')}`), 404, 'M_NOT_FOUND');
    assertError(await get(`/_matrix/federation/v1/event/${enc(m[0]!)}`, outsider), 403, 'M_FORBIDDEN');
  });
});

describe('GET /state and /state_ids', () => {
  test('the state before the event and its auth chain, as ids and as PDUs', async () => {
    const e = m[1]!;
    const store = t.home.ctx.data.store();
    const state = [...store.stateEntries(store.get(e)!.stateBefore)].map(([, , id]) => id);
    const chain = t.home.ctx.engine.authChain(state);
    assert.ok(state.includes(joinId) && state.length >= 6, 'create, member events, power levels, join rules, history visibility…');
    const r = await get(`/_matrix/federation/v1/state_ids/${enc(roomId)}?event_id=${enc(e)}`);
    assert.equal(r.status, 200);
    assert.deepEqual(sorted(r.body.pdu_ids), sorted(state));
    assert.deepEqual(sorted(r.body.auth_chain_ids), sorted(chain));
    const full = await get(`/_matrix/federation/v1/state/${enc(roomId)}?event_id=${enc(e)}`);
    assert.equal(full.status, 200);
    assert.deepEqual(sorted(ids(full.body.pdus)), sorted(state));
    assert.deepEqual(sorted(ids(full.body.auth_chain)), sorted(chain));
  });
  test('at a state event: the state before it, without it', async () => {
    const r = await get(`/_matrix/federation/v1/state_ids/${enc(roomId)}?event_id=${enc(joinId)}`);
    assert.equal(r.status, 200);
    assert.ok(!r.body.pdu_ids.includes(joinId));
  });
  test('errors: missing event_id 400, unknown room/event 404, other room\'s event 404, outsider 403', async () => {
    const other = await t.home.ctx.engine.createRoom({ creator: alice, preset: 'public_chat' });
    const otherEvent = t.home.ctx.engine.room(other)!.extremities[0]!;
    for (const kind of ['state', 'state_ids']) {
      const base = `/_matrix/federation/v1/${kind}`;
      assertError(await get(`${base}/${enc(roomId)}`), 400, 'M_MISSING_PARAM', kind);
      assertError(await get(`${base}/${enc('!AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')}?event_id=${enc(m[0]!)}`), 404, 'M_NOT_FOUND', kind);
      assertError(await get(`${base}/${enc(roomId)}?event_id=${enc('$unknown')}`), 404, 'M_NOT_FOUND', kind);
      assertError(await get(`${base}/${enc(roomId)}?event_id=${enc(otherEvent)}`), 404, 'M_NOT_FOUND', kind);
      assertError(await get(`${base}/${enc(roomId)}?event_id=${enc(m[0]!)}`, outsider), 403, 'M_FORBIDDEN', kind);
    }
  });
});

describe('GET /backfill', () => {
  test('the v events and those before them, deepest first, up to limit', async () => {
    const last = m[5]!;
    const r = await get(`/_matrix/federation/v1/backfill/${enc(roomId)}?v=${enc(last)}&limit=3`);
    assert.equal(r.status, 200);
    assert.equal(r.body.origin, t.homeName);
    assert.deepEqual(ids(r.body.pdus), [m[5], m[4], m[3]]);
    // Everything: every event from the create event up to v.
    const all = await get(`/_matrix/federation/v1/backfill/${enc(roomId)}?v=${enc(last)}&limit=100`);
    const got = ids(all.body.pdus);
    const expected = [...t.home.ctx.data.store().roomEvents(roomId)].filter((e) => e.depth <= t.home.ctx.data.store().get(last)!.depth).map((e) => e.eventId);
    assert.deepEqual(sorted(got), sorted(expected));
    assert.equal(got.at(-1), t.home.ctx.engine.room(roomId)!.createEventId, 'the create event comes last');
    // Two seeds.
    const two = await get(`/_matrix/federation/v1/backfill/${enc(roomId)}?v=${enc(m[1]!)}&v=${enc(m[4]!)}&limit=2`);
    assert.deepEqual(ids(two.body.pdus), [m[4], m[3]]);
  });
  test('errors: v or limit missing 400, bad limit 400, outsider 403', async () => {
    const base = `/_matrix/federation/v1/backfill/${enc(roomId)}`;
    assertError(await get(`${base}?limit=10`), 400, 'M_MISSING_PARAM');
    assertError(await get(`${base}?v=${enc(m[0]!)}`), 400, 'M_MISSING_PARAM');
    assertError(await get(`${base}?v=${enc(m[0]!)}&limit=ten`), 400, 'M_INVALID_PARAM');
    assertError(await get(`${base}?v=${enc(m[0]!)}&limit=10`, outsider), 403, 'M_FORBIDDEN');
  });
});

describe('POST /get_missing_events', () => {
  const post = (body: unknown, who: Peer = t.peer) => who.request(t.homeName, 'POST', `/_matrix/federation/v1/get_missing_events/${enc(roomId)}`, body);
  test('the events between earliest and latest, oldest first, latest excluded', async () => {
    const r = await post({ earliest_events: [m[1]], latest_events: [m[5]] });
    assert.equal(r.status, 200);
    assert.deepEqual(ids(r.body.events), [m[2], m[3], m[4]]);
    const limited = await post({ earliest_events: [m[1]], latest_events: [m[5]], limit: 2 });
    assert.deepEqual(ids(limited.body.events), [m[3], m[4]]);
    const shallow = await post({ earliest_events: [], latest_events: [m[5]], limit: 100, min_depth: t.home.ctx.data.store().get(m[3]!)!.depth });
    assert.deepEqual(ids(shallow.body.events), [m[3], m[4]]);
  });
  test('errors: malformed body 400 M_BAD_JSON, outsider 403', async () => {
    assertError(await post({ latest_events: [m[5]] }), 400, 'M_BAD_JSON', 'earliest missing');
    assertError(await post({ earliest_events: [], latest_events: 'x' }), 400, 'M_BAD_JSON', 'latest not a list');
    assertError(await post({ earliest_events: [], latest_events: [], limit: 'many' }), 400, 'M_BAD_JSON', 'limit');
    assertError(await post({ earliest_events: [], latest_events: [m[5]] }, outsider), 403, 'M_FORBIDDEN');
  });
});

describe('GET /event_auth', () => {
  test('the auth chain of the event', async () => {
    const r = await get(`/_matrix/federation/v1/event_auth/${enc(roomId)}/${enc(m[4]!)}`);
    assert.equal(r.status, 200);
    const got = ids(r.body.auth_chain);
    assert.deepEqual(sorted(got), sorted(t.home.ctx.engine.authChain([m[4]!])));
    assert.ok(got.includes(joinId), 'bob\'s join authorises his message');
    assertError(await get(`/_matrix/federation/v1/event_auth/${enc(roomId)}/${enc('$nope')}`), 404, 'M_NOT_FOUND');
    assertError(await get(`/_matrix/federation/v1/event_auth/${enc(roomId)}/${enc(m[4]!)}`, outsider), 403, 'M_FORBIDDEN');
  });
});

describe('GET /timestamp_to_event', () => {
  const at = (ts: number, dir: string) => get(`/_matrix/federation/v1/timestamp_to_event/${enc(roomId)}?ts=${ts}&dir=${dir}`);
  test('the closest event in either direction, inclusive', async () => {
    assert.deepEqual((await at(T + 1500, 'f')).body, { event_id: m[4], origin_server_ts: T + 2000 });
    assert.deepEqual((await at(T + 1500, 'b')).body, { event_id: m[3], origin_server_ts: T + 1000 });
    assert.deepEqual((await at(T + 2000, 'f')).body, { event_id: m[4], origin_server_ts: T + 2000 });
    assert.deepEqual((await at(T + 2000, 'b')).body, { event_id: m[4], origin_server_ts: T + 2000 });
    assert.deepEqual((await at(T + 99_999, 'b')).body, { event_id: m[5], origin_server_ts: T + 3000 });
    assertError(await at(T + 99_999, 'f'), 404, 'M_NOT_FOUND');
  });
  test('errors: bad dir, missing ts', async () => {
    assertError(await at(T, 'x'), 400, 'M_INVALID_PARAM');
    assertError(await get(`/_matrix/federation/v1/timestamp_to_event/${enc(roomId)}?dir=f`), 400, 'M_MISSING_PARAM');
  });
});

describe('history visibility', () => {
  test('"joined": events from before the server joined are served redacted, later ones whole', async () => {
    const { roomId: r2 } = await sharedRoom(t, { peerJoins: false });
    await t.home.ctx.engine.sendState(r2, alice, 'm.room.history_visibility', '', { history_visibility: 'joined' });
    const secret = await t.home.ctx.engine.sendMessage(r2, alice, { msgtype: 'm.text', body: 'secret' });
    // Not in the room yet: nothing at all.
    assertError(await get(`/_matrix/federation/v1/event/${enc(secret)}`), 403, 'M_FORBIDDEN');
    const join = t.peer.build(t.home.ctx, r2, { type: 'm.room.member', stateKey: bob, sender: bob, content: { membership: 'join' } });
    assert.deepEqual((await t.peer.send(t.homeName, [join.pdu])).body.pdus[join.eventId], {});
    const later = await t.home.ctx.engine.sendMessage(r2, alice, { msgtype: 'm.text', body: 'hello bob' });

    const one = await get(`/_matrix/federation/v1/event/${enc(secret)}`);
    assert.equal(one.status, 200);
    assert.equal(idOf(one.body.pdus[0]), secret, 'the redacted form keeps the event id');
    assert.deepEqual(one.body.pdus[0].content, {});
    assert.equal((await get(`/_matrix/federation/v1/event/${enc(later)}`)).body.pdus[0].content.body, 'hello bob');

    const bf = await get(`/_matrix/federation/v1/backfill/${enc(r2)}?v=${enc(later)}&limit=100`);
    const byId = new Map(bf.body.pdus.map((p: Record<string, unknown>) => [idOf(p), p]));
    assert.deepEqual((byId.get(secret) as { content: unknown }).content, {});
    assert.equal((byId.get(later) as { content: { body: string } }).content.body, 'hello bob');
    const gme = await t.peer.request(t.homeName, 'POST', `/_matrix/federation/v1/get_missing_events/${enc(r2)}`, { earliest_events: [], latest_events: [later], limit: 100 });
    const secretThere = gme.body.events.find((p: Record<string, unknown>) => idOf(p) === secret);
    assert.deepEqual(secretThere.content, {});
    // timestamp_to_event never names an event the server may not see.
    const ts = t.home.ctx.data.store().get(secret)!.originServerTs;
    for (const dir of ['f', 'b']) {
      const r = await get(`/_matrix/federation/v1/timestamp_to_event/${enc(r2)}?ts=${ts}&dir=${dir}`);
      if (r.status === 200) assert.notEqual(r.body.event_id, secret, dir);
    }
    // The state is not redacted: the requester needs it to authorise events.
    const st = await get(`/_matrix/federation/v1/state/${enc(r2)}?event_id=${enc(later)}`);
    const hv = st.body.pdus.find((p: { type: string }) => p.type === 'm.room.history_visibility');
    assert.equal(hv.content.history_visibility, 'joined');
  });

  test('"invited": visible from the invite on', async () => {
    const { roomId: r3 } = await sharedRoom(t, { peerJoins: false });
    await t.home.ctx.engine.sendState(r3, alice, 'm.room.history_visibility', '', { history_visibility: 'invited' });
    const before = await t.home.ctx.engine.sendMessage(r3, alice, { body: 'before' });
    await t.home.ctx.engine.invite(r3, alice, bob);
    const whileInvited = await t.home.ctx.engine.sendMessage(r3, alice, { body: 'while invited' });
    const join = t.peer.build(t.home.ctx, r3, { type: 'm.room.member', stateKey: bob, sender: bob, content: { membership: 'join' } });
    assert.deepEqual((await t.peer.send(t.homeName, [join.pdu])).body.pdus[join.eventId], {});
    assert.deepEqual((await get(`/_matrix/federation/v1/event/${enc(before)}`)).body.pdus[0].content, {});
    assert.equal((await get(`/_matrix/federation/v1/event/${enc(whileInvited)}`)).body.pdus[0].content.body, 'while invited');
  });
});

describe('server ACL', () => {
  test('a denied server gets 403 M_FORBIDDEN from every read endpoint', async () => {
    const { roomId: r4 } = await sharedRoom(t);
    const msg = await t.home.ctx.engine.sendMessage(r4, alice, { body: 'x' });
    await t.home.ctx.engine.sendState(r4, alice, 'm.room.server_acl', '', { allow: ['*'], deny: ['127.0.0.1'] });
    const paths = [
      `/_matrix/federation/v1/event/${enc(msg)}`,
      `/_matrix/federation/v1/state/${enc(r4)}?event_id=${enc(msg)}`,
      `/_matrix/federation/v1/state_ids/${enc(r4)}?event_id=${enc(msg)}`,
      `/_matrix/federation/v1/backfill/${enc(r4)}?v=${enc(msg)}&limit=5`,
      `/_matrix/federation/v1/event_auth/${enc(r4)}/${enc(msg)}`,
      `/_matrix/federation/v1/timestamp_to_event/${enc(r4)}?ts=0&dir=f`,
    ];
    for (const p of paths) assertError(await get(p), 403, 'M_FORBIDDEN', p);
    const gme = await t.peer.request(t.homeName, 'POST', `/_matrix/federation/v1/get_missing_events/${enc(r4)}`, { earliest_events: [], latest_events: [msg] });
    assertError(gme, 403, 'M_FORBIDDEN', 'get_missing_events');
  });
});
