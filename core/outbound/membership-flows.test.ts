// Two real Fluctlight servers in-process: B's users join, leave, get invited to and knock on rooms hosted by A
// (make_join/send_join v2, make_leave/send_leave v2, /invite v2, make_knock/send_knock), and events then flow
// both ways through the federation sender.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import type { ServerContext } from '../context.ts';
import { EventStatus } from '../slots/store.ts';
import { MatrixError } from '../matrix/errors.ts';
import { inviteRemoteUser, joinRemoteRoom, knockRemoteRoom, leaveRemoteRoom, rejectInvite } from './membership-flows.ts';
import { queueToRoom } from './room-servers.ts';

let a: TestServer;
let b: TestServer;
const alice = () => `@alice:${a.ctx.serverName}`;
const bob = () => `@bob:${b.ctx.serverName}`;

before(async () => {
  a = await startTestServer();
  b = await startTestServer();
  a.ctx.directory.ensureUser(alice());
  b.ctx.directory.ensureUser(bob());
});
after(async () => {
  if (process.env.SHOW_LOGS) console.log(a?.logLines.join("\n"), b?.logLines.join("\n"));
  await a?.stop();
  await b?.stop();
});

function stateOf(ctx: ServerContext, roomId: string): string[] {
  return ctx.engine.stateEntries(ctx.engine.currentStateId(roomId)).map((e) => e.join('|')).sort();
}
function status(ctx: ServerContext, eventId: string): number | undefined {
  return ctx.engine.event(eventId)?.stored.status;
}
function membership(ctx: ServerContext, roomId: string, userId: string): unknown {
  const id = ctx.engine.ctx.store().stateGet(ctx.engine.currentStateId(roomId), 'm.room.member', userId);
  return id === undefined ? undefined : ctx.engine.event(id)!.pdu.content['membership'];
}
/** A local event, queued to the room's other servers and delivered. */
async function sendFrom(s: TestServer, roomId: string, sender: string, body: string): Promise<string> {
  const id = await s.ctx.engine.sendMessage(roomId, sender, { msgtype: 'm.text', body });
  queueToRoom(s.ctx, roomId, id);
  await s.ctx.data.commit();
  await s.ctx.sender.idle();
  return id;
}
async function rejects(p: Promise<unknown>, status: number, errcode?: string): Promise<MatrixError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof MatrixError, `expected a MatrixError, got ${String(e)}`);
    assert.equal(e.status, status, e.message);
    if (errcode !== undefined) assert.equal(e.errcode, errcode, e.message);
    return e;
  }
  assert.fail('expected a rejection');
}

