// Rule 2 [v12: 2–3]: an event's auth_events, and the auth events selection (authTypesFor).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Event } from '../pdu.ts';
import { checkAuthEvents, type AuthEventFetch } from './auth-events.ts';
import { authTypesFor } from './auth-types.ts';
import { ALICE, ALL_VERSIONS, assertAllowed, assertRejected, BOB, CHARLIE, createdRoom, rulesOf, TestRoom } from './fixtures.ts';

/** A fetch over the given events; ids in `rejected` are reported as rejected. */
function fetchOf(events: Event[], rejected: string[] = []): AuthEventFetch {
  const byId = new Map(events.map((e) => [e.eventId, e]));
  return (id) => {
    const event = byId.get(id);
    return event === undefined ? undefined : { event, rejected: rejected.includes(id) };
  };
}

/** Alice's room with its standard events, and a message from Alice citing the right auth events. */
function setup(v: string) {
  const room = createdRoom(v);
  const lookup = (t: string, k: string) => room.lookup(t, k)!;
  const create = room.create;
  const aliceJoin = lookup('m.room.member', ALICE);
  const pl = lookup('m.room.power_levels', '');
  const joinRules = lookup('m.room.join_rules', '');
  const all = [create, aliceJoin, pl, joinRules];
  const base = room.rules.createInAuthEvents ? [create.eventId] : [];
  const msg = (authEvents: string[]) =>
    room.event({ type: 'm.room.message', sender: ALICE, content: {}, auth_events: authEvents });
  return { room, create, aliceJoin, pl, joinRules, all, base, msg };
}

describe('rule 2 [3]: auth_events', () => {
  for (const v of ALL_VERSIONS) {
    test(`v${v}: the selected auth events pass`, () => {
      const s = setup(v);
      assertAllowed(checkAuthEvents(s.room.rules, s.msg([...s.base, s.pl.eventId, s.aliceJoin.eventId]), fetchOf(s.all)));
    });
    test(`v${v}: 2.1 duplicate (type, state_key) pairs are rejected`, () => {
      const s = setup(v);
      const newer = s.room.member(ALICE, 'join', ALICE, { displayname: 'A' });
      const e = s.msg([...s.base, s.aliceJoin.eventId, newer.eventId]);
      assertRejected(checkAuthEvents(s.room.rules, e, fetchOf([...s.all, newer])), /rule 2\.1/);
    });
    test(`v${v}: 2.2 events the selection does not name are rejected`, () => {
      const s = setup(v);
      const e = s.msg([...s.base, s.joinRules.eventId]); // join rules are not selected for a message
      assertRejected(checkAuthEvents(s.room.rules, e, fetchOf(s.all)), /rule 2\.2/);
      const bob = s.room.member(BOB, 'join');
      assertRejected(checkAuthEvents(s.room.rules, s.msg([...s.base, bob.eventId]), fetchOf([...s.all, bob])), /rule 2\.2/);
    });
    test(`v${v}: 2.2 a non-state auth event is rejected`, () => {
      const s = setup(v);
      const other = s.room.event({ type: 'm.room.message', sender: ALICE, content: {} });
      assertRejected(checkAuthEvents(s.room.rules, s.msg([...s.base, other.eventId]), fetchOf([...s.all, other])), /rule 2\.2/);
    });
    test(`v${v}: 2.3 rejected auth events are rejected`, () => {
      const s = setup(v);
      const e = s.msg([...s.base, s.pl.eventId]);
      assertRejected(checkAuthEvents(s.room.rules, e, fetchOf(s.all, [s.pl.eventId])), /rule 2\.3/);
    });
    test(`v${v}: 2.5 auth events from another room are rejected`, () => {
      const s = setup(v);
      const foreign = { eventId: '$foreign-pl', pdu: { ...s.pl.pdu, room_id: '!other:a.test' } };
      const e = s.msg([...s.base, foreign.eventId]);
      assertRejected(checkAuthEvents(s.room.rules, e, fetchOf([...s.all, foreign])), /rule 2\.5/);
    });
    test(`v${v}: an auth event the caller cannot produce is a rejection`, () => {
      const s = setup(v);
      assertRejected(checkAuthEvents(s.room.rules, s.msg([...s.base, '$missing']), fetchOf(s.all)), /not available/);
    });
    test(`v${v}: create events are not checked here`, () => {
      const s = setup(v);
      assertAllowed(checkAuthEvents(s.room.rules, s.create, fetchOf([])));
    });
  }

  for (const v of ['6', '7', '8', '9', '10', '11']) {
    test(`v${v}: 2.4 the create event must be among the auth events`, () => {
      const s = setup(v);
      assertRejected(checkAuthEvents(s.room.rules, s.msg([s.pl.eventId, s.aliceJoin.eventId]), fetchOf(s.all)), /rule 2\.4/);
    });
  }

  test('v12: 3.2 the create event must not be among the auth events', () => {
    const s = setup('12');
    const e = s.msg([s.create.eventId, s.pl.eventId]);
    assertRejected(checkAuthEvents(s.room.rules, e, fetchOf(s.all)), /rule 3\.2/);
  });
  test('v12: 2. the room id must name a known, accepted create event', () => {
    const s = setup('12');
    const e = s.msg([s.pl.eventId]);
    assertRejected(checkAuthEvents(s.room.rules, e, fetchOf(s.all.slice(1))), /rule 2/);
    assertRejected(checkAuthEvents(s.room.rules, e, fetchOf(s.all, ['$create'])), /was rejected \(rule 2\)/);
    assertAllowed(checkAuthEvents(s.room.rules, e, fetchOf(s.all)));
  });
});

