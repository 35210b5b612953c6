// Rule 4.3 [v12: 5.3] (joins) and 4.2 [5.2] (join_authorised_via_users_server signatures), per room version.
import { describe, test } from 'node:test';
import { ALICE, ALL_VERSIONS, assertAllowed, assertRejected, BOB, CHARLIE, createdRoom, TestRoom, ZARA } from './fixtures.ts';

const join = (room: TestRoom, user: string, content: Record<string, unknown> = {}, sender = user) =>
  room.check(room.memberEvent(user, 'join', sender, content));

describe('4.1: malformed member events', () => {
  for (const v of ALL_VERSIONS) {
    test(`v${v}: no state_key or no membership is rejected`, () => {
      const room = createdRoom(v);
      assertRejected(room.check({ type: 'm.room.member', sender: BOB, content: { membership: 'join' } }), /rule 4\.1/);
      assertRejected(room.check({ type: 'm.room.member', sender: BOB, state_key: BOB, content: {} }), /rule 4\.1/);
    });
    test(`v${v}: an unknown membership is rejected (4.8)`, () => {
      const room = createdRoom(v);
      assertRejected(room.check(room.memberEvent(BOB, 'lurk')), /rule 4\.8/);
      assertRejected(room.check({ type: 'm.room.member', sender: BOB, state_key: BOB, content: { membership: 7 } }), /rule 4\.8/);
    });
  }
  test('v6: knock is an unknown membership before v7', () => {
    const room = createdRoom('6', 'knock');
    assertRejected(room.check(room.memberEvent(BOB, 'knock')), /rule 4\.8/);
  });
});

describe('4.3.1: the creator joining right after the create event', () => {
  const firstJoin = (room: TestRoom, user: string, prev: string[], sender = user) =>
    room.check(room.event({ type: 'm.room.member', sender, state_key: user, content: { membership: 'join' }, prev_events: prev }));

  for (const v of ALL_VERSIONS) {
    test(`v${v}: allowed with only the create event as prev_event, no join rules or power levels yet`, () => {
      const room = new TestRoom(v);
      assertAllowed(firstJoin(room, ALICE, ['$create']));
    });
    test(`v${v}: not for another user, other prev_events, or too many prev_events`, () => {
      const room = new TestRoom(v);
      assertRejected(firstJoin(room, BOB, ['$create']), /rule 4\.3\.4/); // no join rules counts as invite
      assertRejected(firstJoin(room, ALICE, ['$other']), /rule 4\.3\.4/);
      assertRejected(firstJoin(room, ALICE, []), /rule 4\.3\.4/);
      assertRejected(firstJoin(room, ALICE, ['$create', '$other']), /rule 4\.3\.4/);
    });
    test(`v${v}: the spec does not require sender = state_key for the first join`, () => {
      const room = new TestRoom(v);
      assertAllowed(firstJoin(room, ALICE, ['$create'], BOB));
    });
  }

  for (const v of ['6', '7', '8', '9', '10']) {
    test(`v${v}: "the creator" is content.creator, not the create event's sender`, () => {
      const room = new TestRoom(v, { createContent: { creator: ZARA } });
      assertAllowed(firstJoin(room, ZARA, ['$create']));
      assertRejected(firstJoin(room, ALICE, ['$create']), /rule 4\.3/);
    });
  }
  for (const v of ['11', '12']) {
    test(`v${v}: "the creator" is the create event's sender; content.creator is ignored`, () => {
      const room = new TestRoom(v, { createContent: { creator: ZARA } });
      assertAllowed(firstJoin(room, ALICE, ['$create']));
      assertRejected(firstJoin(room, ZARA, ['$create']), /rule 4\.3/);
    });
  }
  test('v12: additional creators get no first-join exception', () => {
    const room = new TestRoom('12', { createContent: { additional_creators: [BOB] } });
    assertRejected(firstJoin(room, BOB, ['$create']), /rule 4\.3/);
  });
});

