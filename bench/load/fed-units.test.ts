// Pieces of the federation load generator on their own: a fake server's published key and signed requests,
// events built by the room view, the transaction answer check, the sizes' overrides, the raw verify loop.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { generateSelfSignedCert } from '../../core/keys/tls-cert.ts';
import { parseKeyResponse } from '../../core/keys/key-response.ts';
import { checkContentHash, verifyEventSignature } from '../../core/matrix/event-hash.ts';
import { parseXMatrix, verifyXMatrix } from '../../core/matrix/x-matrix.ts';
import type { ActiveSlots } from '../../core/slots/registry.ts';
import { FakeServer } from './fed/fake-server.ts';
import { rawVerifyRate } from './fed/raw-verify.ts';
import { RoomView } from './fed/room-view.ts';
import { fedSizes } from './fed/sizes.ts';
import { FED_SLOTS } from './fed/slots.ts';
import { checkTxn, type Txn } from './fed/transactions.ts';

describe('fake server', () => {
  let dir: string;
  let fake: FakeServer;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fl-fed-test-'));
    const cert = generateSelfSignedCert({ host: '127.0.0.1' });
    writeFileSync(join(dir, 'k.pem'), cert.keyPem);
    writeFileSync(join(dir, 'c.pem'), cert.certPem);
    fake = await FakeServer.start({ keyFile: join(dir, 'k.pem'), certFile: join(dir, 'c.pem'), targetOrigin: 'https://127.0.0.1:9', targetName: 'target.test', connections: 1 });
  });
  after(async () => {
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('publishes a self-signed key for its own name over TLS, and sinks transactions', async () => {
    const agent = new Agent({ connect: { rejectUnauthorized: false } });
    const res = await request(`https://${fake.name}/_matrix/key/v2/server`, { dispatcher: agent });
    const parsed = parseKeyResponse(FED_SLOTS as unknown as ActiveSlots, await res.body.json(), fake.name);
    if (typeof parsed === 'string') assert.fail(parsed);
    assert.deepEqual(parsed.verifyKeys.get('ed25519:fake'), fake.publicKey);
    const sent = await request(`https://${fake.name}/_matrix/federation/v1/send/t1`, { dispatcher: agent, method: 'PUT', body: '{"pdus":[]}' });
    assert.deepEqual(await sent.body.json(), { pdus: {} });
    assert.equal(fake.received.txns, 1);
    const other = await request(`https://${fake.name}/_matrix/federation/v1/state/x`, { dispatcher: agent });
    assert.equal(other.statusCode, 404);
    await other.body.dump();
    assert.deepEqual(fake.received.unknownSamples, ['GET /_matrix/federation/v1/state/x']);
    await agent.close();
  });

  test('signs requests as itself for the target (X-Matrix)', () => {
    const r = fake.presign('PUT', '/_matrix/federation/v1/send/abc', { origin: fake.name, pdus: [] });
    const auth = parseXMatrix(r.auth);
    assert.deepEqual([auth.origin, auth.destination, auth.key], [fake.name, 'target.test', 'ed25519:fake']);
    const req = { method: 'PUT', uri: '/_matrix/federation/v1/send/abc', destination: 'target.test', content: JSON.parse(r.body!) };
    assert.ok(verifyXMatrix(FED_SLOTS.json, FED_SLOTS.signer, auth, req, fake.publicKey));
    assert.ok(!verifyXMatrix(FED_SLOTS.json, FED_SLOTS.signer, auth, { ...req, uri: '/_matrix/federation/v1/send/abd' }, fake.publicKey));
  });

  test('the room view builds signed events on its head with auth events from its state', () => {
    const view = new RoomView('!room', '12', { id: '$head', depth: 7 });
    view.addState([
      { type: 'm.room.power_levels', state_key: '', content: {}, sender: '@a:x', room_id: '!room', prev_events: [], auth_events: [], depth: 1, origin_server_ts: 1 },
      { type: 'm.room.join_rules', state_key: '', content: { join_rule: 'public' }, sender: '@a:x', room_id: '!room', prev_events: [], auth_events: [], depth: 2, origin_server_ts: 2 },
    ]);
    const user = fake.newUser();
    const join = view.build(fake.key, { type: 'm.room.member', sender: user, stateKey: user, content: { membership: 'join' } });
    assert.deepEqual(join.pdu.prev_events, ['$head']);
    assert.equal(join.depth, 8);
    assert.deepEqual(join.pdu.auth_events, [view.stateId('m.room.power_levels'), view.stateId('m.room.join_rules')]);
    assert.ok(checkContentHash(FED_SLOTS.json, join.pdu));
    const lookup = (k: string) => (k === 'ed25519:fake' ? fake.publicKey : undefined);
    assert.ok(verifyEventSignature(FED_SLOTS.json, FED_SLOTS.signer, join.pdu, view.rules.redaction, fake.name, lookup).ok);
    view.accept(join);
    const msg = view.build(fake.key, { type: 'm.room.message', sender: user, content: { body: 'hi' } });
    assert.deepEqual(msg.pdu.prev_events, [join.eventId]);
    assert.deepEqual(msg.pdu.auth_events, [view.stateId('m.room.power_levels'), join.eventId]);
  });
});

describe('checkTxn', () => {
  const txn = { server: { name: 's.test' }, ids: ['$a', '$b', '$c'] } as unknown as Txn;
  const reply = (status: number, body: unknown) => ({ status, body: Buffer.from(JSON.stringify(body)) });

  test('only {} is accepted; an error or a missing result counts', () => {
    const samples: string[] = [];
    const c = checkTxn(txn, reply(200, { pdus: { $a: {}, $b: { error: 'auth_events: no' } } }), samples);
    assert.deepEqual([c.accepted, c.errors], [1, 2]);
    assert.deepEqual(samples, ['PDU $b: {"error":"auth_events: no"}', 'PDU $c: no result']);
  });

  test('a refused transaction fails every PDU', () => {
    const c = checkTxn(txn, reply(403, { errcode: 'M_FORBIDDEN' }), []);
    assert.deepEqual([c.accepted, c.errors], [0, 3]);
  });
});

test('sizes: quick and full defaults, environment overrides, bad values refused', () => {
  assert.equal(fedSizes(false, {}).bigRoomMembers, 10_000);
  assert.ok(fedSizes(true, {}).bigRoomMembers < 1000);
  const s = fedSizes(false, { FL_BENCH_FED_RATES: '100, 2000', FL_BENCH_FED_SERVERS: '8' });
  assert.deepEqual([s.rates, s.servers], [[100, 2000], 8]);
  assert.throws(() => fedSizes(false, { FL_BENCH_FED_MEMBERS: '1.5' }), /FL_BENCH_FED_MEMBERS/);
  assert.throws(() => fedSizes(false, { FL_BENCH_FED_RATES: '500,' }), /FL_BENCH_FED_RATES/);
});

test('the raw verify loop verifies PDU-sized signatures in a child process', async () => {
  const r = await rawVerifyRate(null, 150);
  assert.ok(r.verifies >= 256 && r.verifiesPerS > 0 && r.verifiesPerCpuS > 0);
  assert.ok(r.messageBytes > 300 && r.messageBytes < 600, `message of ${r.messageBytes} bytes`);
});
