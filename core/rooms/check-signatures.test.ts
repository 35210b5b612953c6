// Receipt check 2: whose signatures are required (the sender's server; for a restricted join also the
// authorising user's server) and the drop when one is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { roomVersion } from '../matrix/room-versions.ts';
import { signEvent } from '../matrix/event-hash.ts';
import type { Pdu } from '../matrix/pdu.ts';
import { requiredSigners } from './check-signatures.ts';
import { Outcome } from './outcome.ts';
import { FakeKeys, RemoteServer, keyFor, localServer, slots } from './testing/harness.ts';

const join = (via?: string) => ({
  type: 'm.room.member', sender: '@dave:third.test', state_key: '@dave:third.test',
  content: via === undefined ? { membership: 'join' } : { membership: 'join', join_authorised_via_users_server: via },
}) as unknown as Pdu;

test('requiredSigners: the sender server, plus the authorising server of a restricted join (v8+)', () => {
  const v10 = roomVersion('10')!;
  assert.deepEqual(requiredSigners(v10, join()), ['third.test']);
  assert.deepEqual(requiredSigners(v10, join('@alice:local.test')), ['third.test', 'local.test']);
  assert.deepEqual(requiredSigners(v10, join('@erin:third.test')), ['third.test']);
  assert.deepEqual(requiredSigners(roomVersion('7')!, join('@alice:local.test')), ['third.test']);
});

test('a restricted join without the authorising server\'s signature is dropped; with it, it is checked', async () => {
  const keys = new FakeKeys();
  const local = localServer({ keys });
  const third = new RemoteServer('third.test', keys);
  const roomId = await local.engine.createRoom({ creator: '@alice:local.test', preset: 'public_chat', roomVersion: '10' });
  const dave = third.build(local, roomId, {
    type: 'm.room.member', stateKey: '@dave:third.test', sender: '@dave:third.test',
    content: { membership: 'join', join_authorised_via_users_server: '@alice:local.test' },
  });
  const [dropped] = await local.engine.receive(roomId, [dave.pdu]);
  assert.equal(dropped!.outcome, Outcome.DROPPED);
  assert.equal(dropped!.reason, 'no signature from local.test');
  const cosigned = signEvent(slots.json, slots.signer, dave.pdu, roomVersion('10')!.redaction, keyFor('local.test'));
  const [r] = await local.engine.receive(roomId, [cosigned]);
  assert.equal(r!.eventId, dave.eventId);
  assert.equal(r!.outcome, Outcome.ACCEPTED, r!.reason);
});