describe('auth events selection (authTypesFor)', () => {
  const pairs = (v: string, room: TestRoom, e: Event) => authTypesFor(rulesOf(v), e.pdu).map(([t, k]) => `${t}|${k}`).sort();

  for (const v of ALL_VERSIONS) {
    const create = v === '12' ? [] : ['m.room.create|'];
    test(`v${v}: create events need nothing; messages need create (not v12), power levels and the sender`, () => {
      const room = new TestRoom(v);
      assert.deepEqual(pairs(v, room, room.create), []);
      assert.deepEqual(pairs(v, room, room.event({ type: 'm.room.message', sender: BOB, content: {} })),
        [...create, `m.room.member|${BOB}`, 'm.room.power_levels|'].sort());
    });
    test(`v${v}: member events add the target, and join rules for join, invite and knock`, () => {
      const room = new TestRoom(v);
      for (const m of ['join', 'invite', 'knock']) {
        assert.deepEqual(pairs(v, room, room.memberEvent(BOB, m, ALICE)),
          [...create, `m.room.member|${ALICE}`, `m.room.member|${BOB}`, 'm.room.join_rules|', 'm.room.power_levels|'].sort(), m);
      }
      for (const m of ['leave', 'ban']) {
        assert.deepEqual(pairs(v, room, room.memberEvent(BOB, m, ALICE)),
          [...create, `m.room.member|${ALICE}`, `m.room.member|${BOB}`, 'm.room.power_levels|'].sort(), m);
      }
      assert.deepEqual(pairs(v, room, room.memberEvent(BOB, 'join')), // sender = target listed once
        [...create, `m.room.member|${BOB}`, 'm.room.join_rules|', 'm.room.power_levels|'].sort());
    });
    test(`v${v}: a third-party invite adds its token's m.room.third_party_invite`, () => {
      const room = new TestRoom(v);
      const e = room.memberEvent(BOB, 'invite', ALICE, { third_party_invite: { signed: { mxid: BOB, token: 'tok' } } });
      assert.ok(pairs(v, room, e).includes('m.room.third_party_invite|tok'));
      const noToken = room.memberEvent(BOB, 'invite', ALICE, { third_party_invite: { signed: {} } });
      assert.ok(!pairs(v, room, noToken).some((p) => p.startsWith('m.room.third_party_invite')));
    });
    test(`v${v}: join_authorised_via_users_server adds that member ${rulesOf(v).restrictedJoins ? '(v8+)' : '— not before v8'}`, () => {
      const room = new TestRoom(v);
      const e = room.memberEvent(BOB, 'join', BOB, { join_authorised_via_users_server: CHARLIE });
      assert.equal(pairs(v, room, e).includes(`m.room.member|${CHARLIE}`), rulesOf(v).restrictedJoins);
      const leave = room.memberEvent(BOB, 'leave', BOB, { join_authorised_via_users_server: CHARLIE });
      assert.ok(!pairs(v, room, leave).includes(`m.room.member|${CHARLIE}`), 'only for joins');
    });
  }
});
