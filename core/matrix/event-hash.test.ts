// Content hashes, reference hashes and event signing: the spec's and Synapse's vectors (signing.json).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBase64, encodeBase64 } from './base64.ts';
import { checkContentHash, contentHash, contentHashDigestMatches, referenceHash, signEvent, verifyEventSignature } from './event-hash.ts';
import { redact } from './redaction.ts';
import type { JsonObject, SigningKey } from './signing.ts';
import { CODECS, loadVectors, testSigner } from './test-support.ts';

interface EventVectors {
  seed_base64: string;
  server_name: string;
  key_id: string;
  public_key_base64: string;
  event_signing: { name: string; input: JsonObject; content_hash: string; signature: string }[];
}

const v = loadVectors<EventVectors>('signing.json');
const key: SigningKey = { entity: v.server_name, keyId: v.key_id, seed: decodeBase64(v.seed_base64) };
const publicKey = decodeBase64(v.public_key_base64);
const lookup = (keyId: string) => (keyId === v.key_id ? publicKey : undefined);

for (const codec of CODECS) {
  describe(`event hashing and signing with ${codec.name}`, () => {
    test('every event_signing vector: content hash, signature, and the full signed event (v1 redaction)', () => {
      assert.ok(v.event_signing.length >= 4);
      for (const c of v.event_signing) {
        assert.equal(encodeBase64(contentHash(codec, c.input)), c.content_hash, `${c.name}: content hash`);
        const signed = signEvent(codec, testSigner, c.input, 'v1', key);
        // The spec's output: the input with hashes.sha256 set and the signature filed; unsigned kept.
        assert.deepEqual(signed, {
          ...c.input,
          hashes: { sha256: c.content_hash },
          signatures: { [v.server_name]: { [v.key_id]: c.signature } },
        }, c.name);
        assert.equal(checkContentHash(codec, signed), true, `${c.name}: hash checks`);
        assert.equal(verifyEventSignature(codec, testSigner, signed, 'v1', v.server_name, lookup).ok, true);
      }
    });

    test('the signature holds on a redacted copy; the content hash then fails (receiver redacts)', () => {
      const c = v.event_signing[1]!; // the message event with a body
      const signed = signEvent(codec, testSigner, c.input, 'v1', key);
      const redacted = redact(signed, 'v1');
      assert.deepEqual(redacted.content, {});
      assert.equal(verifyEventSignature(codec, testSigner, redacted, 'v1', v.server_name, lookup).ok, true);
      assert.equal(checkContentHash(codec, redacted), false);
      // Changing unredacted content keeps the signature valid but breaks the hash.
      const tampered = { ...signed, content: { body: 'changed' } };
      assert.equal(verifyEventSignature(codec, testSigner, tampered, 'v1', v.server_name, lookup).ok, true);
      assert.equal(checkContentHash(codec, tampered), false);
      // Changing a kept key breaks the signature.
      const moved = { ...signed, origin_server_ts: 1 };
      assert.equal(verifyEventSignature(codec, testSigner, moved, 'v1', v.server_name, lookup).ok, false);
    });

    test('v11 signing redacts with v11 rules (origin no longer covered)', () => {
      const input = { ...v.event_signing[0]!.input };
      const v1Signed = signEvent(codec, testSigner, input, 'v1', key);
      const v11Signed = signEvent(codec, testSigner, input, 'v11', key);
      assert.notDeepEqual(v1Signed.signatures, v11Signed.signatures);
      const withOtherOrigin = { ...v11Signed, origin: 'elsewhere' };
      assert.equal(verifyEventSignature(codec, testSigner, withOtherOrigin, 'v11', v.server_name, lookup).ok, true);
      assert.equal(verifyEventSignature(codec, testSigner, { ...v1Signed, origin: 'elsewhere' }, 'v1', v.server_name, lookup).ok, false);
    });

    test('signEvent keeps other hashes and signatures and does not mutate its input', () => {
      const input: JsonObject = {
        type: 'X', content: { a: 1 }, hashes: { sha512: 'keep' }, signatures: { other: { 'ed25519:o': 'sig' } }, unsigned: { u: 1 },
      };
      const before = structuredClone(input);
      const signed = signEvent(codec, testSigner, input, 'v11', key);
      assert.deepEqual(input, before);
      assert.equal((signed.hashes as JsonObject).sha512, 'keep');
      assert.deepEqual(Object.keys(signed.signatures as JsonObject).sort(), ['domain', 'other']);
      assert.deepEqual(signed.unsigned, { u: 1 });
      // `hashes` (sha512 included) is outside the content hash, so the stored hash still matches.
      assert.equal(encodeBase64(contentHash(codec, signed)), (signed.hashes as JsonObject).sha256);
    });

    test('checkContentHash refuses missing, malformed and padded-but-wrong hashes; accepts padding', () => {
      const signed = signEvent(codec, testSigner, v.event_signing[0]!.input, 'v1', key);
      const hash = (signed.hashes as JsonObject).sha256 as string;
      assert.equal(checkContentHash(codec, { ...signed, hashes: { sha256: hash + '=' } }), true);
      assert.equal(checkContentHash(codec, { ...signed, hashes: {} }), false);
      assert.equal(checkContentHash(codec, { ...signed, hashes: { sha256: 'not base64!' } }), false);
      assert.equal(checkContentHash(codec, { ...signed, hashes: 'x' }), false);
      assert.equal(checkContentHash(codec, { ...signed, depth: 4 }), false);
    });

    test('contentHashDigestMatches agrees with checkContentHash, padded claims included', () => {
      const signed = signEvent(codec, testSigner, v.event_signing[0]!.input, 'v1', key);
      const hash = (signed.hashes as JsonObject).sha256 as string;
      const digest = contentHash(codec, signed);
      assert.equal(contentHashDigestMatches(signed, digest), true);
      assert.equal(contentHashDigestMatches({ ...signed, hashes: { sha256: hash + '=' } }, digest), true);
      assert.equal(contentHashDigestMatches({ ...signed, hashes: {} }, digest), false);
      assert.equal(contentHashDigestMatches({ ...signed, hashes: { sha256: 'not base64!' } }, digest), false);
      assert.equal(contentHashDigestMatches({ ...signed, hashes: 'x' }, digest), false);
      assert.equal(contentHashDigestMatches(signed, contentHash(codec, { ...signed, depth: 4 })), false);
    });

    test('reference hash: redacted, without signatures and unsigned', () => {
      const signed = signEvent(codec, testSigner, v.event_signing[1]!.input, 'v6', key);
      const ref = referenceHash(codec, signed, 'v6');
      const { signatures: _s, unsigned: _u, ...rest } = redact(signed, 'v6');
      assert.deepEqual(ref, codec.sha256(rest));
      assert.deepEqual(referenceHash(codec, { ...signed, unsigned: { x: 1 }, signatures: {} }, 'v6'), ref);
      assert.deepEqual(referenceHash(codec, { ...signed, content: { body: 'other' } }, 'v6'), ref, 'content is redacted away');
      assert.notDeepEqual(referenceHash(codec, { ...signed, depth: 99 }, 'v6'), ref);
    });
  });
}
