// Rules 2–8 [v12: 2, 4, 6–9] and 10 [11]: the create event in the state, m.federate, membership of the
// sender, third-party-invite events, required power levels, `@` state keys, redactions.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAuth } from './check-auth.ts';
import { ALICE, ALL_VERSIONS, assertAllowed, assertRejected, BOB, CHARLIE, createdRoom, TestRoom } from './fixtures.ts';

const message = (sender: string) => ({ type: 'm.room.message', sender, content: { body: 'hi' } });

describe('the create event and the room', () => {
  for (const v of ALL_VERSIONS) {
    test(`v${v}: without an m.room.create in the state every non-create event is rejected`, () => {
      const room = createdRoom(v).unset('m.room.create', '');
      assertRejected(room.check(message(ALICE)), /no m\.room\.create/);
    });
    test(`v${v}: the explicit create parameter is used instead of the lookup`, () => {
      const room = createdRoom(v);
      const create = room.create;
      room.unset('m.room.create', '');
      assertAllowed(checkAuth(room.rules, room.event(message(ALICE)), room.lookup, create));
    });
  }

  test('v12: rule 2, the room id must be derived from the create event id', () => {
    const room = createdRoom('12');
    const stray = { ...room.event(message(ALICE)) };
    const moved = { eventId: '$moved', pdu: { ...stray.pdu, room_id: '!elsewhere' } };
    assertRejected(room.check(moved), /rule 2/);
  });

  test('v11: a create event of another room in the state is refused', () => {
    const room = createdRoom('11');
    const e = room.event(message(ALICE));
    const other = { eventId: e.eventId, pdu: { ...e.pdu, room_id: '!other:a.test' } };
    assertRejected(room.check(other), /another room/);
  });
});

describe('rule 3 [v12: 4]: m.federate', () => {
  for (const v of ALL_VERSIONS) {
    test(`v${v}: m.federate false rejects other servers' events, not the creator's server's`, () => {
      const room = new TestRoom(v, { createContent: { 'm.federate': false } });
      room.member(ALICE, 'join');
      room.joinRule('public');
      assertRejected(room.check(room.memberEvent(BOB, 'join')), /rule 3/);
      assertAllowed(room.check(room.memberEvent('@alice2:a.test', 'join')));
    });
    test(`v${v}: only the literal false stops federation`, () => {
      const room = new TestRoom(v, { createContent: { 'm.federate': 'false' } });
      room.member(ALICE, 'join');
      room.joinRule('public');
      assertAllowed(room.check(room.memberEvent(BOB, 'join')));
    });
  }
});

describe('rule 5 [6]: the sender must be joined', () => {
  for (const v of ALL_VERSIONS) {
    test(`v${v}: messages from joined, left, invited and unknown users`, () => {
      const room = createdRoom(v);
      room.member(BOB, 'join');
      assertAllowed(room.check(message(BOB)));
      room.member(BOB, 'leave');
      assertRejected(room.check(message(BOB)), /rule 5/);
      room.member(BOB, 'invite', ALICE);
      assertRejected(room.check(message(BOB)), /rule 5/);
      assertRejected(room.check(message(CHARLIE)), /rule 5/);
    });
  }
});

describe('rule 6 [7]: m.room.third_party_invite events', () => {
  for (const v of ALL_VERSIONS) {
    test(`v${v}: allowed iff the sender's PL ≥ the invite level, whatever the state_default`, () => {
      const room = createdRoom(v);
      room.member(BOB, 'join');
      const tpi = { type: 'm.room.third_party_invite', sender: BOB, state_key: 'token', content: { display_name: 'x' } };
      assertAllowed(room.check(tpi)); // invite level 0 by default; state_default 50 is not consulted
      room.powerLevels({ users: room.rules.privilegedCreators ? {} : { [ALICE]: 100 }, invite: 10 });
      assertRejected(room.check(tpi), /rule 6/);
    });
  }
});