for (const version of ['10', '11', '12']) {
  describe(`room version ${version}`, () => {
    let roomId: string;
    let before1: string;

    test('B joins a room of A by id; its state is A\'s; history from before the join is there', async () => {
      roomId = await a.ctx.engine.createRoom({ creator: alice(), preset: 'public_chat', roomVersion: version, name: `room ${version}` });
      before1 = await a.ctx.engine.sendMessage(roomId, alice(), { msgtype: 'm.text', body: 'before B joined' });
      const r = await joinRemoteRoom(b.ctx, roomId, bob(), [a.ctx.serverName]);
      assert.equal(r.roomId, roomId);
      assert.equal(r.server, a.ctx.serverName);
      assert.equal(status(b.ctx, r.eventId), EventStatus.ACCEPTED);
      assert.equal(status(a.ctx, r.eventId), EventStatus.ACCEPTED);
      assert.deepEqual(stateOf(b.ctx, roomId), stateOf(a.ctx, roomId));
      assert.equal(b.ctx.engine.room(roomId)!.version, version);
      // Backfilled: the message sent before the join is in B's timeline, before the join.
      assert.equal(status(b.ctx, before1), EventStatus.ACCEPTED);
      const timeline = b.ctx.engine.timeline(roomId, { limit: 100 }).events.map((e) => e.eventId);
      assert.ok(timeline.indexOf(before1) > timeline.indexOf(r.eventId), 'the older message comes after (older than) the join, newest first');
    });

    test('messages flow both ways after the join', async () => {
      const m1 = await sendFrom(a, roomId, alice(), 'hello B');
      assert.equal(status(b.ctx, m1), EventStatus.ACCEPTED);
      const m2 = await sendFrom(b, roomId, bob(), 'hello A');
      assert.equal(status(a.ctx, m2), EventStatus.ACCEPTED);
      assert.deepEqual(stateOf(b.ctx, roomId), stateOf(a.ctx, roomId));
    });

    test('B leaves with a local leave event; A sees it', async () => {
      const id = await b.ctx.engine.leave(roomId, bob());
      queueToRoom(b.ctx, roomId, id);
      await b.ctx.data.commit();
      await b.ctx.sender.idle();
      assert.equal(membership(a.ctx, roomId, bob()), 'leave');
    });

    test('B rejoins through the handshake (its server left the room)', async () => {
      const r = await joinRemoteRoom(b.ctx, roomId, bob(), [a.ctx.serverName]);
      assert.equal(membership(a.ctx, roomId, bob()), 'join');
      assert.equal(membership(b.ctx, roomId, bob()), 'join');
      const m = await sendFrom(a, roomId, alice(), 'welcome back');
      assert.equal(status(b.ctx, m), EventStatus.ACCEPTED);
      assert.equal(status(a.ctx, r.eventId), EventStatus.ACCEPTED);
    });
  });
}

describe('joins', () => {
  test('by alias: GET /query/directory on the alias\'s server, then the join', async () => {
    const roomId = await a.ctx.engine.createRoom({ creator: alice(), preset: 'public_chat', roomVersion: '12' });
    const alias = `#lobby:${a.ctx.serverName}`;
    a.ctx.directory.setAlias(alias, roomId);
    await a.ctx.data.commit();
    const r = await joinRemoteRoom(b.ctx, alias, bob());
    assert.equal(r.roomId, roomId);
    assert.deepEqual(stateOf(b.ctx, roomId), stateOf(a.ctx, roomId));
  });

  test('a ban on A: 403 at make_join, nothing stored on B', async () => {
    const roomId = await a.ctx.engine.createRoom({ creator: alice(), preset: 'public_chat', roomVersion: '11' });
    const carol = `@carol:${b.ctx.serverName}`;
    await a.ctx.engine.ban(roomId, alice(), carol);
    await rejects(joinRemoteRoom(b.ctx, roomId, carol, [a.ctx.serverName]), 403, 'M_FORBIDDEN');
    assert.equal(b.ctx.engine.room(roomId), undefined);
  });

  test('invite-only room: 403 without an invite', async () => {
    const roomId = await a.ctx.engine.createRoom({ creator: alice(), preset: 'private_chat', roomVersion: '12' });
    await rejects(joinRemoteRoom(b.ctx, roomId, bob(), [a.ctx.serverName]), 403, 'M_FORBIDDEN');
  });

  test('unknown room: 404 from the resident', async () => {
    await rejects(joinRemoteRoom(b.ctx, `!nope:${a.ctx.serverName}`, bob()), 404, 'M_NOT_FOUND');
  });

  test('no server to ask: 400', async () => {
    const roomId = await a.ctx.engine.createRoom({ creator: alice(), preset: 'public_chat', roomVersion: '12' });
    await rejects(joinRemoteRoom(b.ctx, roomId, bob()), 400);
  });
});

