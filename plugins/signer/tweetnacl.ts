// Signer `tweetnacl`: ed25519 in pure JavaScript (tweetnacl's nacl-fast), expanded keys cached per seed array.
import nacl from 'tweetnacl';
import type { Signer } from '../../core/slots/signer.ts';

const SEED_BYTES = 32;
const PUBLIC_KEY_BYTES = 32;
const SIGNATURE_BYTES = 64;

/** The ed25519 group order L = 2^252 + 27742317777372353535851937790883648493, little-endian. */
const L = Uint8Array.from([
  0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
]);

/**
 * RFC 8032 §5.1.7 step 1: the S half of a signature must be < L. tweetnacl skips this check, so without it
 * S + L would verify too (signature malleability) where OpenSSL and libsodium say no; we add it so that
 * every implementation accepts exactly the same signatures.
 */
function canonicalS(signature: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) {
    const s = signature[32 + i]!;
    const l = L[i]!;
    if (s !== l) return s < l;
  }
  return false; // S == L
}

/**
 * The 64-byte secret key (seed ‖ public key) is cached by seed array identity. Trade-off: a caller that
 * mutates a seed array in place after using it would keep signing with the old key; nobody does.
 */
export default function tweetnaclSigner(): Signer {
  const secretKeys = new WeakMap<Uint8Array, Uint8Array>();

  function secretKeyFor(seed: Uint8Array): Uint8Array {
    let secretKey = secretKeys.get(seed);
    if (secretKey === undefined) {
      if (seed.length !== SEED_BYTES) throw new RangeError(`ed25519 seed must be ${SEED_BYTES} bytes, got ${seed.length}`);
      secretKey = nacl.sign.keyPair.fromSeed(seed).secretKey;
      secretKeys.set(seed, secretKey);
    }
    return secretKey;
  }

  return {
    name: 'tweetnacl',

    publicKey(seed) {
      return secretKeyFor(seed).slice(SEED_BYTES);
    },

    sign(seed, message) {
      return nacl.sign.detached(message, secretKeyFor(seed));
    },

    verify(publicKey, message, signature) {
      if (publicKey.length !== PUBLIC_KEY_BYTES || signature.length !== SIGNATURE_BYTES) return false;
      if (!canonicalS(signature)) return false;
      try {
        return nacl.sign.detached.verify(message, signature, publicKey);
      } catch {
        return false; // tweetnacl throws on argument types it does not like
      }
    },
  };
}
