// Interop, issue 4 "Done when" 4, for room versions 10, 11 and 12: Fluctlight is SIGKILLed mid-conversation.
// Nothing it acknowledged is lost; our events that were queued (Synapse was down at the time) are delivered after
// the restart; Synapse's events sent while we were down arrive once we are back.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOM_VERSIONS, adminOf, usePeers, waitForOurMembership, waitForOurTimeline, waitForSynapseTimeline } from './lib/index.ts';

describe('Fluctlight killed mid-conversation with Synapse', () => {
  const peers = usePeers();

  for (const v of ROOM_VERSIONS) {
    test(`v${v}: SIGKILL with our events queued and Synapse's pending; everything arrives after the restart`, async () => {
      const { synapse, fluct } = peers;
      const admin = adminOf(fluct);
      const ours = `@talker${v}:${fluct.serverName}`;
      const roomId = await admin.createRoom({ creator: ours, room_version: v, name: `Restart v${v}` });
      const sy = await synapse.client.register(`talker${v}`);
      await sy.join(roomId, [fluct.serverName]);
      await waitForOurMembership(admin, roomId, sy.userId, 'join');

      // A conversation that reached both sides.
      const a1 = await admin.send(roomId, ours, `ours 1 (v${v})`);
      await waitForSynapseTimeline(sy, roomId, [a1]);
      const b1 = await sy.send(roomId, `theirs 1 (v${v})`);
      await waitForOurTimeline(admin, roomId, [b1]);

      // Synapse goes away; we go on talking: acknowledged means journaled and queued for Synapse.
      await synapse.stop();
      const queued: string[] = [];
      for (let i = 2; i <= 4; i++) queued.push(await admin.send(roomId, ours, `ours ${i}, sent while Synapse was down (v${v})`));
      const topic = await admin.setState(roomId, ours, 'm.room.topic', '', { topic: `topic before the crash v${v}` });
      queued.push(topic);
      const acknowledged = (await admin.messages(roomId, { limit: 200 })).events.map((e) => e.event_id);
      const stateBefore = await admin.state(roomId);

      // Crash. Then Synapse comes back and talks while we are down: its transaction waits for us.
      assert.equal(await fluct.kill(), -1);
      await synapse.restart();
      const pending: string[] = [];
      for (let i = 2; i <= 3; i++) pending.push(await sy.send(roomId, `theirs ${i}, sent while Fluctlight was down (v${v})`));

      await fluct.restart();
      // Nothing acknowledged was lost.
      const after = new Set((await admin.messages(roomId, { limit: 200 })).events.map((e) => e.event_id));
      for (const id of acknowledged) assert.ok(after.has(id), `${id} was acknowledged before the kill and is gone`);
      for (const e of stateBefore) assert.equal((await admin.event(e.event_id)).status, 'accepted');
      // Ours, queued before the kill, reach Synapse; Synapse's pending ones reach us.
      await waitForSynapseTimeline(sy, roomId, queued, 'our queued events to be delivered after the restart');
      assert.equal((await sy.getState(roomId, 'm.room.topic')).topic, `topic before the crash v${v}`);
      await waitForOurTimeline(admin, roomId, pending, 'Synapse\'s pending events to arrive after the restart');

      // The conversation carries on.
      const a5 = await admin.send(roomId, ours, `ours after the restart (v${v})`);
      const b4 = await sy.send(roomId, `theirs after the restart (v${v})`);
      await Promise.all([waitForSynapseTimeline(sy, roomId, [a5]), waitForOurTimeline(admin, roomId, [b4])]);
    });
  }
});