describe('restricted rooms (v10)', () => {
  test('a member of an allowed room gets in (A vouches); anyone else gets 403', async () => {
    const space = await a.ctx.engine.createRoom({ creator: alice(), preset: 'public_chat', roomVersion: '10' });
    const roomId = await a.ctx.engine.createRoom({
      creator: alice(), preset: 'private_chat', roomVersion: '10',
      initialState: [{ type: 'm.room.join_rules', content: { join_rule: 'restricted', allow: [{ type: 'm.room_membership', room_id: space }] } }],
    });
    const dave = `@dave:${b.ctx.serverName}`;
    await rejects(joinRemoteRoom(b.ctx, roomId, dave, [a.ctx.serverName]), 403, 'M_FORBIDDEN');
    await joinRemoteRoom(b.ctx, space, dave, [a.ctx.serverName]);
    const r = await joinRemoteRoom(b.ctx, roomId, dave, [a.ctx.serverName]);
    const join = a.ctx.engine.event(r.eventId)!.pdu;
    assert.equal(join.content['join_authorised_via_users_server'], alice());
    assert.ok(join.signatures[a.ctx.serverName], 'A co-signed the join');
    assert.ok(b.ctx.engine.event(r.eventId)!.pdu.signatures[a.ctx.serverName], 'B keeps the co-signed copy send_join returned');
    assert.equal(membership(a.ctx, roomId, dave), 'join');
    assert.deepEqual(stateOf(b.ctx, roomId), stateOf(a.ctx, roomId));
  });

  test('allowed rooms A does not know: 400 M_UNABLE_TO_AUTHORISE_JOIN', async () => {
    const roomId = await a.ctx.engine.createRoom({
      creator: alice(), preset: 'private_chat', roomVersion: '10',
      initialState: [{ type: 'm.room.join_rules', content: { join_rule: 'restricted', allow: [{ type: 'm.room_membership', room_id: '!unknown:elsewhere.example' }] } }],
    });
    await rejects(joinRemoteRoom(b.ctx, roomId, `@erin:${b.ctx.serverName}`, [a.ctx.serverName]), 400, 'M_UNABLE_TO_AUTHORISE_JOIN');
  });
});

describe('invites', () => {
  test('A invites a user of B (B countersigns and remembers it); the user accepts by joining', async () => {
    const roomId = await a.ctx.engine.createRoom({ creator: alice(), preset: 'private_chat', roomVersion: '12', name: 'secret' });
    const frank = `@frank:${b.ctx.serverName}`;
    const inviteId = await inviteRemoteUser(a.ctx, roomId, alice(), frank, 'join us');
    assert.equal(status(a.ctx, inviteId), EventStatus.ACCEPTED);
    const invite = a.ctx.engine.event(inviteId)!.pdu;
    assert.ok(invite.signatures[b.ctx.serverName], 'B signed the invite');
    assert.equal(invite.content['reason'], 'join us');
    const pending = b.ctx.directory.invite(frank, roomId);
    assert.ok(pending);
    assert.equal(pending.event_id, inviteId);
    assert.equal(pending.sender, alice());
    const types = pending.invite_room_state.map((e) => (e as { type: string }).type);
    assert.ok(types.includes('m.room.create') && types.includes('m.room.name') && types.includes('m.room.join_rules'), types.join());

    const r = await joinRemoteRoom(b.ctx, roomId, frank); // the inviting server is the join candidate
    assert.equal(membership(a.ctx, roomId, frank), 'join');
    assert.equal(b.ctx.directory.invite(frank, roomId), undefined);
    assert.equal(status(b.ctx, r.eventId), EventStatus.ACCEPTED);
  });

  test('an invite can be rejected over federation (make_leave/send_leave v2)', async () => {
    const roomId = await a.ctx.engine.createRoom({ creator: alice(), preset: 'private_chat', roomVersion: '11' });
    const gina = `@gina:${b.ctx.serverName}`;
    await inviteRemoteUser(a.ctx, roomId, alice(), gina);
    assert.equal(membership(a.ctx, roomId, gina), 'invite');
    const r = await rejectInvite(b.ctx, gina, roomId, 'no thanks');
    assert.equal(membership(a.ctx, roomId, gina), 'leave');
    assert.equal(a.ctx.engine.event(r.eventId)!.pdu.content['reason'], 'no thanks');
    assert.equal(b.ctx.directory.invite(gina, roomId), undefined);
  });

  test('an invite the auth rules refuse is never sent', async () => {
    const roomId = await a.ctx.engine.createRoom({ creator: alice(), preset: 'private_chat', roomVersion: '12' });
    await rejects(inviteRemoteUser(a.ctx, roomId, `@nobody:${a.ctx.serverName}`, `@h:${b.ctx.serverName}`), 403, 'M_FORBIDDEN');
    assert.equal(b.ctx.directory.invite(`@h:${b.ctx.serverName}`, roomId), undefined);
  });
});

