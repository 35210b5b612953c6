// The /_admin API's writing calls on an in-process server: rooms, joins, events, invites, leave, kick/ban/unban,
// and every error they answer (each refused call also checked to leave nothing behind).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { call } from '../testing/http.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { AdminClient } from './admin-client.ts';

const SERVER = 'admin.test';
const alice = `@alice:${SERVER}`;
const bob = `@bob:${SERVER}`;
const carol = `@carol:${SERVER}`;
const enc = encodeURIComponent;

let s: TestServer;
let admin: AdminClient;
before(async () => {
  s = await startTestServer(['--server-name', SERVER]);
  admin = new AdminClient(s.adminUrl);
});
after(async () => s.stop());

/** The raw call, for checking statuses and errcodes. */
const post = (path: string, body?: unknown) => call('POST', `${s.adminUrl}${path}`, body);

function assertError(r: { status: number; body: any; text: string }, status: number, errcode: string, match?: RegExp): void { // eslint-disable-line @typescript-eslint/no-explicit-any
  assert.equal(r.status, status, r.text);
  assert.equal(r.body?.errcode, errcode, r.text);
  assert.equal(typeof r.body?.error, 'string');
  if (match) assert.match(r.body.error, match);
}

describe('POST /_admin/rooms', () => {
  test('defaults: room version 12, public_chat, the creator created and joined; name, topic, alias set', async () => {
    assert.equal(s.ctx.directory.user(alice), undefined);
    const roomId = await admin.createRoom({ creator: alice, name: 'Lobby', topic: 'Welcome', alias: 'lobby' });
    assert.match(roomId, /^![A-Za-z0-9_-]{43}$/, 'a v12 room id has no server part');
    assert.ok(s.ctx.directory.user(alice), 'the creator was created');
    const rooms = await admin.rooms();
    const listed = rooms.find((r) => r.room_id === roomId);
    assert.deepEqual(listed, { room_id: roomId, room_version: '12', members: 1, servers: [SERVER], events: listed!.events });
    const state = await admin.state(roomId);
    const content = (type: string, key = '') => state.find((e) => e.type === type && e.state_key === key)?.content;
    assert.equal(content('m.room.create')!.room_version, '12');
    assert.equal(content('m.room.join_rules')!.join_rule, 'public');
    assert.equal(content('m.room.member', alice)!.membership, 'join');
    assert.equal(content('m.room.name')!.name, 'Lobby');
    assert.equal(content('m.room.topic')!.topic, 'Welcome');
    assert.equal(content('m.room.canonical_alias')!.alias, `#lobby:${SERVER}`);
    assert.equal(s.ctx.directory.resolveAlias(`#lobby:${SERVER}`), roomId);
    assert.equal(listed!.events, state.length, 'a new room holds exactly its state events');
  });

  test('room_version 10 and 11 give `!opaque:server` ids; private_chat makes an invite-only room', async () => {
    for (const v of ['10', '11']) {
      const roomId = await admin.createRoom({ creator: alice, room_version: v, preset: 'private_chat', alias: `#private${v}:${SERVER}` });
      assert.ok(roomId.endsWith(`:${SERVER}`), roomId);
      assert.equal((await admin.rooms()).find((r) => r.room_id === roomId)?.room_version, v);
      assert.equal((await admin.stateEvent(roomId, 'm.room.join_rules'))?.content.join_rule, 'invite');
      const r = await post(`/_admin/rooms/${enc(roomId)}/join`, { user: bob });
      assertError(r, 403, 'M_FORBIDDEN');
    }
  });

  test('refused input: missing, mistyped or foreign fields, unknown preset or version, a taken alias — nothing is created', async () => {
    const roomsBefore = (await admin.rooms()).length;
    await admin.createRoom({ creator: alice, alias: 'taken' });
    const cases: Array<[unknown, number, string]> = [
      [{}, 400, 'M_MISSING_PARAM'],
      [{ creator: 42 }, 400, 'M_BAD_JSON'],
      [{ creator: '@dave:elsewhere.example' }, 400, 'M_INVALID_PARAM'],
      [{ creator: 'dave' }, 400, 'M_INVALID_PARAM'],
      [{ creator: `@dave:${SERVER}`, preset: 'trusted_private_chat' }, 400, 'M_INVALID_PARAM'],
      [{ creator: `@dave:${SERVER}`, room_version: '99' }, 400, 'M_UNSUPPORTED_ROOM_VERSION'],
      [{ creator: `@dave:${SERVER}`, name: ['x'] }, 400, 'M_BAD_JSON'],
      [{ creator: `@dave:${SERVER}`, alias: 'taken' }, 409, 'M_ROOM_IN_USE'],
      [{ creator: `@dave:${SERVER}`, alias: '#x:elsewhere.example' }, 400, 'M_INVALID_PARAM'],
    ];
    for (const [body, status, errcode] of cases) assertError(await post('/_admin/rooms', body), status, errcode);
    assertError(await post('/_admin/rooms'), 400, 'M_NOT_JSON');
    assertError(await post('/_admin/rooms', '[1]'), 400, 'M_NOT_JSON');
    assert.equal((await admin.rooms()).length, roomsBefore + 1, 'only the room with the alias "taken" was made');
    assert.equal(s.ctx.directory.user(`@dave:${SERVER}`), undefined, 'no user was created by a refused call');
  });
});

