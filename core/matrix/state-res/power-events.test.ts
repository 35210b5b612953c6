// Power events and the sender power level used by the reverse topological power ordering.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { roomVersion } from '../room-versions.ts';
import { EventGraph } from './event-graph.ts';
import { CREATOR_POWER_LEVEL, isPowerEvent, senderPowerLevel } from './power-events.ts';
import { toEvent } from './testing/fixture-events.ts';
import { RoomBuilder } from './testing/room-builder.ts';

const ALICE = '@alice:example.com';
const BOB = '@bob:example.com';
const CHARLIE = '@charlie:example.com';
const DAVE = '@dave:example.com';

describe('isPowerEvent', () => {
  const ev = (type: string, sender: string, key: string | undefined, content: Record<string, unknown>) =>
    toEvent({ id: '$x', room: '!r:x', sender, type, ...(key === undefined ? {} : { key }), content, ts: 0, prev: [], auth: [] });
  test('PL, join rules (and create) with an empty state key', () => {
    assert.equal(isPowerEvent(ev('m.room.power_levels', ALICE, '', {})), true);
    assert.equal(isPowerEvent(ev('m.room.join_rules', ALICE, '', {})), true);
    assert.equal(isPowerEvent(ev('m.room.create', ALICE, '', {})), true);
    assert.equal(isPowerEvent(ev('m.room.power_levels', ALICE, 'x', {})), false);
  });
  test('kicks and bans are; leaving, joining and being unbanned by oneself are not', () => {
    assert.equal(isPowerEvent(ev('m.room.member', ALICE, BOB, { membership: 'leave' })), true);
    assert.equal(isPowerEvent(ev('m.room.member', ALICE, BOB, { membership: 'ban' })), true);
    assert.equal(isPowerEvent(ev('m.room.member', BOB, BOB, { membership: 'leave' })), false);
    assert.equal(isPowerEvent(ev('m.room.member', ALICE, BOB, { membership: 'invite' })), false);
    assert.equal(isPowerEvent(ev('m.room.member', BOB, BOB, { membership: 'join' })), false);
  });
  test('non-state events and other state are not', () => {
    assert.equal(isPowerEvent(ev('m.room.power_levels', ALICE, undefined, {})), false);
    assert.equal(isPowerEvent(ev('m.room.topic', ALICE, '', {})), false);
  });
});

describe('senderPowerLevel (Synapse test_get_power_level_for_sender)', () => {
  for (const version of ['10', '11', '12']) {
    const rules = roomVersion(version)!;
    const privileged = rules.privilegedCreators;
    test(`room v${version}: the PL among the event's auth events decides; the creator without one`, () => {
      // The create event's sender is alice; in v10 its content names carol as `creator` (only v10 reads it).
      const room = RoomBuilder.create(rules, ALICE, '$create', privileged ? { additional_creators: [DAVE] } : {});
      if (rules.createNeedsCreator) (room.store.get('$create').pdu.content as Record<string, unknown>)['creator'] = '@carol:example.com';
      room.send('$join', ALICE, 'm.room.member', ALICE, { membership: 'join' });
      const users = privileged ? { [BOB]: 50 } : { [ALICE]: 100, [BOB]: 50 };
      room.send('$pl', ALICE, 'm.room.power_levels', '', { users, users_default: 10 });
      const withPl = (sender: string) => room.send(`$t-${sender}`, sender, 'm.room.topic', '', {}).eventId;
      const withoutPl = (sender: string) =>
        room.send(`$n-${sender}`, sender, 'm.room.topic', '', {}, { auth: rules.createInAuthEvents ? ['$create'] : [] }).eventId;
      const ids = [ALICE, BOB, CHARLIE, DAVE, '@carol:example.com'].flatMap((u) => [withPl(u), withoutPl(u)]);
      const g = new EventGraph(room.store.context(rules));
      const got = Object.fromEntries(ids.map((id) => [id, senderPowerLevel(g, rules, g.node(id))]));
      const creator = version === '10' ? '@carol:example.com' : ALICE;
      const expected: Record<string, number> = {};
      for (const u of [ALICE, BOB, CHARLIE, DAVE, '@carol:example.com']) {
        const isCreator = privileged ? u === ALICE || u === DAVE : false;
        expected[`$t-${u}`] = isCreator ? CREATOR_POWER_LEVEL : u === ALICE ? 100 : u === BOB ? 50 : 10;
        expected[`$n-${u}`] = isCreator ? CREATOR_POWER_LEVEL : !privileged && u === creator ? 100 : 0;
      }
      assert.deepEqual(got, expected);
    });
  }

  test('v6–v9 "stringy" power levels are read as integers', () => {
    const rules = roomVersion('9')!;
    const room = RoomBuilder.create(rules, ALICE);
    room.send('$pl', ALICE, 'm.room.power_levels', '', { users: { [BOB]: ' +42 ' }, users_default: '7' });
    const g = new EventGraph(room.store.context(rules));
    assert.equal(senderPowerLevel(g, rules, g.node(room.send('$b', BOB, 'm.room.topic', '', {}).eventId)), 42);
    assert.equal(senderPowerLevel(g, rules, g.node(room.send('$c', CHARLIE, 'm.room.topic', '', {}).eventId)), 7);
  });
});