describe('leaves and knocks', () => {
  test('A\'s user leaves a room B hosts: a local leave, sent to B', async () => {
    const roomId = await b.ctx.engine.createRoom({ creator: bob(), preset: 'public_chat', roomVersion: '12' });
    await joinRemoteRoom(a.ctx, roomId, alice(), [b.ctx.serverName]);
    assert.equal(membership(b.ctx, roomId, alice()), 'join');
    const id = await a.ctx.engine.leave(roomId, alice());
    queueToRoom(a.ctx, roomId, id);
    await a.ctx.data.commit();
    await a.ctx.sender.idle();
    assert.equal(membership(b.ctx, roomId, alice()), 'leave');
  });

  test('knock on a knock room, then retract it with make_leave/send_leave', async () => {
    const roomId = await a.ctx.engine.createRoom({
      creator: alice(), preset: 'private_chat', roomVersion: '12', name: 'knock here',
      initialState: [{ type: 'm.room.join_rules', content: { join_rule: 'knock' } }],
    });
    const ivy = `@ivy:${b.ctx.serverName}`;
    const k = await knockRemoteRoom(b.ctx, roomId, ivy, [a.ctx.serverName], 'let me in');
    assert.equal(membership(a.ctx, roomId, ivy), 'knock');
    const types = (k.knockRoomState ?? []).map((e) => (e as { type: string }).type);
    assert.ok(types.includes('m.room.create') && types.includes('m.room.name'), types.join());
    await leaveRemoteRoom(b.ctx, roomId, ivy, [a.ctx.serverName]);
    assert.equal(membership(a.ctx, roomId, ivy), 'leave');
  });

  test('knocking on a public room: 403', async () => {
    const roomId = await a.ctx.engine.createRoom({ creator: alice(), preset: 'public_chat', roomVersion: '12' });
    await rejects(knockRemoteRoom(b.ctx, roomId, `@jay:${b.ctx.serverName}`, [a.ctx.serverName]), 403, 'M_FORBIDDEN');
  });
});

describe('after a restart of the joining server', () => {
  test('the joined room is restored from the journal and carries on both ways', async () => {
    const roomId = await a.ctx.engine.createRoom({ creator: alice(), preset: 'public_chat', roomVersion: '12' });
    await sendFrom(a, roomId, alice(), 'old news');
    const r = await joinRemoteRoom(b.ctx, roomId, bob(), [a.ctx.serverName]);
    const stateBefore = stateOf(b.ctx, roomId);
    const timelineBefore = b.ctx.engine.timeline(roomId, { limit: 100 }).events.map((e) => e.eventId);
    await b.stop({ keepData: true });
    b = await startTestServer(['--federation-port', String(b.federationPort)], { dataDir: b.dataDir });
    assert.deepEqual(stateOf(b.ctx, roomId), stateBefore);
    assert.deepEqual(b.ctx.engine.timeline(roomId, { limit: 100 }).events.map((e) => e.eventId), timelineBefore);
    assert.deepEqual(b.ctx.engine.room(roomId)!.extremities, [r.eventId]);
    const m1 = await sendFrom(a, roomId, alice(), 'after the restart');
    assert.equal(status(b.ctx, m1), EventStatus.ACCEPTED);
    const m2 = await sendFrom(b, roomId, bob(), 'still here');
    assert.equal(status(a.ctx, m2), EventStatus.ACCEPTED);
  });
});
