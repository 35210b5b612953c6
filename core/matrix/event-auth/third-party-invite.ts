// Third-party invite signatures (spec: rooms/v6–v12 auth rule 4.4.1.7 [v12 5.4.1.7];
// server-server-api §Third-party invites "Verifying the invite"; appendices §Checking for a Signature).
import type { JsonCodec } from '../../slots/json.ts';
import type { Signer } from '../../slots/signer.ts';
import { isPlainObject } from './power-levels.ts';

/**
 * True when any ed25519 signature in `signed.signatures` verifies against any of `publicKeys`
 * (unpadded base64, standard or URL-safe alphabet). Injected into `checkAuth` so that event-auth stays free
 * of crypto and canonical-JSON implementations.
 */
export type ThirdPartySignatureVerifier = (signed: Readonly<Record<string, unknown>>, publicKeys: readonly string[]) => boolean;

/** The public keys an `m.room.third_party_invite` offers: `public_key`, then each `public_keys[].public_key`. */
export function thirdPartyPublicKeys(content: Readonly<Record<string, unknown>>): string[] {
  const keys: string[] = [];
  const single = content['public_key'];
  if (typeof single === 'string') keys.push(single);
  const list = content['public_keys'];
  if (Array.isArray(list)) {
    for (const entry of list) {
      if (isPlainObject(entry) && typeof entry['public_key'] === 'string') keys.push(entry['public_key']);
    }
  }
  return keys;
}

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** Decodes unpadded (or padded) base64 in either alphabet; undefined for anything else. */
function decodeBase64(s: string): Uint8Array | undefined {
  if (!BASE64.test(s) || s.replace(/=+$/, '').length % 4 === 1) return undefined;
  return Buffer.from(s, 'base64'); // Node accepts both alphabets and missing padding
}

/**
 * The verifier built on the `json` and `signer` slots: the signed bytes are the canonical JSON of `signed`
 * without `signatures` and `unsigned`; only key ids of the `ed25519:` algorithm are tried.
 */
export function thirdPartySignatureVerifier(json: JsonCodec, signer: Signer): ThirdPartySignatureVerifier {
  return (signed, publicKeys) => {
    const sigs = signed['signatures'];
    if (!isPlainObject(sigs)) return false;
    const keys = publicKeys.map(decodeBase64).filter((k): k is Uint8Array => k?.length === 32);
    if (keys.length === 0) return false;
    const { signatures: _s, unsigned: _u, ...rest } = signed;
    let message: Uint8Array;
    try {
      message = json.encode(rest);
    } catch {
      return false; // not representable as canonical JSON: nothing can have signed it
    }
    for (const server of Object.values(sigs)) {
      if (!isPlainObject(server)) continue;
      for (const [keyId, sig] of Object.entries(server)) {
        if (!keyId.startsWith('ed25519:') || typeof sig !== 'string') continue;
        const bytes = decodeBase64(sig);
        if (bytes?.length !== 64) continue;
        for (const key of keys) if (signer.verify(key, message, bytes)) return true;
      }
    }
    return false;
  };
}
