// JSON signing and signature checks: the spec's vectors (signing.json) with every json codec.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBase64, encodeBase64 } from './base64.ts';
import { signJson, signatureOf, signedPart, verifyJsonSignature, verifyWithKey, type SigningKey } from './signing.ts';
import { CODECS, loadVectors, testSigner } from './test-support.ts';

interface SigningVectors {
  seed_base64: string;
  server_name: string;
  key_id: string;
  public_key_base64: string;
  json_signing: { name: string; input: Record<string, unknown>; signature: string }[];
}

const v = loadVectors<SigningVectors>('signing.json');
const key: SigningKey = { entity: v.server_name, keyId: v.key_id, seed: decodeBase64(v.seed_base64) };
const publicKey = decodeBase64(v.public_key_base64);
const lookup = (keyId: string) => (keyId === v.key_id ? publicKey : undefined);

test('the vector seed derives the vector public key', () => {
  assert.equal(encodeBase64(testSigner.publicKey(key.seed)), v.public_key_base64);
});

for (const codec of CODECS) {
  describe(`signing with ${codec.name}`, () => {
    test('every json_signing vector signs to the spec signature and verifies', () => {
      assert.ok(v.json_signing.length >= 2);
      for (const c of v.json_signing) {
        const signed = signJson(codec, testSigner, c.input, key);
        assert.deepEqual(signed, { ...c.input, signatures: { [v.server_name]: { [v.key_id]: c.signature } } }, c.name);
        assert.deepEqual(verifyJsonSignature(codec, testSigner, signed, v.server_name, lookup), { ok: true, keyIds: [v.key_id] });
        assert.equal(verifyWithKey(codec, testSigner, signed, v.server_name, v.key_id, publicKey), true);
      }
    });

    test('signatures and unsigned are not signed; existing signatures are kept; input untouched', () => {
      const input = {
        one: 1,
        two: 'Two',
        unsigned: { age_ts: 5 },
        signatures: { other: { 'ed25519:x': 'abc' }, [v.server_name]: { 'ed25519:old': 'def' } },
      };
      const before = structuredClone(input);
      const signed = signJson(codec, testSigner, input, key);
      assert.deepEqual(input, before, 'input not mutated');
      assert.deepEqual(signed.unsigned, { age_ts: 5 });
      assert.deepEqual(signed.signatures, {
        other: { 'ed25519:x': 'abc' },
        [v.server_name]: { 'ed25519:old': 'def', [v.key_id]: v.json_signing[1]!.signature },
      });
      assert.deepEqual(signedPart(signed), { one: 1, two: 'Two' });
      assert.equal(signatureOf(codec, testSigner, key.seed, signed), v.json_signing[1]!.signature);
    });

    test('check failures follow the spec steps', () => {
      const signed = signJson(codec, testSigner, { one: 1, two: 'Two' }, key);
      const check = (obj: Record<string, unknown>, entity = v.server_name, keys = lookup) =>
        verifyJsonSignature(codec, testSigner, obj, entity, keys);
      // 1. no entry for the entity
      assert.match(fail(check(signed, 'elsewhere')), /no signatures from elsewhere/);
      assert.match(fail(check({ one: 1 })), /no signatures/);
      // 2. only unknown algorithms
      assert.match(fail(check({ ...signed, signatures: { [v.server_name]: { 'curve:1': 'abc' } } })), /no ed25519/);
      // 3. no key known
      assert.match(fail(check(signed, v.server_name, () => undefined)), /no known key/);
      // 4. not base64
      assert.match(fail(check({ ...signed, signatures: { [v.server_name]: { [v.key_id]: '!!' } } })), /not base64/);
      // 7. content changed, signature from another key
      assert.match(fail(check({ ...signed, one: 2 })), /does not verify/);
      const otherSeed = new Uint8Array(32).fill(7);
      const byOther = signJson(codec, testSigner, { one: 1, two: 'Two' }, { ...key, seed: otherSeed });
      assert.match(fail(check(byOther)), /does not verify/);
      assert.equal(verifyWithKey(codec, testSigner, byOther, v.server_name, v.key_id, publicKey), false);
      // unsigned may change freely; padded signatures are accepted
      assert.equal(check({ ...signed, unsigned: { anything: true } }).ok, true);
      const padded = { ...signed, signatures: { [v.server_name]: { [v.key_id]: v.json_signing[1]!.signature + '==' } } };
      assert.equal(check(padded).ok, true);
      // a known key that fails sinks the check even if another verifies; unknown keys are skipped
      const extra = { ...signed, signatures: { [v.server_name]: { [v.key_id]: v.json_signing[1]!.signature, 'ed25519:zz': 'AAAA' } } };
      assert.equal(check(extra).ok, true, 'ed25519:zz has no key: skipped');
      assert.equal(check(extra, v.server_name, (id) => (id === 'ed25519:zz' || id === v.key_id ? publicKey : undefined)).ok, false);
    });
  });
}

function fail(result: ReturnType<typeof verifyJsonSignature>): string {
  assert.equal(result.ok, false);
  return result.ok ? '' : result.reason;
}
