// Creating rooms in v10, v11 and v12 with both presets: the initial state, creator rules per version, errors.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MatrixError } from '../matrix/errors.ts';
import { EventStatus } from '../slots/store.ts';
import { currentContent, localServer, stateMap } from './testing/harness.ts';

const ALICE = '@alice:local.test';

describe('createRoom', () => {
  for (const version of ['10', '11', '12']) {
    for (const preset of ['public_chat', 'private_chat'] as const) {
      test(`v${version} ${preset}: the standard initial state`, async () => {
        const local = localServer();
        const roomId = await local.engine.createRoom({
          creator: ALICE, preset, roomVersion: version, name: 'Room', topic: 'Topic', canonicalAlias: '#room:local.test',
        });
        const room = local.engine.room(roomId)!;
        assert.equal(room.version, version);
        assert.equal(room.extremities.length, 1);
        const state = stateMap(local, room.currentState);
        const expectedKeys = [
          'm.room.create|', `m.room.member|${ALICE}`, 'm.room.power_levels|', 'm.room.canonical_alias|',
          'm.room.join_rules|', 'm.room.history_visibility|', 'm.room.name|', 'm.room.topic|',
          ...(preset === 'private_chat' ? ['m.room.guest_access|'] : []),
        ];
        assert.deepEqual([...state.keys()].sort(), expectedKeys.sort());

        const create = currentContent(local, roomId, 'm.room.create')!;
        assert.equal(create['room_version'], version);
        assert.equal(create['creator'], version === '10' ? ALICE : undefined);
        const createId = state.get('m.room.create|')!;
        assert.equal(room.createEventId, createId);
        if (version === '12') {
          assert.equal(roomId, '!' + createId.slice(1));
          assert.equal(local.engine.event(createId)!.pdu.room_id, undefined);
        } else {
          assert.match(roomId, /^![A-Za-z]{18}:local\.test$/);
        }

        const pl = currentContent(local, roomId, 'm.room.power_levels')!;
        assert.deepEqual(pl['users'], version === '12' ? {} : { [ALICE]: 100 });
        assert.equal((pl['events'] as Record<string, number>)['m.room.tombstone'], version === '12' ? 150 : 100);
        assert.equal(pl['invite'], preset === 'public_chat' ? 50 : 0);
        assert.equal(currentContent(local, roomId, 'm.room.join_rules')!['join_rule'], preset === 'public_chat' ? 'public' : 'invite');
        assert.equal(currentContent(local, roomId, 'm.room.history_visibility')!['history_visibility'], 'shared');
        if (preset === 'private_chat') assert.equal(currentContent(local, roomId, 'm.room.guest_access')!['guest_access'], 'can_join');
        assert.equal(currentContent(local, roomId, 'm.room.member', ALICE)!['membership'], 'join');
        assert.equal(currentContent(local, roomId, 'm.room.name')!['name'], 'Room');
        assert.equal(currentContent(local, roomId, 'm.room.topic')!['topic'], 'Topic');
        assert.equal(currentContent(local, roomId, 'm.room.canonical_alias')!['alias'], '#room:local.test');

        // Every event accepted, in one chain; v12 auth_events never name the create event.
        const events = [...local.store.roomEvents(roomId)];
        assert.equal(events.length, expectedKeys.length);
        for (const e of events) {
          assert.equal(e.status, EventStatus.ACCEPTED, e.reason ?? '');
          assert.equal(e.authEvents.includes(createId), version !== '12' && e.eventId !== createId);
        }
        assert.deepEqual(events.map((e) => e.depth), events.map((_, i) => i + 1));
      });
    }
  }

  test('v12 additional creators are all-powerful and not listed in power levels', async () => {
    const local = localServer();
    const roomId = await local.engine.createRoom({ creator: ALICE, preset: 'private_chat', roomVersion: '12', additionalCreators: ['@bob:local.test'] });
    await local.engine.invite(roomId, ALICE, '@bob:local.test');
    await local.engine.join(roomId, '@bob:local.test');
    // Bob may change power levels (needs 100) only because he is a creator.
    await local.engine.sendState(roomId, '@bob:local.test', 'm.room.power_levels', '', { users: { '@carol:local.test': 50 } });
    assert.deepEqual(currentContent(local, roomId, 'm.room.power_levels')!['users'], { '@carol:local.test': 50 });
  });

  test('unsupported room version → M_UNSUPPORTED_ROOM_VERSION; remote creator → M_FORBIDDEN', async () => {
    const local = localServer();
    await assert.rejects(local.engine.createRoom({ creator: ALICE, roomVersion: '5' }), (e: unknown) =>
      e instanceof MatrixError && e.errcode === 'M_UNSUPPORTED_ROOM_VERSION' && e.status === 400);
    await assert.rejects(local.engine.createRoom({ creator: '@eve:remote.test' }), (e: unknown) =>
      e instanceof MatrixError && e.errcode === 'M_FORBIDDEN');
  });

  test('default version is 12', async () => {
    const local = localServer();
    const roomId = await local.engine.createRoom({ creator: ALICE });
    assert.equal(local.engine.room(roomId)!.version, '12');
  });
});
