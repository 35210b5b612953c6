// Everything the /_admin API wrote survives a restart on the same data dir: rooms, current state, the timeline,
// aliases, users and pending invites — and the room carries on (new events build on the restored extremities).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer } from '../testing/test-server.ts';
import { AdminClient } from './admin-client.ts';

const SERVER = 'durable.test';
const dataDir = mkdtempSync(join(tmpdir(), 'fluctlight-admin-restart-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

test('rooms, state, timeline, aliases, users and invites are there after a restart', async () => {
  const alice = `@alice:${SERVER}`;
  const bob = `@bob:${SERVER}`;
  const invitee = `@ivy:${SERVER}`;
  let s = await startTestServer(['--server-name', SERVER], { dataDir });
  let admin = new AdminClient(s.adminUrl);
  const rooms: string[] = [];
  const sent: string[] = [];
  for (const v of ['10', '11', '12']) {
    const roomId = await admin.createRoom({ creator: alice, room_version: v, alias: `room${v}`, name: `Room ${v}` });
    rooms.push(roomId);
    await admin.join(roomId, bob);
    for (let i = 0; i < 5; i++) sent.push(await admin.send(roomId, i % 2 ? alice : bob, `v${v} #${i}`));
    await admin.setState(roomId, alice, 'm.room.topic', '', { topic: `topic ${v}` });
  }
  await admin.invite(rooms[0]!, alice, invitee);
  s.ctx.directory.addInvite(invitee, {
    room_id: '!far:elsewhere.example', event_id: '$' + 'E'.repeat(43), sender: '@x:elsewhere.example', room_version: '11',
    event: {}, invite_room_state: [], received_ts: 5,
  });
  await s.ctx.data.commit();
  const before = {
    rooms: await admin.rooms(),
    state: await Promise.all(rooms.map((r) => admin.state(r))),
    messages: await Promise.all(rooms.map((r) => admin.messages(r, { limit: 100 }))),
    invites: await admin.invites(invitee),
  };
  await s.stop({ keepData: true });

  s = await startTestServer(['--server-name', SERVER], { dataDir });
  try {
    admin = new AdminClient(s.adminUrl);
    assert.deepEqual(await admin.rooms(), before.rooms);
    assert.deepEqual(await Promise.all(rooms.map((r) => admin.state(r))), before.state);
    assert.deepEqual(await Promise.all(rooms.map((r) => admin.messages(r, { limit: 100 }))), before.messages);
    assert.deepEqual(await admin.invites(invitee), before.invites);
    assert.equal(before.invites.length, 2);
    for (const id of sent) assert.equal((await admin.event(id)).status, 'accepted');
    for (const [i, v] of ['10', '11', '12'].entries()) assert.equal(s.ctx.directory.resolveAlias(`#room${v}:${SERVER}`), rooms[i]);
    for (const u of [alice, bob, invitee]) assert.ok(s.ctx.directory.user(u), `${u} is known`);
    // The rooms carry on: a join by alias and a message on top of the restored extremities.
    assert.equal(await admin.join(`#room12:${SERVER}`, `@carol:${SERVER}`), rooms[2]);
    const next = await admin.send(rooms[2]!, `@carol:${SERVER}`, 'after the restart');
    const page = await admin.messages(rooms[2]!, { limit: 2 });
    assert.equal(page.events[0]!.event_id, next);
    assert.deepEqual(page.events[0]!.prev_events, [page.events[1]!.event_id]);
  } finally {
    await s.stop({ keepData: true });
  }
});
