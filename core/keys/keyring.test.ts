// The keyring and our published keys, with a fake clock and a fake origin: validity, caching, refetching,
// and "never overwrite a valid key with a worse answer".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import makeJson from '../../plugins/json/single-pass.ts';
import makeSigner from '../../plugins/signer/node-crypto.ts';
import makeInterner from '../../plugins/interner/map.ts';
import { encodeBase64 } from '../matrix/base64.ts';
import { signJson } from '../matrix/signing.ts';
import type { ActiveSlots } from '../slots/registry.ts';
import { Keyring, MAX_KEY_TRUST_MS } from './keyring.ts';
import { KEY_VALIDITY_MS, ServerKeys } from './server-keys.ts';

const slots = { json: makeJson(), signer: makeSigner(), interner: makeInterner() } as unknown as ActiveSlots;
const HOUR = 3_600_000;

function origin(name: string, seedByte: number) {
  const seed = new Uint8Array(32).fill(seedByte);
  const key = encodeBase64(slots.signer.publicKey(seed));
  return {
    key,
    response: (validUntil: number, keyId = 'ed25519:k', extra: Record<string, unknown> = {}) =>
      signJson(slots.json, slots.signer, { server_name: name, valid_until_ts: validUntil, verify_keys: { [keyId]: { key } }, ...extra }, { entity: name, keyId, seed }),
  };
}

function setup(now: { t: number }, answers: unknown[]) {
  const own = new ServerKeys({ serverName: 'us.example', keyId: 'ed25519:us', seed: new Uint8Array(32).fill(9), slots, now: () => now.t });
  let fetches = 0;
  const keyring = new Keyring({
    own, slots, now: () => now.t, minRefetchMs: 1_000,
    fetch: async () => {
      const a = answers[Math.min(fetches++, answers.length - 1)];
      if (a instanceof Error) throw a;
      return a;
    },
  });
  return { own, keyring, fetches: () => fetches };
}

test('our key response is re-rendered halfway through its validity', () => {
  const now = { t: 1_000_000 };
  const { own } = setup(now, []);
  const first = own.response();
  assert.equal(first.valid_until_ts, now.t + KEY_VALIDITY_MS);
  now.t += KEY_VALIDITY_MS / 2 - 1;
  assert.equal(own.response(), first, 'still the same rendering');
  now.t += 2;
  const second = own.response();
  assert.notEqual(second, first);
  assert.equal(second.valid_until_ts, now.t + KEY_VALIDITY_MS);
  assert.equal(Buffer.from(own.bytes()).toString(), JSON.stringify(second));
});

test('request keys: fetched once, cached while valid, refetched after expiry, refused when unobtainable', async () => {
  const now = { t: 10 * HOUR };
  const o = origin('them.example', 1);
  const { keyring, fetches } = setup(now, [o.response(now.t + HOUR), o.response(now.t + 10 * HOUR)]);
  const k = await keyring.requestKey('them.example', 'ed25519:k');
  assert.equal(encodeBase64(k), o.key);
  await keyring.requestKey('them.example', 'ed25519:k');
  assert.equal(fetches(), 1, 'served from cache');
  now.t += 2 * HOUR;
  await keyring.requestKey('them.example', 'ed25519:k');
  assert.equal(fetches(), 2, 'expired, so fetched again');
  await assert.rejects(keyring.requestKey('them.example', 'ed25519:other'), (e: any) => e.status === 401 && /ed25519:other/.test(e.message));
});

test('a worse answer never replaces a better one; notary keeps serving the better response', async () => {
  const now = { t: 10 * HOUR };
  const o = origin('them.example', 1);
  const good = o.response(now.t + 20 * HOUR);
  const worse = o.response(now.t + HOUR);
  const spurious = origin('them.example', 2).response(now.t + 30 * HOUR, 'ed25519:k2'); // a different key, no ed25519:k
  const { keyring } = setup(now, [good, worse, spurious]);
  assert.deepEqual(await keyring.notaryResponses('them.example', now.t), [good]);
  now.t += 2_000;
  assert.deepEqual(await keyring.notaryResponses('them.example', now.t + 100 * HOUR), [good], 'refetched (too short), got a worse answer, kept the good one');
  now.t += 2 * HOUR;
  assert.ok(await keyring.requestKey('them.example', 'ed25519:k'), 'ed25519:k is still valid from the good answer');
  now.t += 2_000;
  await keyring.refresh('them.example');
  assert.ok(await keyring.requestKey('them.example', 'ed25519:k'), 'a response lacking the key does not remove it');
  assert.ok(await keyring.requestKey('them.example', 'ed25519:k2'));
});

test('keys are trusted for at most 7 days after fetching, whatever valid_until_ts says', async () => {
  const now = { t: 10 * HOUR };
  const o = origin('them.example', 1);
  const { keyring } = setup(now, [o.response(now.t + 365 * 24 * HOUR), new Error('down')]);
  assert.ok(await keyring.eventKey('them.example', 'ed25519:k', now.t + MAX_KEY_TRUST_MS - 1, true));
  assert.equal(await keyring.eventKey('them.example', 'ed25519:k', now.t + MAX_KEY_TRUST_MS + 1, true), undefined);
  assert.ok(await keyring.eventKey('them.example', 'ed25519:k', now.t + MAX_KEY_TRUST_MS + 1, false), 'validity not enforced (room v1–4 rule)');
});

test('old_verify_keys verify events up to expired_ts, never requests', async () => {
  const now = { t: 10 * HOUR };
  const o = origin('them.example', 1);
  const retired = origin('them.example', 3);
  const resp = o.response(now.t + HOUR, 'ed25519:k', { old_verify_keys: { 'ed25519:old': { key: retired.key, expired_ts: 5 * HOUR } } });
  const { keyring } = setup(now, [resp]);
  assert.ok(await keyring.eventKey('them.example', 'ed25519:old', 4 * HOUR, true));
  assert.equal(await keyring.eventKey('them.example', 'ed25519:old', 6 * HOUR, true), undefined);
  await assert.rejects(keyring.requestKey('them.example', 'ed25519:old'));
});

test('responses with a wrong server name or a bad self-signature are refused', async () => {
  const now = { t: 10 * HOUR };
  const o = origin('them.example', 1);
  const forged = { ...o.response(now.t + HOUR), valid_until_ts: now.t + 100 * HOUR };
  for (const bad of [origin('other.example', 1).response(now.t + HOUR), forged, { server_name: 'them.example' }]) {
    const { keyring } = setup(now, [bad]);
    await assert.rejects(keyring.requestKey('them.example', 'ed25519:k'), (e: any) => e.status === 401);
    assert.deepEqual(await keyring.notaryResponses('them.example', now.t), []);
  }
});
