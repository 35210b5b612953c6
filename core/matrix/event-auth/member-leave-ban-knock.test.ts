// Rules 4.5–4.7 [v12: 5.5–5.7]: leaving, kicking, unbanning, banning and knocking, per room version.
import { describe, test } from 'node:test';
import { ALICE, ALL_VERSIONS, assertAllowed, assertRejected, BOB, CHARLIE, createdRoom, TestRoom } from './fixtures.ts';

const leave = (room: TestRoom, target: string, sender = target) => room.check(room.memberEvent(target, 'leave', sender));
const ban = (room: TestRoom, target: string, sender: string) => room.check(room.memberEvent(target, 'ban', sender));
const knock = (room: TestRoom, target: string, sender = target) => room.check(room.memberEvent(target, 'knock', sender));

/** Bob and Charlie joined, with the given levels (Alice 100 / creator, as created). */
function staffedRoom(v: string, bob: number, charlie: number, extra: Record<string, unknown> = {}): TestRoom {
  const room = createdRoom(v);
  room.member(BOB, 'join');
  room.member(CHARLIE, 'join');
  const users = room.rules.privilegedCreators ? { [BOB]: bob, [CHARLIE]: charlie } : { [ALICE]: 100, [BOB]: bob, [CHARLIE]: charlie };
  room.powerLevels({ users, ...extra });
  return room;
}

describe('4.5.1: leaving yourself', () => {
  for (const v of ALL_VERSIONS) {
    test(`v${v}: from join or invite; not from leave, ban or nothing`, () => {
      const room = createdRoom(v);
      assertRejected(leave(room, BOB), /rule 4\.5\.1/);
      room.member(BOB, 'invite', ALICE);
      assertAllowed(leave(room, BOB)); // rejecting an invite
      room.member(BOB, 'join');
      assertAllowed(leave(room, BOB));
      room.member(BOB, 'leave');
      assertRejected(leave(room, BOB), /rule 4\.5\.1/);
      room.member(BOB, 'ban', ALICE);
      assertRejected(leave(room, BOB), /rule 4\.5\.1/); // a banned user cannot unban themselves
    });
  }
  test('v6: leaving from knock is not a thing before knocking exists', () => {
    const room = createdRoom('6');
    room.member(BOB, 'knock');
    assertRejected(leave(room, BOB), /rule 4\.5\.1/);
  });
  for (const v of ['7', '10', '12']) {
    test(`v${v}: retracting a knock`, () => {
      const room = createdRoom(v, 'knock');
      room.member(BOB, 'knock');
      assertAllowed(leave(room, BOB));
    });
  }
});

describe('4.5.2–4.5.5: kicks and unbans', () => {
  for (const v of ALL_VERSIONS) {
    test(`v${v}: a kicker must be joined`, () => {
      const room = staffedRoom(v, 100, 0);
      room.member(BOB, 'leave');
      assertRejected(leave(room, CHARLIE, BOB), /rule 4\.5\.2/);
    });
    test(`v${v}: kick level and strictly higher level than the target`, () => {
      assertRejected(leave(staffedRoom(v, 49, 0), CHARLIE, BOB), /rule 4\.5\.5/); // kick level 50
      assertAllowed(leave(staffedRoom(v, 50, 0), CHARLIE, BOB));
      assertRejected(leave(staffedRoom(v, 50, 50), CHARLIE, BOB), /rule 4\.5\.5/); // same level
      assertRejected(leave(staffedRoom(v, 50, 60), CHARLIE, BOB), /rule 4\.5\.5/); // greater level
      assertAllowed(leave(staffedRoom(v, 10, 0, { kick: 5 }), CHARLIE, BOB));
    });
    test(`v${v}: kicking an invited or left user (rescinding an invite) follows the kick rules`, () => {
      const room = staffedRoom(v, 50, 0);
      room.member('@dan:d.test', 'invite', ALICE);
      assertAllowed(leave(room, '@dan:d.test', BOB));
    });
    test(`v${v}: unbanning needs the ban level as well as the kick level`, () => {
      const room = staffedRoom(v, 60, 0, { ban: 70, kick: 50 });
      room.member(CHARLIE, 'ban', ALICE);
      assertRejected(leave(room, CHARLIE, BOB), /rule 4\.5\.3/);
      const room2 = staffedRoom(v, 70, 0, { ban: 70, kick: 80 });
      room2.member(CHARLIE, 'ban', ALICE);
      assertRejected(leave(room2, CHARLIE, BOB), /rule 4\.5\.5/);
      const room3 = staffedRoom(v, 80, 0, { ban: 70, kick: 80 });
      room3.member(CHARLIE, 'ban', ALICE);
      assertAllowed(leave(room3, CHARLIE, BOB));
    });
  }
});

