// The membership endpoints as another server meets them: server B (a real Fluctlight, signing its requests and
// events) talks to server A. Bad input gets the spec's error, and nothing is stored.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { FederationRequestError } from '../outbound/federation-error.ts';
import { path } from '../outbound/path.ts';
import { signEvent } from '../matrix/event-hash.ts';
import { computeEventId } from '../matrix/event-id.ts';
import { roomVersion } from '../matrix/room-versions.ts';
import type { JsonObject } from '../matrix/signing.ts';

let a: TestServer;
let b: TestServer;
let A: string;
let B: string;
const alice = () => `@alice:${A}`;
const bob = () => `@bob:${B}`;

before(async () => {
  a = await startTestServer();
  b = await startTestServer();
  A = a.ctx.serverName;
  B = b.ctx.serverName;
});
after(async () => {
  await a?.stop();
  await b?.stop();
});

/** What B's request got: the status and Matrix error, or 200 and the body. */
async function fromB(method: 'GET' | 'PUT', p: string, body?: unknown, query?: Record<string, string | string[]>): Promise<{ status: number; errcode?: string; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    const r = await b.ctx.client.request(A, { method, path: p, ...(body === undefined ? {} : { body }), ...(query === undefined ? {} : { query }) });
    return { status: r.status, body: r.body };
  } catch (e) {
    if (!(e instanceof FederationRequestError) || e.status === undefined) throw e;
    return { status: e.status, errcode: e.errcode, body: e.body };
  }
}

/** B signs `event` as its own (hashes + signature), returns it with its id. */
function signedByB(event: JsonObject, version: string): { event: JsonObject; id: string } {
  const rules = roomVersion(version)!;
  const signed = signEvent(b.ctx.slots.json, b.ctx.slots.signer, event, rules.redaction, b.ctx.serverKeys.signingKey);
  return { event: signed, id: computeEventId(b.ctx.slots.json, signed, rules) };
}

async function joinTemplate(roomId: string, user: string, version: string): Promise<JsonObject> {
  const r = await fromB('GET', path`/_matrix/federation/v1/make_join/${roomId}/${user}`, undefined, { ver: [version] });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.room_version, version);
  return { ...r.body.event, origin_server_ts: Date.now() };
}

describe('make_join', () => {
  test('the template: prev/auth events from A, our membership; v12 auth events never name the create event', async () => {
    const roomId = await a.ctx.engine.createRoom({ creator: alice(), preset: 'public_chat', roomVersion: '12' });
    const t = await joinTemplate(roomId, bob(), '12');
    assert.equal(t.room_id, roomId);
    assert.equal(t.type, 'm.room.member');
    assert.equal(t.sender, bob());
    assert.equal(t.state_key, bob());
    assert.deepEqual(t.content, { membership: 'join' });
    assert.deepEqual(t.prev_events, a.ctx.engine.room(roomId)!.extremities);
    const authTypes = (t.auth_events as string[]).map((id) => a.ctx.engine.event(id)!.pdu.type).sort();
    assert.deepEqual(authTypes, ['m.room.join_rules', 'm.room.power_levels']);
    assert.equal(t.depth, a.ctx.engine.room(roomId)!.maxDepth + 1);
  });

  test('errors: version not offered (400 with room_version), user of another server (403), unknown room (404)', async () => {
    const roomId = await a.ctx.engine.createRoom({ creator: alice(), preset: 'public_chat', roomVersion: '11' });
    let r = await fromB('GET', path`/_matrix/federation/v1/make_join/${roomId}/${bob()}`, undefined, { ver: ['10', '12'] });
    assert.equal(r.status, 400);
    assert.equal(r.errcode, 'M_INCOMPATIBLE_ROOM_VERSION');
    assert.equal(r.body.room_version, '11');
    r = await fromB('GET', path`/_matrix/federation/v1/make_join/${roomId}/${bob()}`); // no ver: ["1"]
    assert.equal(r.errcode, 'M_INCOMPATIBLE_ROOM_VERSION');
    r = await fromB('GET', path`/_matrix/federation/v1/make_join/${roomId}/${'@mallory:' + A}`, undefined, { ver: ['11'] });
    assert.equal(r.status, 403);
    assert.equal(r.errcode, 'M_FORBIDDEN');
    r = await fromB('GET', path`/_matrix/federation/v1/make_join/${'!nope:' + A}/${bob()}`, undefined, { ver: ['11'] });
    assert.equal(r.status, 404);
    // A room A holds but where nobody of A is joined any more: A is not resident, 404.
    await a.ctx.engine.leave(roomId, alice());
    r = await fromB('GET', path`/_matrix/federation/v1/make_join/${roomId}/${bob()}`, undefined, { ver: ['11'] });
    assert.equal(r.status, 404);
    assert.equal(r.errcode, 'M_NOT_FOUND');
  });

  test('a server denied by the room\'s ACL: 403 on make_join, send_join and make_leave', async () => {
    const roomId = await a.ctx.engine.createRoom({ creator: alice(), preset: 'public_chat', roomVersion: '12' });
    const t = await joinTemplate(roomId, bob(), '12');
    await a.ctx.engine.sendState(roomId, alice(), 'm.room.server_acl', '', { allow: ['*'], allow_ip_literals: false });
    const r = await fromB('GET', path`/_matrix/federation/v1/make_join/${roomId}/${bob()}`, undefined, { ver: ['12'] });
    assert.equal(r.status, 403);
    const { event, id } = signedByB(t, '12');
    const s = await fromB('PUT', path`/_matrix/federation/v2/send_join/${roomId}/${id}`, event);
    assert.equal(s.status, 403);
    assert.equal(a.ctx.engine.event(id), undefined);
    const l = await fromB('GET', path`/_matrix/federation/v1/make_leave/${roomId}/${bob()}`);
    assert.equal(l.status, 403);
  });
});

