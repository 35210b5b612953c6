// Signer `node-crypto`: ed25519 through node:crypto (OpenSSL), with KeyObjects cached per key array.
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { Signer } from '../../core/slots/signer.ts';

/** PKCS#8 DER for an Ed25519 private key is this fixed prefix followed by the 32-byte seed (RFC 8410 §7). */
const PKCS8_PREFIX = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);
/** SPKI DER for an Ed25519 public key is this fixed prefix followed by the 32-byte key (RFC 8410 §4). */
const SPKI_PREFIX = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);

const SEED_BYTES = 32;
const PUBLIC_KEY_BYTES = 32;
const SIGNATURE_BYTES = 64;

function derWith(prefix: Uint8Array, key: Uint8Array): Buffer {
  const der = Buffer.allocUnsafe(prefix.length + key.length);
  der.set(prefix, 0);
  der.set(key, prefix.length);
  return der;
}

/** A view of the same bytes as a plain Uint8Array, so results compare equal to other implementations'. */
function plain(buf: Buffer): Uint8Array {
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/**
 * Keys are cached by array identity (the key cache hands us the same arrays every call). Trade-off: a
 * caller that mutates a key array in place after using it would keep getting the old key; nobody does.
 */
export default function nodeCrypto(): Signer {
  const privateKeys = new WeakMap<Uint8Array, KeyObject>();
  const publicKeys = new WeakMap<Uint8Array, KeyObject>();

  function privateKeyFor(seed: Uint8Array): KeyObject {
    let key = privateKeys.get(seed);
    if (key === undefined) {
      if (seed.length !== SEED_BYTES) throw new RangeError(`ed25519 seed must be ${SEED_BYTES} bytes, got ${seed.length}`);
      key = createPrivateKey({ key: derWith(PKCS8_PREFIX, seed), format: 'der', type: 'pkcs8' });
      privateKeys.set(seed, key);
    }
    return key;
  }

  return {
    name: 'node-crypto',

    publicKey(seed) {
      const spki = createPublicKey(privateKeyFor(seed)).export({ format: 'der', type: 'spki' });
      return plain(spki.subarray(SPKI_PREFIX.length));
    },

    sign(seed, message) {
      return plain(sign(null, message, privateKeyFor(seed)));
    },

    verify(publicKey, message, signature) {
      if (publicKey.length !== PUBLIC_KEY_BYTES || signature.length !== SIGNATURE_BYTES) return false;
      try {
        let key = publicKeys.get(publicKey);
        if (key === undefined) {
          key = createPublicKey({ key: derWith(SPKI_PREFIX, publicKey), format: 'der', type: 'spki' });
          publicKeys.set(publicKey, key);
        }
        return verify(null, message, key, signature);
      } catch {
        // An encoding OpenSSL refuses (e.g. a public key that is not a curve point) is just a bad signature.
        return false;
      }
    },
  };
}