describe('joins, messages, state, leave', () => {
  let roomId: string;
  before(async () => {
    roomId = await admin.createRoom({ creator: alice, alias: 'chat' });
  });

  test('join by id and by alias; a second user is created; both are members', async () => {
    assert.equal(await admin.join(roomId, bob), roomId);
    assert.equal(await admin.join(`#chat:${SERVER}`, carol), roomId);
    assert.deepEqual(await admin.members(roomId), [alice, bob, carol].sort());
    assert.ok(s.ctx.directory.user(carol));
  });

  test('send: a message is in the timeline; a state_key makes a state event; redacts redacts', async () => {
    const msg = await admin.send(roomId, bob, 'hello');
    const page = await admin.messages(roomId, { limit: 1 });
    assert.equal(page.events[0]!.event_id, msg);
    assert.equal(page.events[0]!.content.body, 'hello');
    assert.equal(page.events[0]!.sender, bob);
    assert.equal(page.events[0]!.state_key, undefined);
    const topic = await admin.setState(roomId, alice, 'm.room.topic', '', { topic: 'news' });
    assert.equal((await admin.stateEvent(roomId, 'm.room.topic'))?.event_id, topic);
    const empty = await admin.sendEvent(roomId, alice, 'org.example.thing', {}, '');
    assert.equal((await admin.stateEvent(roomId, 'org.example.thing'))?.event_id, empty, 'state_key "" still makes a state event');
    const r = await post(`/_admin/rooms/${enc(roomId)}/send`, { user: alice, type: 'm.room.redaction', content: { reason: 'oops' }, redacts: msg });
    assert.equal(r.status, 200, r.text);
    const redacted = await admin.event(msg);
    assert.equal(redacted.pdu.content.body, undefined, 'the message is stored redacted');
  });

  test('send refuses: unknown room 404, missing/mistyped fields 400, foreign user 400, non-member 403', async () => {
    const unknown = await post(`/_admin/rooms/${enc('!nope:elsewhere.example')}/send`, { user: alice, type: 'm.room.message', content: {} });
    assertError(unknown, 404, 'M_NOT_FOUND');
    assertError(await post(`/_admin/rooms/${enc('#nope:' + SERVER)}/send`, { user: alice, type: 'm.room.message', content: {} }), 404, 'M_NOT_FOUND');
    const path = `/_admin/rooms/${enc(roomId)}/send`;
    assertError(await post(path, { user: alice, content: {} }), 400, 'M_MISSING_PARAM', /type/);
    assertError(await post(path, { user: alice, type: 'm.room.message' }), 400, 'M_MISSING_PARAM', /content/);
    assertError(await post(path, { type: 'm.room.message', content: {} }), 400, 'M_MISSING_PARAM', /user/);
    assertError(await post(path, { user: alice, type: 'm.room.message', content: 'hi' }), 400, 'M_BAD_JSON');
    assertError(await post(path, { user: alice, type: 'm.room.message', content: {}, state_key: 1 }), 400, 'M_BAD_JSON');
    assertError(await post(path, { user: '@alice:elsewhere.example', type: 'm.room.message', content: {} }), 400, 'M_INVALID_PARAM');
    const before = (await admin.rooms()).find((r) => r.room_id === roomId)!.events;
    assertError(await post(path, { user: `@mallory:${SERVER}`, type: 'm.room.message', content: { body: 'x' } }), 403, 'M_FORBIDDEN', /./);
    assertError(await post(path, { user: bob, type: 'm.room.power_levels', content: { users: { [bob]: 100 } }, state_key: '' }), 403, 'M_FORBIDDEN');
    assert.equal((await admin.rooms()).find((r) => r.room_id === roomId)!.events, before, 'refused events are not stored');
  });

  test('leave: the membership becomes leave; leaving again as a non-member is refused', async () => {
    const id = await admin.leave(roomId, carol);
    assert.ok(id);
    assert.equal((await admin.stateEvent(roomId, 'm.room.member', carol))?.content.membership, 'leave');
    assertError(await post(`/_admin/rooms/${enc(roomId)}/leave`, { user: `@nobody:${SERVER}` }), 403, 'M_FORBIDDEN');
    assertError(await post(`/_admin/rooms/${enc('!nope:elsewhere.example')}/leave`, { user: carol }), 404, 'M_NOT_FOUND');
  });

  test('join refuses: unknown local alias 404, unknown room with no server to ask 404, foreign user 400', async () => {
    assertError(await post(`/_admin/rooms/${enc('#missing:' + SERVER)}/join`, { user: bob }), 404, 'M_NOT_FOUND');
    const v12Like = '!' + 'A'.repeat(43);
    assertError(await post(`/_admin/rooms/${enc(v12Like)}/join`, { user: bob }), 404, 'M_NOT_FOUND', /via/);
    assertError(await post(`/_admin/rooms/${enc(roomId)}/join`, { user: '@bob:elsewhere.example' }), 400, 'M_INVALID_PARAM');
    assertError(await post(`/_admin/rooms/${enc(roomId)}/join`, { user: bob, via: 'x' }), 400, 'M_BAD_JSON');
    assertError(await post(`/_admin/rooms/${enc('not a room')}/join`, { user: bob }), 400, 'M_INVALID_PARAM');
    assertError(await post(`/_admin/rooms/${enc(v12Like)}/join`, { user: `@ghost:${SERVER}` }), 404, 'M_NOT_FOUND');
    assert.equal(s.ctx.directory.user(`@ghost:${SERVER}`), undefined, 'a refused join creates no user');
  });
});

