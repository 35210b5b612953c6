// Rule 4.4 [v12: 5.4]: invites, including third-party invites with real ed25519 signatures.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { NO_THIRD_PARTY_VERIFIER } from './auth-context.ts';
import { thirdPartySignatureVerifier } from './third-party-invite.ts';
import { ALICE, ALL_VERSIONS, assertAllowed, assertRejected, b64, BOB, CHARLIE, createdRoom, naclSigner, testJson, TestRoom } from './fixtures.ts';

const invite = (room: TestRoom, target: string, sender: string) => room.check(room.memberEvent(target, 'invite', sender));

describe('4.4.2–4.4.5: ordinary invites', () => {
  for (const v of ALL_VERSIONS) {
    test(`v${v}: a joined sender at the invite level may invite`, () => {
      const room = createdRoom(v);
      assertAllowed(invite(room, BOB, ALICE));
    });
    test(`v${v}: the sender must be joined`, () => {
      const room = createdRoom(v);
      assertRejected(invite(room, CHARLIE, BOB), /rule 4\.4\.2/);
      room.member(BOB, 'invite', ALICE);
      assertRejected(invite(room, CHARLIE, BOB), /rule 4\.4\.2/);
    });
    test(`v${v}: joined or banned targets cannot be invited; left, invited and knocking ones can`, () => {
      const room = createdRoom(v);
      room.member(BOB, 'join');
      assertRejected(invite(room, BOB, ALICE), /rule 4\.4\.3/);
      room.member(BOB, 'ban', ALICE);
      assertRejected(invite(room, BOB, ALICE), /rule 4\.4\.3/);
      room.member(BOB, 'leave', ALICE);
      assertAllowed(invite(room, BOB, ALICE));
      room.member(BOB, 'invite', ALICE);
      assertAllowed(invite(room, BOB, ALICE));
    });
    test(`v${v}: the invite level`, () => {
      const room = createdRoom(v);
      room.member(BOB, 'join');
      const users = (bob: number) => (room.rules.privilegedCreators ? { [BOB]: bob } : { [ALICE]: 100, [BOB]: bob });
      room.powerLevels({ users: users(10), invite: 20 });
      assertRejected(invite(room, CHARLIE, BOB), /rule 4\.4\.5/);
      room.powerLevels({ users: users(20), invite: 20 });
      assertAllowed(invite(room, CHARLIE, BOB));
      room.unset('m.room.power_levels', ''); // no power levels: invite level 0, everyone may invite
      assertAllowed(invite(room, CHARLIE, BOB));
    });
  }
  for (const v of ['7', '12']) {
    test(`v${v}: accepting a knock is an invite of the knocking user`, () => {
      const room = createdRoom(v, 'knock');
      room.member(BOB, 'knock');
      assertAllowed(invite(room, BOB, ALICE));
    });
  }
});