describe('send_join v2', () => {
  test('the answer: state before the join and auth chains from stored bytes; the full state without omit_members', async () => {
    const roomId = await a.ctx.engine.createRoom({ creator: alice(), preset: 'public_chat', roomVersion: '12', name: 'n' });
    const { event, id } = signedByB(await joinTemplate(roomId, bob(), '12'), '12');
    const before = a.ctx.engine.currentStateId(roomId);
    const r = await fromB('PUT', path`/_matrix/federation/v2/send_join/${roomId}/${id}`, event, { omit_members: 'false' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.origin, A);
    assert.equal(r.body.members_omitted, false);
    assert.deepEqual(r.body.servers_in_room, [A]);
    assert.equal(r.body.event, undefined, 'not a restricted join: no co-signed event');
    const stateIds = r.body.state.map((e: JsonObject) => computeEventId(b.ctx.slots.json, e, roomVersion('12')!)).sort();
    assert.deepEqual(stateIds, a.ctx.engine.stateEntries(before).map(([, , i]) => i).sort());
    const authIds = new Set(r.body.auth_chain.map((e: JsonObject) => computeEventId(b.ctx.slots.json, e, roomVersion('12')!)));
    for (const x of event.auth_events as string[]) assert.ok(authIds.has(x), `auth chain holds ${x}`);
    assert.equal(a.ctx.engine.event(id)!.stored.status, 0);
    // Sent again (a retry): the same answer, nothing new.
    const again = await fromB('PUT', path`/_matrix/federation/v2/send_join/${roomId}/${id}`, event);
    assert.equal(again.status, 200);
    assert.equal(again.body.state.length, r.body.state.length);
  });

  test('omit_members=true in a named room: no member events in state, no state events in auth_chain', async () => {
    const roomId = await a.ctx.engine.createRoom({ creator: alice(), preset: 'public_chat', roomVersion: '12', name: 'named' });
    const carol = a.ctx.directory.ensureUser(`@carol:${A}`);
    await a.ctx.engine.join(roomId, carol);
    const { event, id } = signedByB(await joinTemplate(roomId, bob(), '12'), '12');
    const before = a.ctx.engine.currentStateId(roomId);
    const r = await fromB('PUT', path`/_matrix/federation/v2/send_join/${roomId}/${id}`, event, { omit_members: 'true' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.members_omitted, true);
    assert.deepEqual(r.body.servers_in_room, [A]);
    const idOf = (e: JsonObject) => computeEventId(b.ctx.slots.json, e, roomVersion('12')!);
    assert.deepEqual(r.body.state.map((e: JsonObject) => e.type).filter((t: string) => t === 'm.room.member'), []);
    const nonMembers = a.ctx.engine.stateEntries(before).filter(([t]) => t !== 'm.room.member').map(([, , i]) => i).sort();
    assert.deepEqual(r.body.state.map(idOf).sort(), nonMembers);
    const inState = new Set(r.body.state.map(idOf));
    const chain = r.body.auth_chain.map(idOf);
    assert.ok(chain.every((x: string) => !inState.has(x)), 'auth_chain leaves out what state holds');
    for (const x of event.auth_events as string[]) assert.ok(inState.has(x) || chain.includes(x), `${x} is in state or auth_chain`);
    assert.equal(a.ctx.engine.event(id)!.stored.status, 0);
  });

  test('omit_members=true in a room without a name: the heroes\' member events stay (first 5 joined/invited, not the joiner)', async () => {
    const roomId = await a.ctx.engine.createRoom({ creator: alice(), preset: 'public_chat', roomVersion: '12' });
    const others = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'].map((n) => a.ctx.directory.ensureUser(`@${n}:${A}`));
    for (const u of others.slice(0, 3)) await a.ctx.engine.join(roomId, u);
    await a.ctx.engine.invite(roomId, alice(), others[3]!);
    await a.ctx.engine.join(roomId, others[4]!);
    await a.ctx.engine.join(roomId, others[5]!);
    await a.ctx.engine.leave(roomId, others[0]!); // left: not a hero
    const { event, id } = signedByB(await joinTemplate(roomId, bob(), '12'), '12');
    const r = await fromB('PUT', path`/_matrix/federation/v2/send_join/${roomId}/${id}`, event, { omit_members: 'true' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.members_omitted, true);
    const members = r.body.state.filter((e: JsonObject) => e.type === 'm.room.member').map((e: JsonObject) => e.state_key);
    assert.deepEqual(members, [alice(), others[1], others[2], others[3], others[4]]);
  });

  test('omit_members must be true or false', async () => {
    const roomId = await a.ctx.engine.createRoom({ creator: alice(), preset: 'public_chat', roomVersion: '12' });
    const { event, id } = signedByB(await joinTemplate(roomId, bob(), '12'), '12');
    const r = await fromB('PUT', path`/_matrix/federation/v2/send_join/${roomId}/${id}`, event, { omit_members: 'yes' });
    assert.equal(r.status, 400);
    assert.equal(r.errcode, 'M_INVALID_PARAM');
    assert.equal(a.ctx.engine.event(id), undefined);
  });

  test('validation: each bad join is refused with M_INVALID_PARAM / M_BAD_JSON and not stored', async () => {
    const roomId = await a.ctx.engine.createRoom({ creator: alice(), preset: 'public_chat', roomVersion: '11' });
    const t = await joinTemplate(roomId, bob(), '11');
    const cases: Array<[string, JsonObject, string]> = [
      ['membership leave', { ...t, content: { membership: 'leave' } }, 'M_INVALID_PARAM'],
      ['state_key of another user', { ...t, state_key: `@other:${B}` }, 'M_INVALID_PARAM'],
      ['sender on another server', { ...t, sender: `@bob:${A}`, state_key: `@bob:${A}` }, 'M_INVALID_PARAM'],
      ['type not m.room.member', { ...t, type: 'm.room.message' }, 'M_INVALID_PARAM'],
      ['no content', { ...t, content: undefined }, 'M_BAD_JSON'],
    ];
    for (const [what, body, errcode] of cases) {
      const { event, id } = signedByB(JSON.parse(JSON.stringify(body)), '11');
      const r = await fromB('PUT', path`/_matrix/federation/v2/send_join/${roomId}/${id}`, event);
      assert.equal(r.status, 400, what);
      assert.equal(r.errcode, errcode, `${what}: ${JSON.stringify(r.body)}`);
      assert.equal(a.ctx.engine.event(id), undefined, what);
    }
    // A bad signature, and a good event under another id.
    const { event, id } = signedByB(t, '11');
    const sigs = event.signatures as Record<string, Record<string, string>>;
    const keyId = Object.keys(sigs[B]!)[0]!;
    const forged = { ...event, signatures: { [B]: { [keyId]: sigs[B]![keyId]!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) } } };
    let r = await fromB('PUT', path`/_matrix/federation/v2/send_join/${roomId}/${id}`, forged);
    assert.equal(r.status, 400);
    assert.equal(r.errcode, 'M_INVALID_PARAM');
    const unsigned = { ...event, signatures: {} };
    r = await fromB('PUT', path`/_matrix/federation/v2/send_join/${roomId}/${id}`, unsigned);
    assert.equal(r.errcode, 'M_INVALID_PARAM');
    r = await fromB('PUT', path`/_matrix/federation/v2/send_join/${roomId}/${'$' + 'x'.repeat(43)}`, event);
    assert.equal(r.errcode, 'M_INVALID_PARAM');
    assert.equal(a.ctx.engine.event(id), undefined);
    // The auth rules refuse it (banned): 403.
    await a.ctx.engine.ban(roomId, alice(), bob());
    r = await fromB('PUT', path`/_matrix/federation/v2/send_join/${roomId}/${id}`, event);
    assert.equal(r.status, 403);
    assert.equal(r.errcode, 'M_FORBIDDEN');
  });
});

describe('send_leave v2 and send_knock', () => {
  test('send_leave takes only a leave of the sender; a good one is accepted and answered {}', async () => {
    const roomId = await a.ctx.engine.createRoom({ creator: alice(), preset: 'public_chat', roomVersion: '12' });
    const j = signedByB(await joinTemplate(roomId, bob(), '12'), '12');
    assert.equal((await fromB('PUT', path`/_matrix/federation/v2/send_join/${roomId}/${j.id}`, j.event)).status, 200);
    const t = await fromB('GET', path`/_matrix/federation/v1/make_leave/${roomId}/${bob()}`);
    assert.equal(t.status, 200);
    const wrong = signedByB({ ...t.body.event, content: { membership: 'join' }, origin_server_ts: Date.now() }, '12');
    const bad = await fromB('PUT', path`/_matrix/federation/v2/send_leave/${roomId}/${wrong.id}`, wrong.event);
    assert.equal(bad.errcode, 'M_INVALID_PARAM');
    const good = signedByB({ ...t.body.event, origin_server_ts: Date.now() }, '12');
    const ok = await fromB('PUT', path`/_matrix/federation/v2/send_leave/${roomId}/${good.id}`, good.event);
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.body, {});
    assert.equal(a.ctx.engine.event(good.id)!.stored.status, 0);
  });

  test('make_knock needs a knock join rule (403) and a knocking room version (400)', async () => {
    const roomId = await a.ctx.engine.createRoom({ creator: alice(), preset: 'public_chat', roomVersion: '12' });
    const r = await fromB('GET', path`/_matrix/federation/v1/make_knock/${roomId}/${bob()}`, undefined, { ver: ['12'] });
    assert.equal(r.status, 403);
    const r2 = await fromB('GET', path`/_matrix/federation/v1/make_knock/${roomId}/${bob()}`, undefined, { ver: ['7'] });
    assert.equal(r2.errcode, 'M_INCOMPATIBLE_ROOM_VERSION');
  });
});

describe('invite v2 (we are the invitee\'s server)', () => {
  let roomId: string;
  let invite: (target: string, extra?: JsonObject) => { event: JsonObject; id: string };
  let strippedState: unknown[];

  before(async () => {
    roomId = await b.ctx.engine.createRoom({ creator: bob(), preset: 'private_chat', roomVersion: '12', name: 'from B' });
    invite = (target, extra = {}) => {
      const t = b.ctx.engine.template(roomId, { type: 'm.room.member', stateKey: target, sender: bob(), content: { membership: 'invite' } });
      return signedByB({ ...t.event, ...extra }, '12');
    };
    const state = b.ctx.engine.currentStateId(roomId);
    strippedState = ['m.room.create', 'm.room.name', 'm.room.join_rules'].map((type) => b.ctx.engine.event(b.ctx.engine.ctx.store().stateGet(state, type, '')!)!.pdu);
  });

  test('a good invite: signed by us, returned, remembered with its stripped state', async () => {
    const { event, id } = invite(`@kim:${A}`);
    const r = await fromB('PUT', path`/_matrix/federation/v2/invite/${roomId}/${id}`, { room_version: '12', event, invite_room_state: strippedState });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.ok(r.body.event.signatures[A], 'our signature');
    assert.ok(r.body.event.signatures[B], 'theirs kept');
    assert.equal(computeEventId(a.ctx.slots.json, r.body.event, roomVersion('12')!), id);
    const pending = a.ctx.directory.invite(`@kim:${A}`, roomId);
    assert.equal(pending?.event_id, id);
    assert.equal(pending?.invite_room_state.length, 3);
    assert.ok(a.ctx.directory.user(`@kim:${A}`), 'the invitee exists now');
    // Synapse (≤ 1.160) sends the create event in full and the rest stripped: accepted.
    const other = invite(`@kim2:${A}`);
    const stripped = strippedState.slice(1).map((e) => {
      const { type, state_key, sender, content } = e as JsonObject;
      return { type, state_key, sender, content };
    });
    const r2 = await fromB('PUT', path`/_matrix/federation/v2/invite/${roomId}/${other.id}`, { room_version: '12', event: other.event, invite_room_state: [strippedState[0], ...stripped] });
    assert.equal(r2.status, 200, JSON.stringify(r2.body));
  });

  test('refused: unsupported version, target elsewhere, sender not of the origin, unsigned, no create event', async () => {
    const target = `@lee:${A}`;
    const good = invite(target);
    const put = (id: string, body: unknown) => fromB('PUT', path`/_matrix/federation/v2/invite/${roomId}/${id}`, body);
    let r = await put(good.id, { room_version: '5', event: good.event, invite_room_state: strippedState });
    assert.equal(r.errcode, 'M_INCOMPATIBLE_ROOM_VERSION');
    const elsewhere = invite(`@lee:${B}`);
    r = await put(elsewhere.id, { room_version: '12', event: elsewhere.event, invite_room_state: strippedState });
    assert.equal(r.errcode, 'M_INVALID_PARAM');
    const notOrigin = invite(target, { sender: `@bob:${A}` });
    r = await put(notOrigin.id, { room_version: '12', event: notOrigin.event, invite_room_state: strippedState });
    assert.equal(r.errcode, 'M_INVALID_PARAM');
    r = await put(good.id, { room_version: '12', event: { ...good.event, signatures: {} }, invite_room_state: strippedState });
    assert.equal(r.errcode, 'M_INVALID_PARAM');
    r = await put(good.id, { room_version: '12', event: good.event, invite_room_state: strippedState.slice(1) });
    assert.equal(r.errcode, 'M_INVALID_PARAM');
    r = await put(good.id, { room_version: '12', event: good.event, invite_room_state: [{ type: 'm.room.create', state_key: '', sender: bob(), content: {} }, ...strippedState.slice(1)] });
    assert.equal(r.errcode, 'M_INVALID_PARAM', 'v12: the create event must be a full PDU');
    const forgedName = { ...(strippedState[1] as JsonObject), content: { name: 'changed' } };
    r = await put(good.id, { room_version: '12', event: good.event, invite_room_state: [strippedState[0], forgedName] });
    assert.equal(r.errcode, 'M_INVALID_PARAM', 'v12: a full PDU that does not verify');
    const join = invite(target, { content: { membership: 'join' } });
    r = await put(join.id, { room_version: '12', event: join.event, invite_room_state: strippedState });
    assert.equal(r.errcode, 'M_INVALID_PARAM');
    assert.equal(a.ctx.directory.invite(target, roomId), undefined);
  });
});
