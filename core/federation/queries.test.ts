// /query/directory, /query/profile and /publicRooms (GET and POST) as a remote server sees them.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Reply } from './testing/peer.ts';
import { sharedRoom, twoServers, type TwoServers } from './testing/two-servers.ts';

let t: TwoServers;
before(async () => {
  t = await twoServers();
});
after(async () => t.stop());

const get = (path: string): Promise<Reply> => t.peer.request(t.homeName, 'GET', path, undefined);
const enc = encodeURIComponent;
function assertError(r: Reply, status: number, errcode: string, what = ''): void {
  assert.equal(r.status, status, `${what} ${JSON.stringify(r.body)}`);
  assert.equal(r.body.errcode, errcode, what);
}

describe('GET /query/directory', () => {
  test('an alias of ours: the room and the servers in it, ours first', async () => {
    const { roomId } = await sharedRoom(t);
    const alias = `#lobby:${t.homeName}`;
    t.home.ctx.directory.setAlias(alias, roomId);
    const r = await get(`/_matrix/federation/v1/query/directory?room_alias=${enc(alias)}`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { room_id: roomId, servers: [t.homeName, t.peer.name] });
  });
  test('errors: unknown 404, another server\'s alias 400, malformed 400, missing 400', async () => {
    assertError(await get(`/_matrix/federation/v1/query/directory?room_alias=${enc(`#nothing:${t.homeName}`)}`), 404, 'M_NOT_FOUND');
    assertError(await get(`/_matrix/federation/v1/query/directory?room_alias=${enc('#lobby:elsewhere.example')}`), 400, 'M_INVALID_PARAM');
    assertError(await get(`/_matrix/federation/v1/query/directory?room_alias=${enc('lobby')}`), 400, 'M_INVALID_PARAM');
    assertError(await get('/_matrix/federation/v1/query/directory'), 400, 'M_MISSING_PARAM');
  });
});

describe('GET /query/profile', () => {
  test('a local user: the whole profile or one field', async () => {
    const carol = t.home.ctx.directory.ensureUser(`@carol:${t.homeName}`);
    assert.deepEqual((await get(`/_matrix/federation/v1/query/profile?user_id=${enc(carol)}`)).body, { displayname: 'carol' });
    assert.deepEqual((await get(`/_matrix/federation/v1/query/profile?user_id=${enc(carol)}&field=displayname`)).body, { displayname: 'carol' });
    assert.deepEqual((await get(`/_matrix/federation/v1/query/profile?user_id=${enc(carol)}&field=avatar_url`)).body, { avatar_url: null });
    assertError(await get(`/_matrix/federation/v1/query/profile?user_id=${enc(carol)}&field=m.tz`), 404, 'M_NOT_FOUND');
  });
  test('errors: unknown user 404, another server\'s user 400, malformed id 400 (Complement), missing 400', async () => {
    assertError(await get(`/_matrix/federation/v1/query/profile?user_id=${enc(`@ghost:${t.homeName}`)}`), 404, 'M_NOT_FOUND');
    assertError(await get(`/_matrix/federation/v1/query/profile?user_id=${enc('@someone:elsewhere.example')}`), 400, 'M_INVALID_PARAM');
    // Complement TestInboundFederationProfile: "Non-numeric ports in server names are rejected".
    assertError(await get('/_matrix/federation/v1/query/profile?user_id=@user1:localhost:http&field=displayname'), 400, 'M_INVALID_PARAM');
    assertError(await get('/_matrix/federation/v1/query/profile'), 400, 'M_MISSING_PARAM');
  });
});

describe('/publicRooms', () => {
  let rooms: { big: string; small: string; space: string; priv: string; remote: string };
  before(async () => {
    const ctx = t.home.ctx;
    const alice = ctx.directory.ensureUser(`@alice:${t.homeName}`);
    const big = (await sharedRoom(t, { name: 'Big Room' })).roomId; // alice + bob
    await ctx.engine.sendState(big, alice, 'm.room.topic', '', { topic: 'all about cheese' });
    await ctx.engine.sendState(big, alice, 'm.room.canonical_alias', '', { alias: `#big:${t.homeName}` });
    await ctx.engine.sendState(big, alice, 'm.room.history_visibility', '', { history_visibility: 'world_readable' });
    await ctx.engine.sendState(big, alice, 'm.room.guest_access', '', { guest_access: 'can_join' });
    const small = await ctx.engine.createRoom({ creator: alice, preset: 'public_chat', name: 'Small Room' });
    const space = await ctx.engine.createRoom({ creator: alice, preset: 'public_chat', name: 'A Space', creationContent: { type: 'm.space' } });
    const priv = await ctx.engine.createRoom({ creator: alice, preset: 'private_chat', name: 'Private' });
    // A public room created by the peer's user (made known here through its events): the peer's to list.
    const remote = await t.peer.server.ctx.engine.createRoom({ creator: t.peer.server.ctx.directory.ensureUser(t.peer.user('dave')), preset: 'public_chat' });
    const pctx = t.peer.server.ctx;
    const r = pctx.engine.room(remote)!;
    ctx.engine.registerRoom(remote, r.version, r.createEventId);
    const events = [...pctx.data.store().roomEvents(remote)].map((e) => JSON.parse(Buffer.from(e.bytes).toString('utf8')));
    await ctx.engine.receive(remote, events);
    assert.ok(ctx.engine.room(remote)!.extremities.length > 0);
    rooms = { big, small, space, priv, remote };
  });

  test('GET: our public rooms, largest first, with their summary', async () => {
    const r = await get('/_matrix/federation/v1/publicRooms');
    assert.equal(r.status, 200);
    const listed = r.body.chunk.map((c: { room_id: string }) => c.room_id);
    assert.ok(listed.includes(rooms.big) && listed.includes(rooms.small) && listed.includes(rooms.space));
    assert.ok(!listed.includes(rooms.priv), 'invite-only rooms are not listed');
    assert.ok(!listed.includes(rooms.remote), 'rooms of other servers are not listed');
    const big = r.body.chunk.find((c: { room_id: string }) => c.room_id === rooms.big);
    assert.deepEqual(big, {
      room_id: rooms.big, name: 'Big Room', topic: 'all about cheese', canonical_alias: `#big:${t.homeName}`,
      num_joined_members: 2, world_readable: true, guest_can_join: true, join_rule: 'public',
    });
    const space = r.body.chunk.find((c: { room_id: string }) => c.room_id === rooms.space);
    assert.equal(space.room_type, 'm.space');
    assert.equal(space.num_joined_members, 1);
    const counts = r.body.chunk.map((c: { num_joined_members: number }) => c.num_joined_members);
    assert.deepEqual(counts, [...counts].sort((a, b) => b - a));
    assert.equal(r.body.total_room_count_estimate, r.body.chunk.length);
    assert.equal(r.body.next_batch, undefined);
  });

  test('GET: paginated with limit and since', async () => {
    const all = (await get('/_matrix/federation/v1/publicRooms')).body.chunk.map((c: { room_id: string }) => c.room_id);
    const p1 = await get('/_matrix/federation/v1/publicRooms?limit=2');
    assert.equal(p1.body.chunk.length, 2);
    assert.ok(typeof p1.body.next_batch === 'string');
    assert.equal(p1.body.prev_batch, undefined);
    const p2 = await get(`/_matrix/federation/v1/publicRooms?limit=2&since=${enc(p1.body.next_batch)}`);
    assert.equal(typeof p2.body.prev_batch, 'string');
    const paged = [...p1.body.chunk, ...p2.body.chunk].map((c: { room_id: string }) => c.room_id);
    assert.deepEqual(paged, all.slice(0, paged.length));
    assertError(await get('/_matrix/federation/v1/publicRooms?since=garbage'), 400, 'M_INVALID_PARAM');
    assertError(await get('/_matrix/federation/v1/publicRooms?limit=x'), 400, 'M_INVALID_PARAM');
  });

  test('POST: filtered by search term and room types', async () => {
    const post = (body: unknown) => t.peer.request(t.homeName, 'POST', '/_matrix/federation/v1/publicRooms', body);
    const ids = (r: Reply) => r.body.chunk.map((c: { room_id: string }) => c.room_id);
    assert.deepEqual(ids(await post({ filter: { generic_search_term: 'CHEESE' } })), [rooms.big]);
    assert.deepEqual(ids(await post({ filter: { generic_search_term: 'small' } })), [rooms.small]);
    assert.deepEqual(ids(await post({ filter: { room_types: ['m.space'] } })), [rooms.space]);
    assert.ok(!ids(await post({ filter: { room_types: [null] } })).includes(rooms.space));
    const one = await post({ limit: 1 });
    assert.equal(one.body.chunk.length, 1);
    assert.ok(one.body.next_batch);
    assertError(await post({ limit: 'x' }), 400, 'M_BAD_JSON');
    assertError(await post({ filter: { room_types: [1] } }), 400, 'M_BAD_JSON');
  });
});