describe('rule 7 [8]: required power level', () => {
  for (const v of ALL_VERSIONS) {
    test(`v${v}: events, events_default and state_default`, () => {
      const room = createdRoom(v);
      room.member(BOB, 'join');
      const users = room.rules.privilegedCreators ? { [BOB]: 50 } : { [ALICE]: 100, [BOB]: 50 };
      room.powerLevels({ users, events: { 'm.room.name': 60, 'org.custom': 10 }, events_default: 20, state_default: 40 });
      assertRejected(room.check({ type: 'm.room.name', sender: BOB, state_key: '', content: {} }), /rule 7/);
      assertAllowed(room.check({ type: 'm.room.topic', sender: BOB, state_key: '', content: {} })); // 40 ≤ 50
      assertAllowed(room.check({ type: 'org.custom', sender: BOB, content: {} }));
      assertAllowed(room.check(message(ALICE)));
      room.member(CHARLIE, 'join');
      assertRejected(room.check(message(CHARLIE)), /rule 7/); // users_default 0 < events_default 20
      assertRejected(room.check({ type: 'm.room.topic', sender: CHARLIE, state_key: '', content: {} }), /rule 7/);
    });

    test(`v${v}: without a power-levels event the creator may send state, others may not`, () => {
      const room = createdRoom(v).unset('m.room.power_levels', '');
      room.member(BOB, 'join');
      assertAllowed(room.check({ type: 'm.room.name', sender: ALICE, state_key: '', content: {} }));
      assertRejected(room.check({ type: 'm.room.name', sender: BOB, state_key: '', content: {} }), /rule 7/);
      assertAllowed(room.check(message(BOB)));
    });

    test(`v${v}: negative levels (gomatrixserverlib TestNegativePowerLevels)`, () => {
      const room = createdRoom(v);
      const low = -9007199254740990;
      room.powerLevels({ events_default: low, state_default: low, users_default: low, users: {} });
      assertAllowed(room.check(message(ALICE)));
    });

    test(`v${v}: an own-prototype key in events does not act as a level`, () => {
      const room = createdRoom(v);
      room.member(BOB, 'join');
      room.powerLevels({ users: room.rules.privilegedCreators ? {} : { [ALICE]: 100 }, events_default: 10 });
      assertRejected(room.check({ type: 'constructor', sender: BOB, content: {} }), /rule 7/);
    });
  }
});

describe('rule 8 [9]: state keys naming users', () => {
  for (const v of ALL_VERSIONS) {
    test(`v${v}: a state_key starting with @ must be the sender`, () => {
      const room = createdRoom(v);
      room.member(BOB, 'join');
      room.powerLevels({ users: room.rules.privilegedCreators ? {} : { [ALICE]: 100 }, state_default: 0 });
      assertAllowed(room.check({ type: 'org.custom.state', sender: BOB, state_key: BOB, content: {} }));
      assertRejected(room.check({ type: 'org.custom.state', sender: ALICE, state_key: BOB, content: {} }), /rule 8/);
      assertAllowed(room.check({ type: 'org.custom.state', sender: BOB, state_key: 'bob', content: {} }));
    });
  }
});

describe('redactions (v3+): authorised like any other event', () => {
  for (const v of ALL_VERSIONS) {
    test(`v${v}: the redact level is not an auth rule; events["m.room.redaction"] is`, () => {
      const room = createdRoom(v);
      room.member(BOB, 'join');
      const redactsAt = room.rules.redactsInContent ? { content: { redacts: '$x' } } : { content: {}, extra: { redacts: '$x' } };
      const redaction = { type: 'm.room.redaction', sender: BOB, ...redactsAt };
      room.powerLevels({ users: room.rules.privilegedCreators ? {} : { [ALICE]: 100 }, redact: 100 });
      assertAllowed(room.check(redaction));
      room.powerLevels({ users: room.rules.privilegedCreators ? {} : { [ALICE]: 100 }, events: { 'm.room.redaction': 10 } });
      assertRejected(room.check(redaction), /rule 7/);
    });
  }
});

describe('malformed state', () => {
  test('v9: a power-levels event in the state with an unreadable value rejects instead of guessing', () => {
    const room = createdRoom('9');
    room.member(BOB, 'join');
    room.powerLevels({ users: { [ALICE]: 100 }, events_default: 'lots' });
    assertRejected(room.check(message(BOB)), /malformed `events_default`/);
  });
  test('v10: a stringy users_default in the state (accepted elsewhere) rejects', () => {
    const room = createdRoom('10');
    room.member(BOB, 'join');
    room.powerLevels({ users: { [ALICE]: 100 }, users_default: '0' });
    const r = room.check(message(BOB));
    assert.equal(r.ok, false);
  });
});
