// Interop, issue 4 "Done when" 1 and 2, for room versions 10, 11 and 12:
// 1. a Synapse user joins a room hosted by Fluctlight (by id with a via server, and by alias); history sent before
//    the join is visible on Synapse; messages flow both ways; a topic change by our user reaches Synapse's state.
// 2. a Fluctlight user joins a room hosted by Synapse; messages flow both ways; Synapse's topic, power-level and
//    kick changes show in GET /_admin/rooms/{id}/state.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ROOM_VERSIONS, FEDERATION_WAIT, adminOf, usePeers, waitFor, waitForOurMembership, waitForOurTimeline,
  waitForSynapseMembership, waitForSynapseTimeline,
} from './lib/index.ts';

describe('rooms across Fluctlight and Synapse', () => {
  const peers = usePeers();

  for (const v of ROOM_VERSIONS) {
    test(`v${v}: Synapse users join our room by id and by alias, see its history, and talk with us`, async () => {
      const { synapse, fluct } = peers;
      const admin = adminOf(fluct);
      const ours = `@host${v}:${fluct.serverName}`;
      const alias = `#lobby${v}:${fluct.serverName}`;
      const roomId = await admin.createRoom({ creator: ours, room_version: v, alias, name: `Lobby v${v}` });
      const history: string[] = [];
      for (let i = 0; i < 3; i++) history.push(await admin.send(roomId, ours, `history ${i} (v${v})`));

      // By id, through our server (v12 ids have no server part, so the via is needed there).
      const sy = await synapse.client.register(`byid${v}`);
      assert.equal(await sy.join(roomId, [fluct.serverName]), roomId);
      await waitForOurMembership(admin, roomId, sy.userId, 'join');
      const seen = await waitForSynapseTimeline(sy, roomId, history, 'history sent before the join to be visible on Synapse');
      const bodies = seen.filter((e) => history.includes(e.event_id)).map((e) => e.content.body);
      assert.deepEqual(bodies, [2, 1, 0].map((i) => `history ${i} (v${v})`));

      // Both ways.
      const fromThem = await sy.send(roomId, `hello from Synapse (v${v})`);
      await waitForOurTimeline(admin, roomId, [fromThem], 'Synapse\'s message to reach us');
      const got = await admin.event(fromThem);
      assert.equal(got.status, 'accepted');
      assert.equal(got.pdu.content.body, `hello from Synapse (v${v})`);
      const fromUs = await admin.send(roomId, ours, `hello from Fluctlight (v${v})`);
      const theirView = await waitForSynapseTimeline(sy, roomId, [fromUs], 'our message to reach Synapse');
      assert.equal(theirView.find((e) => e.event_id === fromUs)!.content.body, `hello from Fluctlight (v${v})`);

      // A topic change by our user is in Synapse's room state.
      const topicId = await admin.setState(roomId, ours, 'm.room.topic', '', { topic: `new topic v${v}` });
      await waitFor('our topic in Synapse\'s room state', async () => (await sy.getState(roomId, 'm.room.topic')).topic === `new topic v${v}`, FEDERATION_WAIT);
      assert.ok((await sy.allState(roomId)).some((e) => e.event_id === topicId));

      // By alias (Synapse asks us over /query/directory first).
      const sy2 = await synapse.client.register(`byalias${v}`);
      assert.equal(await sy2.join(alias), roomId);
      await waitForOurMembership(admin, roomId, sy2.userId, 'join');
      const fromSecond = await sy2.send(roomId, `second Synapse user (v${v})`);
      await waitForOurTimeline(admin, roomId, [fromSecond]);
      await waitForSynapseTimeline(sy, roomId, [fromSecond], 'one Synapse user\'s message to reach the other');
      assert.deepEqual((await admin.members(roomId)).sort(), [ours, sy.userId, sy2.userId].sort());
      const listed = (await admin.rooms()).find((r) => r.room_id === roomId)!;
      assert.deepEqual([...listed.servers].sort(), [fluct.serverName, synapse.serverName].sort());
    });

    test(`v${v}: our user joins a Synapse room, talks, and sees Synapse's topic, power levels and a kick`, async () => {
      const { synapse, fluct } = peers;
      const admin = adminOf(fluct);
      const owner = await synapse.client.register(`owner${v}`);
      const roomId = await owner.createRoom({ version: v, extra: { name: `Synapse room v${v}` } });
      const early = await owner.send(roomId, `before we came (v${v})`);
      const ours = `@guest${v}:${fluct.serverName}`;
      const other = `@other${v}:${fluct.serverName}`;

      assert.equal(await admin.join(roomId, ours, [synapse.serverName]), roomId);
      await waitForSynapseMembership(owner, roomId, ours, 'join');
      assert.equal((await admin.stateEvent(roomId, 'm.room.name'))?.content.name, `Synapse room v${v}`);
      assert.equal((await admin.rooms()).find((r) => r.room_id === roomId)?.room_version, v);
      void early;

      // Both ways.
      const fromUs = await admin.send(roomId, ours, `hello Synapse (v${v})`);
      await waitForSynapseTimeline(owner, roomId, [fromUs], 'our message to reach Synapse');
      const fromThem = await owner.send(roomId, `hello Fluctlight (v${v})`);
      await waitForOurTimeline(admin, roomId, [fromThem], 'Synapse\'s message to reach us');

      // A second user of ours joins through the room we are already in (a local join, sent to Synapse).
      assert.equal(await admin.join(roomId, other), roomId);
      await waitForSynapseMembership(owner, roomId, other, 'join');

      // Synapse's state changes reach our current state.
      const topic = await owner.setState(roomId, 'm.room.topic', '', { topic: `set on Synapse v${v}` });
      await waitFor('Synapse\'s topic in our state', async () => (await admin.stateEvent(roomId, 'm.room.topic'))?.event_id === topic, FEDERATION_WAIT);
      const pl = await owner.getState(roomId, 'm.room.power_levels');
      const users = { ...(pl.users as Record<string, number>), [ours]: 50 };
      const plId = await owner.setState(roomId, 'm.room.power_levels', '', { ...pl, users });
      await waitFor('Synapse\'s power levels in our state', async () => {
        const e = await admin.stateEvent(roomId, 'm.room.power_levels');
        return e?.event_id === plId && e.content.users?.[ours] === 50;
      }, FEDERATION_WAIT);
      // With power 50 (state_default 50 in public_chat) our user may now set the topic.
      const ourTopic = await admin.setState(roomId, ours, 'm.room.topic', '', { topic: `set by us v${v}` });
      await waitFor('our topic in Synapse\'s state', async () => (await owner.getState(roomId, 'm.room.topic')).topic === `set by us v${v}`, FEDERATION_WAIT);
      assert.ok(ourTopic);

      await owner.kick(roomId, other, 'testing kicks');
      await waitForOurMembership(admin, roomId, other, 'leave');
      const kick = await admin.stateEvent(roomId, 'm.room.member', other);
      assert.equal(kick?.sender, owner.userId);
      assert.equal(kick?.content.reason, 'testing kicks');
      // The kicked user can no longer send; the other one still can.
      await assert.rejects(admin.send(roomId, other, 'still here?'), (e: { status?: number }) => e.status === 403);
      const after = await admin.send(roomId, ours, `after the kick (v${v})`);
      await waitForSynapseTimeline(owner, roomId, [after]);
    });
  }
});
