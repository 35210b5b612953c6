// The third-party invite signature verifier built on the json and signer slots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { thirdPartyPublicKeys, thirdPartySignatureVerifier } from './third-party-invite.ts';
import { b64, naclSigner, testJson } from './fixtures.ts';

const seed = new Uint8Array(32).fill(1);
const key = b64(naclSigner.publicKey(seed));
const verify = thirdPartySignatureVerifier(testJson, naclSigner);
const body = { mxid: '@bob:b.test', token: 'tok', sender: '@alice:a.test' };
const sig = b64(naclSigner.sign(seed, testJson.encode(body)));

test('verifies a signature over the signed block without signatures and unsigned', () => {
  assert.ok(verify({ ...body, signatures: { 'id.test': { 'ed25519:0': sig } } }, [key]));
  assert.ok(verify({ ...body, signatures: { 'id.test': { 'ed25519:0': sig } }, unsigned: { x: 1 } }, [key]));
});
test('any signature against any key will do', () => {
  const junk = b64(new Uint8Array(64));
  assert.ok(verify({ ...body, signatures: { other: { 'ed25519:a': junk }, 'id.test': { 'ed25519:0': sig } } }, ['!!', b64(new Uint8Array(32)), key]));
});
test('refuses wrong keys, wrong algorithms, malformed input', () => {
  const signed = { ...body, signatures: { 'id.test': { 'ed25519:0': sig } } };
  assert.ok(!verify(signed, []));
  assert.ok(!verify(signed, [b64(naclSigner.publicKey(new Uint8Array(32).fill(2)))]));
  assert.ok(!verify({ ...body, signatures: { 'id.test': { 'other:0': sig } } }, [key]));
  assert.ok(!verify({ ...body, signatures: { 'id.test': { 'ed25519:0': sig + 'A' } } }, [key]));
  assert.ok(!verify({ ...body, signatures: 'nope' }, [key]));
  assert.ok(!verify({ ...body, token: 'other', signatures: { 'id.test': { 'ed25519:0': sig } } }, [key]));
});
test('thirdPartyPublicKeys reads public_key then public_keys', () => {
  assert.deepEqual(thirdPartyPublicKeys({ public_key: 'A', public_keys: [{ public_key: 'B' }, { key_validity_url: 'x' }, 'C'] }), ['A', 'B']);
  assert.deepEqual(thirdPartyPublicKeys({}), []);
});