describe('4.3.2–4.3.7: join rules', () => {
  for (const v of ALL_VERSIONS) {
    test(`v${v}: public: anyone may join themselves, nobody may join someone else`, () => {
      const room = createdRoom(v, 'public');
      assertAllowed(join(room, BOB));
      assertRejected(join(room, BOB, {}, CHARLIE), /rule 4\.3\.2/);
    });
    test(`v${v}: a banned user cannot join, even a public room`, () => {
      const room = createdRoom(v, 'public');
      room.member(BOB, 'ban', ALICE);
      assertRejected(join(room, BOB), /rule 4\.3\.3/);
    });
    test(`v${v}: invite: only the invited or already joined may join`, () => {
      const room = createdRoom(v, 'invite');
      assertRejected(join(room, BOB), /rule 4\.3\.4/);
      room.member(BOB, 'invite', ALICE);
      assertAllowed(join(room, BOB));
      room.member(BOB, 'join');
      assertAllowed(join(room, BOB, { displayname: 'Bob' })); // profile change
      room.member(BOB, 'leave');
      assertRejected(join(room, BOB), /rule 4\.3\.4/);
      room.member(BOB, 'knock');
      assertRejected(join(room, BOB), /rule 4\.3\.4/);
    });
    test(`v${v}: no join rules event counts as invite`, () => {
      const room = createdRoom(v).unset('m.room.join_rules', '');
      assertRejected(join(room, BOB), /rule 4\.3\.4/);
      room.member(BOB, 'invite', ALICE);
      assertAllowed(join(room, BOB));
    });
    test(`v${v}: private and unknown join rules reject (4.3.7)`, () => {
      assertRejected(join(createdRoom(v, 'private'), BOB), /rule 4\.3\.7/);
      assertRejected(join(createdRoom(v, 'org.example.rule'), BOB), /rule 4\.3\.7/);
    });
  }

  test('v6: the knock join rule does not exist, so even invited users cannot join', () => {
    const room = createdRoom('6', 'knock');
    room.member(BOB, 'invite', ALICE);
    assertRejected(join(room, BOB), /rule 4\.3\.7/);
  });
  for (const v of ['7', '8', '9', '10', '11', '12']) {
    test(`v${v}: knock: invited users may join, others may not`, () => {
      const room = createdRoom(v, 'knock');
      assertRejected(join(room, BOB), /rule 4\.3\.4/);
      room.member(BOB, 'knock');
      assertRejected(join(room, BOB), /rule 4\.3\.4/);
      room.member(BOB, 'invite', ALICE);
      assertAllowed(join(room, BOB));
    });
  }
});