describe('4.4.1: third-party invites', () => {
  const seed = new Uint8Array(32).fill(7);
  const otherSeed = new Uint8Array(32).fill(9);
  const publicKey = b64(naclSigner.publicKey(seed));
  const verifier = { verifyThirdPartySignature: thirdPartySignatureVerifier(testJson, naclSigner) };

  function signedBlock(mxid: string, token: string, signWith = seed, keyId = 'ed25519:0') {
    const body = { mxid, token, sender: ALICE };
    const sig = b64(naclSigner.sign(signWith, testJson.encode(body)));
    return { ...body, signatures: { 'id.test': { [keyId]: sig } } };
  }
  function roomWithTpi(v: string, keys: Record<string, unknown> = { public_key: publicKey }) {
    const room = createdRoom(v);
    room.set(room.event({ type: 'm.room.third_party_invite', sender: ALICE, state_key: 'tok', content: { display_name: 'b…', ...keys } }));
    return room;
  }
  const tpInvite = (room: TestRoom, target: string, tpi: unknown, sender = ALICE) =>
    room.event({ type: 'm.room.member', sender, state_key: target, content: { membership: 'invite', third_party_invite: tpi } });

  for (const v of ALL_VERSIONS) {
    test(`v${v}: a correctly signed third-party invite is allowed`, () => {
      const room = roomWithTpi(v);
      assertAllowed(room.check(tpInvite(room, BOB, { display_name: 'b', signed: signedBlock(BOB, 'tok') }), verifier));
    });
  }

  test('the key may come from public_keys, in either base64 alphabet', () => {
    const urlSafe = publicKey.replace(/\+/g, '-').replace(/\//g, '_');
    const room = roomWithTpi('10', { public_keys: [{ public_key: 'AAAA' }, { public_key: urlSafe }] });
    assertAllowed(room.check(tpInvite(room, BOB, { signed: signedBlock(BOB, 'tok') }), verifier));
  });

  test('4.4.1.1: a banned target cannot be invited this way', () => {
    const room = roomWithTpi('10');
    room.member(BOB, 'ban', ALICE);
    assertRejected(room.check(tpInvite(room, BOB, { signed: signedBlock(BOB, 'tok') }), verifier), /rule 4\.4\.1\.1/);
  });
  test('4.4.1.2–4.4.1.3: signed, mxid and token are required', () => {
    const room = roomWithTpi('10');
    assertRejected(room.check(tpInvite(room, BOB, {}), verifier), /rule 4\.4\.1\.2/);
    assertRejected(room.check(tpInvite(room, BOB, null), verifier), /rule 4\.4\.1\.2/);
    const { mxid: _m, ...noMxid } = signedBlock(BOB, 'tok');
    assertRejected(room.check(tpInvite(room, BOB, { signed: noMxid }), verifier), /rule 4\.4\.1\.3/);
    const { token: _t, ...noToken } = signedBlock(BOB, 'tok');
    assertRejected(room.check(tpInvite(room, BOB, { signed: noToken }), verifier), /rule 4\.4\.1\.3/);
  });
  test('4.4.1.4: mxid must be the state_key', () => {
    const room = roomWithTpi('10');
    assertRejected(room.check(tpInvite(room, CHARLIE, { signed: signedBlock(BOB, 'tok') }), verifier), /rule 4\.4\.1\.4/);
  });
  test('4.4.1.5: a m.room.third_party_invite with that token must be in the state', () => {
    const room = roomWithTpi('10');
    assertRejected(room.check(tpInvite(room, BOB, { signed: signedBlock(BOB, 'other') }), verifier), /rule 4\.4\.1\.5/);
  });
  test('4.4.1.6: the sender must be the sender of the m.room.third_party_invite', () => {
    const room = roomWithTpi('10');
    room.member(CHARLIE, 'join');
    assertRejected(room.check(tpInvite(room, BOB, { signed: signedBlock(BOB, 'tok') }, CHARLIE), verifier), /rule 4\.4\.1\.6/);
  });
  test('4.4.1.8: a wrong key, no signatures, or a non-ed25519 key id is rejected', () => {
    const room = roomWithTpi('10');
    const wrongKey = signedBlock(BOB, 'tok', otherSeed);
    assertRejected(room.check(tpInvite(room, BOB, { signed: wrongKey }), verifier), /rule 4\.4\.1\.8/);
    const { signatures: _s, ...unsigned } = signedBlock(BOB, 'tok');
    assertRejected(room.check(tpInvite(room, BOB, { signed: unsigned }), verifier), /rule 4\.4\.1\.8/);
    assertRejected(room.check(tpInvite(room, BOB, { signed: { ...unsigned, signatures: {} } }), verifier), /rule 4\.4\.1\.8/);
    const otherAlgo = signedBlock(BOB, 'tok', seed, 'curve25519:0');
    assertRejected(room.check(tpInvite(room, BOB, { signed: otherAlgo }), verifier), /rule 4\.4\.1\.8/);
  });
  test('a tampered signed block fails verification', () => {
    const room = roomWithTpi('10');
    const block = { ...signedBlock(BOB, 'tok'), extra: 'added after signing' };
    assertRejected(room.check(tpInvite(room, BOB, { signed: block }), verifier), /rule 4\.4\.1\.8/);
  });
  test('without a verifier the invite is rejected with the documented reason', () => {
    const room = roomWithTpi('10');
    const r = room.check(tpInvite(room, BOB, { signed: signedBlock(BOB, 'tok') }));
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.reason.startsWith(NO_THIRD_PARTY_VERIFIER), r.ok ? '' : r.reason);
  });
  test('the third-party path does not require the sender to be joined or at the invite level (spec 4.4.1)', () => {
    const room = roomWithTpi('10');
    room.member(ALICE, 'leave');
    assertAllowed(room.check(tpInvite(room, BOB, { signed: signedBlock(BOB, 'tok') }), verifier));
  });
});