describe('4.6: bans', () => {
  for (const v of ALL_VERSIONS) {
    test(`v${v}: the banner must be joined`, () => {
      const room = staffedRoom(v, 100, 0);
      room.member(BOB, 'leave');
      assertRejected(ban(room, CHARLIE, BOB), /rule 4\.6\.1/);
    });
    test(`v${v}: ban level and strictly higher level than the target`, () => {
      assertRejected(ban(staffedRoom(v, 49, 0), CHARLIE, BOB), /rule 4\.6\.3/);
      assertAllowed(ban(staffedRoom(v, 50, 0), CHARLIE, BOB));
      assertRejected(ban(staffedRoom(v, 50, 50), CHARLIE, BOB), /rule 4\.6\.3/);
      assertRejected(ban(staffedRoom(v, 50, 51), CHARLIE, BOB), /rule 4\.6\.3/);
    });
    test(`v${v}: users outside the room, invited or knocking users can be banned`, () => {
      const room = staffedRoom(v, 50, 0);
      assertAllowed(ban(room, '@dan:d.test', BOB));
      room.member('@dan:d.test', 'invite', ALICE);
      assertAllowed(ban(room, '@dan:d.test', BOB));
    });
    test(`v${v}: without power levels, the creator may ban and others may not`, () => {
      const room = createdRoom(v).unset('m.room.power_levels', '');
      room.member(BOB, 'join');
      assertAllowed(ban(room, BOB, ALICE));
      assertRejected(ban(room, ALICE, BOB), /rule 4\.6\.3/);
    });
  }
  test('v12: creators are infinitely powerful: any ban level, but never over another creator', () => {
    const room = new TestRoom('12', { createContent: { additional_creators: [CHARLIE] } });
    room.member(ALICE, 'join');
    room.member(BOB, 'join');
    room.member(CHARLIE, 'join');
    room.powerLevels({ users: { [BOB]: 9007199254740991 }, ban: 9007199254740991 });
    room.joinRule('public');
    assertAllowed(ban(room, BOB, ALICE)); // Bob has the maximal integer level, still below a creator
    assertRejected(ban(room, CHARLIE, ALICE), /rule 4\.6\.3/); // creator vs creator: ∞ is not < ∞
    assertRejected(ban(room, ALICE, BOB), /rule 4\.6\.3/);
    assertRejected(leave(room, ALICE, CHARLIE), /rule 4\.5\.5/);
  });
  test('v11: the creator has no special power once power levels exist', () => {
    const room = createdRoom('11');
    room.member(BOB, 'join');
    room.powerLevels({ users: { [ALICE]: 10, [BOB]: 50 } });
    assertRejected(ban(room, BOB, ALICE), /rule 4\.6\.3/);
    assertAllowed(ban(room, ALICE, BOB));
  });
});

describe('4.7: knocking', () => {
  for (const v of ['7', '8', '9', '10', '11', '12']) {
    test(`v${v}: knock join rule: outsiders and leavers may knock`, () => {
      const room = createdRoom(v, 'knock');
      assertAllowed(knock(room, BOB));
      room.member(BOB, 'leave');
      assertAllowed(knock(room, BOB));
      room.member(BOB, 'knock');
      assertAllowed(knock(room, BOB)); // knocking again
    });
    test(`v${v}: not for someone else`, () => {
      assertRejected(knock(createdRoom(v, 'knock'), BOB, ALICE), /rule 4\.7\.2/);
    });
    test(`v${v}: not when banned, invited or joined`, () => {
      for (const m of ['ban', 'invite', 'join']) {
        const room = createdRoom(v, 'knock');
        room.member(BOB, m, m === 'join' ? BOB : ALICE);
        assertRejected(knock(room, BOB), /rule 4\.7\.4/);
      }
    });
    test(`v${v}: public, invite and restricted rooms do not take knocks`, () => {
      for (const rule of ['public', 'invite', 'restricted']) assertRejected(knock(createdRoom(v, rule), BOB), /rule 4\.7\.1/);
    });
  }
  for (const v of ['7', '8', '9']) {
    test(`v${v}: knock_restricted does not exist yet`, () => {
      assertRejected(knock(createdRoom(v, 'knock_restricted'), BOB), /rule 4\.7\.1/);
    });
  }
  for (const v of ['10', '11', '12']) {
    test(`v${v}: knock_restricted takes knocks`, () => {
      assertAllowed(knock(createdRoom(v, 'knock_restricted'), BOB));
    });
  }
  test('a whole knock cycle (v10): knock, invite, join', () => {
    const room = createdRoom('10', 'knock');
    assertAllowed(knock(room, BOB));
    room.member(BOB, 'knock');
    assertAllowed(room.check(room.memberEvent(BOB, 'invite', ALICE)));
    room.member(BOB, 'invite', ALICE);
    assertAllowed(room.check(room.memberEvent(BOB, 'join')));
  });
});
