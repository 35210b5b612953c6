// Events made through the /_admin API are queued for every other server in the room: a second in-process server
// plays the peer (its key is fetched over loopback like any peer's), its user joins with a PDU signed by it,
// and the sender's queue is observed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { AdminClient } from './admin-client.ts';
import { craftPdu } from './craft.test-support.ts';

let a: TestServer;
let b: TestServer;
let admin: AdminClient;
const queued: Array<[string, string[]]> = [];
before(async () => {
  [a, b] = await Promise.all([startTestServer(['--server-name', 'hub.test']), startTestServer()]);
  admin = new AdminClient(a.adminUrl);
  const sender = a.ctx.sender;
  const original = sender.queuePdu.bind(sender);
  sender.queuePdu = (eventId, destinations) => {
    queued.push([eventId, [...destinations]]);
    original(eventId, destinations);
  };
});
after(async () => Promise.all([a.stop(), b.stop()]));

test('messages, a kick and a leave go to the servers in the room before or after them, never to ourselves', async () => {
  const alice = '@alice:hub.test';
  const peer = b.config.serverName;
  const zoe = `@zoe:${peer}`;
  const roomId = await admin.createRoom({ creator: alice, room_version: '10' });
  const join = craftPdu(a.ctx, roomId, { type: 'm.room.member', stateKey: zoe, sender: zoe, content: { membership: 'join' } }, b.serverKeys.signingKey);
  const [r] = await a.ctx.engine.receive(roomId, [join.pdu]);
  assert.equal(r!.outcome, 'accepted', r!.reason);
  const listed = (await admin.rooms()).find((x) => x.room_id === roomId)!;
  assert.deepEqual([...listed.servers].sort(), ['hub.test', peer].sort());
  assert.equal(listed.members, 2);

  queued.length = 0;
  const msg = await admin.send(roomId, alice, 'hello peer');
  const kick = await admin.kick(roomId, alice, zoe);
  const after = await admin.send(roomId, alice, 'alone now');
  await admin.join(roomId, '@bert:hub.test');
  const leave = await admin.leave(roomId, '@bert:hub.test');
  const sent = new Map(queued);
  assert.deepEqual(sent.get(msg), [peer]);
  assert.deepEqual(sent.get(kick), [peer], 'the kicked user\'s server learns of the kick');
  assert.deepEqual(sent.get(after), [], 'nobody else is left in the room');
  assert.deepEqual(sent.get(leave!), []);
  assert.ok(a.ctx.sender.status().some((d) => d.destination === peer), 'the peer has a queue');
});
