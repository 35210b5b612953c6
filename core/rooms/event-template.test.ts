// Event templates (make_join/make_leave/make_knock): built on the forward extremities like a local event, judged
// by the auth rules against the current state, and not stored.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { localServer } from './testing/harness.ts';

const ALICE = '@alice:local.test';
const BOB = '@bob:remote.test';

describe('event templates', () => {
  for (const version of ['11', '12']) {
    test(`v${version}: prev events = extremities, depth + 1, auth events chosen from the current state`, async () => {
      const local = localServer();
      const roomId = await local.engine.createRoom({ creator: ALICE, preset: 'public_chat', roomVersion: version });
      const room = local.engine.room(roomId)!;
      const size = local.store.size;
      const t = local.engine.template(roomId, { type: 'm.room.member', stateKey: BOB, sender: BOB, content: { membership: 'join' } });
      assert.deepEqual(t.event['prev_events'], room.extremities);
      assert.equal(t.event['depth'], room.maxDepth + 1);
      assert.equal(t.event['hashes'], undefined);
      assert.equal(t.event['signatures'], undefined);
      const types = (t.event['auth_events'] as string[]).map((id) => local.engine.event(id)!.pdu.type).sort();
      assert.deepEqual(types, version === '12' ? ['m.room.join_rules', 'm.room.power_levels'] : ['m.room.create', 'm.room.join_rules', 'm.room.power_levels']);
      assert.equal(local.engine.authorizeTemplate(t).ok, true);
      assert.equal(local.store.size, size, 'nothing stored');
      assert.deepEqual(local.engine.room(roomId)!.extremities, room.extremities);
    });
  }

  test('the auth rules decide: banned, invite-only, knock on a public room', async () => {
    const local = localServer();
    const pub = await local.engine.createRoom({ creator: ALICE, preset: 'public_chat', roomVersion: '12' });
    await local.engine.ban(pub, ALICE, BOB);
    const join = local.engine.template(pub, { type: 'm.room.member', stateKey: BOB, sender: BOB, content: { membership: 'join' } });
    assert.match((local.engine.authorizeTemplate(join) as { reason: string }).reason, /banned/);
    const priv = await local.engine.createRoom({ creator: ALICE, preset: 'private_chat', roomVersion: '12' });
    const j2 = local.engine.template(priv, { type: 'm.room.member', stateKey: BOB, sender: BOB, content: { membership: 'join' } });
    assert.equal(local.engine.authorizeTemplate(j2).ok, false);
    const pub2 = await local.engine.createRoom({ creator: ALICE, preset: 'public_chat', roomVersion: '12' });
    const knock = local.engine.template(pub2, { type: 'm.room.member', stateKey: BOB, sender: BOB, content: { membership: 'knock' } });
    assert.equal(local.engine.authorizeTemplate(knock).ok, false);
  });

  test('a restricted join naming an authorising user is judged as if that server had signed', async () => {
    const local = localServer();
    const roomId = await local.engine.createRoom({
      creator: ALICE, preset: 'private_chat', roomVersion: '10',
      initialState: [{ type: 'm.room.join_rules', content: { join_rule: 'restricted', allow: [] } }],
    });
    const content = { membership: 'join', join_authorised_via_users_server: ALICE };
    const t = local.engine.template(roomId, { type: 'm.room.member', stateKey: BOB, sender: BOB, content });
    assert.equal(local.engine.authorizeTemplate(t).ok, true);
    const nobody = local.engine.template(roomId, { type: 'm.room.member', stateKey: BOB, sender: BOB, content: { ...content, join_authorised_via_users_server: '@nobody:local.test' } });
    assert.match((local.engine.authorizeTemplate(nobody) as { reason: string }).reason, /not joined/);
  });
});