describe('invites, kick, ban, unban', () => {
  let roomId: string;
  before(async () => {
    roomId = await admin.createRoom({ creator: alice, preset: 'private_chat' });
  });

  test('an invite to a local user shows in /_admin/invites until the user joins', async () => {
    const dan = `@dan:${SERVER}`;
    assert.deepEqual(await admin.invites(dan), []);
    const inviteId = await admin.invite(roomId, alice, dan);
    assert.ok(s.ctx.directory.user(dan), 'the invitee was created');
    const invites = await admin.invites(dan);
    assert.equal(invites.length, 1);
    assert.equal(invites[0]!.room_id, roomId);
    assert.equal(invites[0]!.event_id, inviteId);
    assert.equal(invites[0]!.sender, alice);
    assert.equal(invites[0]!.room_version, '12');
    await admin.join(roomId, dan);
    assert.deepEqual(await admin.invites(dan), []);
    assert.deepEqual(await admin.members(roomId), [alice, dan].sort());
  });

  test('invite refuses: a target that is no user id, a sender without the power', async () => {
    assertError(await post(`/_admin/rooms/${enc(roomId)}/invite`, { user: alice, target: 'nobody' }), 400, 'M_INVALID_PARAM');
    assertError(await post(`/_admin/rooms/${enc(roomId)}/invite`, { user: alice }), 400, 'M_MISSING_PARAM');
    assertError(await post(`/_admin/rooms/${enc(roomId)}/invite`, { user: `@eve:${SERVER}`, target: `@gus:${SERVER}` }), 403, 'M_FORBIDDEN');
    assert.equal(s.ctx.directory.user(`@gus:${SERVER}`), undefined, 'a refused invite creates no user');
  });

  test('kick and ban need the power; a ban keeps the user out until unbanned', async () => {
    await admin.invite(roomId, alice, bob);
    await admin.join(roomId, bob);
    assertError(await post(`/_admin/rooms/${enc(roomId)}/kick`, { user: bob, target: alice }), 403, 'M_FORBIDDEN', /kick/);
    assertError(await post(`/_admin/rooms/${enc(roomId)}/ban`, { user: bob, target: alice }), 403, 'M_FORBIDDEN');
    await admin.kick(roomId, alice, bob, 'cool down');
    const kicked = await admin.stateEvent(roomId, 'm.room.member', bob);
    assert.equal(kicked?.content.membership, 'leave');
    assert.equal(kicked?.content.reason, 'cool down');
    assert.equal(kicked?.sender, alice);
    await admin.ban(roomId, alice, bob);
    assert.equal((await admin.stateEvent(roomId, 'm.room.member', bob))?.content.membership, 'ban');
    await admin.invite(roomId, alice, `@frank:${SERVER}`);
    assertError(await post(`/_admin/rooms/${enc(roomId)}/join`, { user: bob }), 403, 'M_FORBIDDEN');
    assertError(await post(`/_admin/rooms/${enc(roomId)}/invite`, { user: alice, target: bob }), 403, 'M_FORBIDDEN');
    await admin.unban(roomId, alice, bob);
    assert.equal((await admin.stateEvent(roomId, 'm.room.member', bob))?.content.membership, 'leave');
    await admin.invite(roomId, alice, bob);
    await admin.join(roomId, bob);
    assert.equal((await admin.stateEvent(roomId, 'm.room.member', bob))?.content.membership, 'join');
  });

  test('kick/ban/unban refuse missing fields and unknown rooms', async () => {
    for (const action of ['kick', 'ban', 'unban']) {
      assertError(await post(`/_admin/rooms/${enc(roomId)}/${action}`, { user: alice }), 400, 'M_MISSING_PARAM');
      assertError(await post(`/_admin/rooms/${enc(roomId)}/${action}`, { user: alice, target: bob, reason: 7 }), 400, 'M_BAD_JSON');
      assertError(await post(`/_admin/rooms/${enc('!gone:' + SERVER)}/${action}`, { user: alice, target: bob }), 404, 'M_NOT_FOUND');
    }
  });
});

test('unknown admin paths are 404 M_UNRECOGNIZED, wrong methods 405', async () => {
  assertError(await call('GET', `${s.adminUrl}/_admin/nothing`), 404, 'M_UNRECOGNIZED');
  assertError(await call('GET', `${s.adminUrl}/_admin/rooms/x/send`), 405, 'M_UNRECOGNIZED');
});
