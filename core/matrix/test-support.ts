// Test-only helpers for core/matrix tests: a minimal ed25519 Signer on node:crypto, every json codec, and
// the shared test vectors. Never imported by non-test code.
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { JsonCodec } from '../slots/json.ts';
import type { Signer } from '../slots/signer.ts';
import singlePass from '../../plugins/json/single-pass.ts';
import sortStringify from '../../plugins/json/sort-stringify.ts';
import streamingHash from '../../plugins/json/streaming-hash.ts';

const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex'); // RFC 8410 §7 + 32-byte seed
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex'); // RFC 8410 §4 + 32-byte key

const privateKey = (seed: Uint8Array) =>
  createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });

/** ed25519 straight from node:crypto, independent of plugins/signer. */
export const testSigner: Signer = {
  name: 'test-node-crypto',
  publicKey: (seed) => new Uint8Array(createPublicKey(privateKey(seed)).export({ format: 'der', type: 'spki' }).subarray(12)),
  sign: (seed, message) => new Uint8Array(sign(null, message, privateKey(seed))),
  verify(publicKey, message, signature) {
    try {
      const key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
      return verify(null, message, key, signature);
    } catch {
      return false;
    }
  },
};

/** One instance of every json implementation: spec-level tests run against each. */
export const CODECS: readonly JsonCodec[] = [sortStringify(), singlePass(), streamingHash()];

/** A file from shared/vectors (beside the repository: /work/shared locally, beside the clone in CI). */
export function loadVectors<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(`../../../shared/vectors/${file}`, import.meta.url), 'utf8')) as T;
}