describe('4.3.5: restricted and knock_restricted joins', () => {
  for (const v of ['6', '7']) {
    test(`v${v}: restricted is not a join rule yet: even a valid authorisation is not enough`, () => {
      const room = createdRoom(v, 'restricted');
      assertRejected(join(room, BOB, { join_authorised_via_users_server: ALICE }), /rule 4\.3\.7/);
    });
  }
  for (const v of ['6', '7', '8', '9']) {
    test(`v${v}: knock_restricted is not a join rule yet`, () => {
      const room = createdRoom(v, 'knock_restricted');
      room.member(BOB, 'invite', ALICE);
      assertRejected(join(room, BOB), /rule 4\.3\.7/);
    });
  }

  const restrictedVersions: Array<[string, string]> = [];
  for (const v of ['8', '9', '10', '11', '12']) restrictedVersions.push([v, 'restricted']);
  for (const v of ['10', '11', '12']) restrictedVersions.push([v, 'knock_restricted']);

  for (const [v, rule] of restrictedVersions) {
    const signedBy = (...servers: string[]) =>
      Object.fromEntries(servers.map((s) => [s, { 'ed25519:k': 'sig' }])) as Record<string, Record<string, string>>;
    const restrictedJoin = (room: TestRoom, via: string | undefined, signatures = signedBy('b.test', 'a.test')) =>
      room.check(room.event({
        type: 'm.room.member', sender: BOB, state_key: BOB, signatures,
        content: { membership: 'join', ...(via === undefined ? {} : { join_authorised_via_users_server: via }) },
      }));

    test(`v${v} ${rule}: invited or joined users need no authorisation`, () => {
      const room = createdRoom(v, rule);
      room.member(BOB, 'invite', ALICE);
      assertAllowed(restrictedJoin(room, undefined));
      room.member(BOB, 'join');
      assertAllowed(restrictedJoin(room, undefined));
    });
    test(`v${v} ${rule}: without join_authorised_via_users_server the join is rejected`, () => {
      assertRejected(restrictedJoin(createdRoom(v, rule), undefined), /rule 4\.3\.5\.2/);
    });
    test(`v${v} ${rule}: a joined user with the invite level authorises the join`, () => {
      assertAllowed(restrictedJoin(createdRoom(v, rule), ALICE));
    });
    test(`v${v} ${rule}: the authorising user must be joined`, () => {
      const room = createdRoom(v, rule);
      room.member(CHARLIE, 'leave');
      room.powerLevels({ users: room.rules.privilegedCreators ? { [CHARLIE]: 100 } : { [ALICE]: 100, [CHARLIE]: 100 } });
      assertRejected(restrictedJoin(room, CHARLIE, signedBy('b.test', 'c.test')), /not joined \(rule 4\.3\.5\.2\)/);
    });
    test(`v${v} ${rule}: the authorising user must reach the invite level`, () => {
      const room = createdRoom(v, rule);
      room.member(CHARLIE, 'join');
      room.powerLevels({ users: room.rules.privilegedCreators ? { [CHARLIE]: 10 } : { [ALICE]: 100, [CHARLIE]: 10 }, invite: 50 });
      assertRejected(restrictedJoin(room, CHARLIE, signedBy('b.test', 'c.test')), /may not invite \(rule 4\.3\.5\.2\)/);
      room.powerLevels({ users: room.rules.privilegedCreators ? { [CHARLIE]: 50 } : { [ALICE]: 100, [CHARLIE]: 50 }, invite: 50 });
      assertAllowed(restrictedJoin(room, CHARLIE, signedBy('b.test', 'c.test')));
    });
    test(`v${v} ${rule}: 4.2 the event must carry a signature of the authorising user's server`, () => {
      const room = createdRoom(v, rule);
      assertRejected(restrictedJoin(room, ALICE, signedBy('b.test')), /rule 4\.2/);
      assertRejected(restrictedJoin(room, 'not-a-user', signedBy('b.test')), /rule 4\.2/);
    });
    test(`v${v} ${rule}: a banned user cannot be authorised in`, () => {
      const room = createdRoom(v, rule);
      room.member(BOB, 'ban', ALICE);
      assertRejected(restrictedJoin(room, ALICE), /rule 4\.3\.3/);
    });
  }

  test('v12: an additional creator authorises with infinite power even at a high invite level', () => {
    const room = new TestRoom('12', { createContent: { additional_creators: [CHARLIE] } });
    room.member(ALICE, 'join');
    room.member(CHARLIE, 'join');
    room.powerLevels({ users: {}, invite: 1_000_000 });
    room.joinRule('restricted');
    const e = room.event({
      type: 'm.room.member', sender: BOB, state_key: BOB,
      signatures: { 'b.test': { 'ed25519:k': 's' }, 'c.test': { 'ed25519:k': 's' } },
      content: { membership: 'join', join_authorised_via_users_server: CHARLIE },
    });
    assertAllowed(room.check(e));
  });

  test('4.2 applies to every member event carrying the key, not only joins (v9 leave)', () => {
    const room = createdRoom('9');
    room.member(BOB, 'join');
    const leave = room.event({
      type: 'm.room.member', sender: BOB, state_key: BOB,
      content: { membership: 'leave', join_authorised_via_users_server: ALICE },
    });
    assertRejected(room.check(leave), /rule 4\.2/);
  });

  test('before v8 the key means nothing (v7 public join carrying it)', () => {
    const room = createdRoom('7');
    assertAllowed(join(room, BOB, { join_authorised_via_users_server: ALICE }));
  });
});
