// Interop, issue 4 "Done when" 3, for room versions 10, 11 and 12: invites both ways (a Synapse user invites
// ours and we accept by joining; ours invites a Synapse user who joins), leaving both ways, and a ban enforced
// both ways (the banned user can neither join again nor send).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AdminApiError, ROOM_VERSIONS, FEDERATION_WAIT, SynapseApiError, adminOf, usePeers, waitFor, waitForOurMembership,
  waitForOurTimeline, waitForSynapseMembership, waitForSynapseTimeline,
} from './lib/index.ts';

const isStatus = (status: number) => (e: unknown) => {
  assert.ok(e instanceof AdminApiError || e instanceof SynapseApiError, String(e));
  assert.equal(e.status, status, e.message);
  return true;
};

describe('invites, leaves and bans across Fluctlight and Synapse', () => {
  const peers = usePeers();

  for (const v of ROOM_VERSIONS) {
    test(`v${v}: a Synapse user invites two of ours to a private room; one declines, one accepts by joining, then leaves`, async () => {
      const { synapse, fluct } = peers;
      const admin = adminOf(fluct);
      const owner = await synapse.client.register(`inviter${v}`);
      const roomId = await owner.createRoom({ version: v, preset: 'private_chat' });
      const ours = `@invitee${v}:${fluct.serverName}`;
      const declines = `@decliner${v}:${fluct.serverName}`;

      // One invite is declined: a leave over federation (make_leave/send_leave), since we are not in the room.
      await owner.invite(roomId, declines);
      await waitFor('the first invite to reach us', async () => (await admin.invites(declines)).some((i) => i.room_id === roomId), FEDERATION_WAIT);
      await admin.leave(roomId, declines);
      await waitForSynapseMembership(owner, roomId, declines, 'leave');
      assert.deepEqual(await admin.invites(declines), []);

      await owner.invite(roomId, ours);
      const invite = await waitFor('the invite to reach us', async () => (await admin.invites(ours)).find((i) => i.room_id === roomId), FEDERATION_WAIT);
      assert.equal(invite.sender, owner.userId);
      assert.equal(invite.room_version, v);
      // No via: the invite says where the room is.
      assert.equal(await admin.join(roomId, ours), roomId);
      await waitForSynapseMembership(owner, roomId, ours, 'join');
      assert.deepEqual(await admin.invites(ours), []);
      const hello = await admin.send(roomId, ours, `thanks for the invite (v${v})`);
      await waitForSynapseTimeline(owner, roomId, [hello]);

      // Our user leaves: Synapse sees it; our server is out of the room.
      await admin.leave(roomId, ours);
      await waitForSynapseMembership(owner, roomId, ours, 'leave');
      await waitFor('Synapse to list only its own user', async () => (await owner.members(roomId)).join() === owner.userId, FEDERATION_WAIT);
    });

    test(`v${v}: our user invites a Synapse user to a private room; they join; then they leave`, async () => {
      const { synapse, fluct } = peers;
      const admin = adminOf(fluct);
      const ours = `@host${v}:${fluct.serverName}`;
      const roomId = await admin.createRoom({ creator: ours, room_version: v, preset: 'private_chat' });
      const sy = await synapse.client.register(`guest${v}`);

      // Not invited yet: refused.
      await assert.rejects(sy.join(roomId, [fluct.serverName]), isStatus(403));
      await admin.invite(roomId, ours, sy.userId);
      await waitForOurMembership(admin, roomId, sy.userId, 'invite');
      assert.equal(await sy.join(roomId, [fluct.serverName]), roomId);
      await waitForOurMembership(admin, roomId, sy.userId, 'join');
      const msg = await sy.send(roomId, `joined by invite (v${v})`);
      await waitForOurTimeline(admin, roomId, [msg]);

      await sy.leave(roomId);
      await waitForOurMembership(admin, roomId, sy.userId, 'leave');
      assert.deepEqual(await admin.members(roomId), [ours]);
    });

    test(`v${v}: a ban by us keeps a Synapse user out, and a ban by Synapse keeps ours out`, async () => {
      const { synapse, fluct } = peers;
      const admin = adminOf(fluct);

      // Our room, their user; a second Synapse user stays in the room and watches.
      const ours = `@mod${v}:${fluct.serverName}`;
      const ourRoom = await admin.createRoom({ creator: ours, room_version: v });
      const sy = await synapse.client.register(`troll${v}`);
      const witness = await synapse.client.register(`witness${v}`);
      for (const u of [sy, witness]) {
        await u.join(ourRoom, [fluct.serverName]);
        await waitForOurMembership(admin, ourRoom, u.userId, 'join');
      }
      await admin.ban(ourRoom, ours, sy.userId, 'testing bans');
      await waitForSynapseMembership(witness, ourRoom, sy.userId, 'ban');
      await waitFor('Synapse to drop the room for the banned user', async () => !(await sy.joinedRooms()).includes(ourRoom), FEDERATION_WAIT);
      // Synapse, still in the room, enforces our ban itself ...
      await assert.rejects(sy.join(ourRoom, [fluct.serverName]), isStatus(403));
      // ... and once nobody of Synapse's is left, its join goes through us (make_join), and we refuse it.
      await witness.leave(ourRoom);
      await waitForOurMembership(admin, ourRoom, witness.userId, 'leave');
      await assert.rejects(sy.join(ourRoom, [fluct.serverName]), isStatus(403));
      assert.equal((await admin.stateEvent(ourRoom, 'm.room.member', sy.userId))?.content.membership, 'ban');
      assert.deepEqual(await admin.members(ourRoom), [ours]);

      // Their room, our user.
      const owner = await synapse.client.register(`owner-ban${v}`);
      const theirRoom = await owner.createRoom({ version: v });
      const victim = `@banned${v}:${fluct.serverName}`;
      await admin.join(theirRoom, victim, [synapse.serverName]);
      await waitForSynapseMembership(owner, theirRoom, victim, 'join');
      await owner.ban(theirRoom, victim, 'testing bans');
      await waitForOurMembership(admin, theirRoom, victim, 'ban');
      await assert.rejects(admin.send(theirRoom, victim, 'let me in'), isStatus(403));
      await assert.rejects(admin.join(theirRoom, victim, [synapse.serverName]), isStatus(403));
      const ban = await admin.stateEvent(theirRoom, 'm.room.member', victim);
      assert.equal(ban?.sender, owner.userId);
      assert.equal(ban?.content.reason, 'testing bans');
    });
  }
});
