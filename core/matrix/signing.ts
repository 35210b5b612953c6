// Signing JSON and checking a signature (spec appendices §Signing Details, §Checking for a Signature).
import type { JsonCodec } from '../slots/json.ts';
import type { Signer } from '../slots/signer.ts';
import { encodeBase64, tryDecodeBase64 } from './base64.ts';

export type JsonObject = Record<string, unknown>;

/** The only signing algorithm the spec defines (appendices §Signing Details). */
export const ED25519 = 'ed25519';
const ED25519_PREFIX = 'ed25519:';

/** Seed, key id and entity for signing: what a server needs to sign as itself. */
export interface SigningKey {
  /** Entity the signature is filed under: our server name. */
  readonly entity: string;
  /** `ed25519:<version>`. */
  readonly keyId: string;
  /** The 32-byte ed25519 seed. */
  readonly seed: Uint8Array;
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The part a signature covers: the object without `signatures` and `unsigned` (a shallow copy if needed). */
export function signedPart(obj: JsonObject): JsonObject {
  if (!Object.hasOwn(obj, 'signatures') && !Object.hasOwn(obj, 'unsigned')) return obj;
  const { signatures: _signatures, unsigned: _unsigned, ...rest } = obj;
  return rest;
}

/** Unpadded base64 ed25519 signature of the object's canonical signed part. */
export function signatureOf(codec: JsonCodec, signer: Signer, seed: Uint8Array, obj: JsonObject): string {
  return encodeBase64(signer.sign(seed, codec.encode(signedPart(obj))));
}

/**
 * Signs `obj` (appendices §Signing Details): remove `signatures` and `unsigned`, encode canonically, sign,
 * then file the signature at signatures[entity][keyId] beside any existing ones; `unsigned` stays as it was.
 * Returns a new object; `obj` and its `signatures` maps are not mutated (nested values are shared).
 */
export function signJson<T extends JsonObject>(codec: JsonCodec, signer: Signer, obj: T, key: SigningKey): T {
  const signature = signatureOf(codec, signer, key.seed, obj);
  const existing = isObject(obj.signatures) ? obj.signatures : {};
  const mine = isObject(existing[key.entity]) ? (existing[key.entity] as JsonObject) : {};
  return { ...obj, signatures: { ...existing, [key.entity]: { ...mine, [key.keyId]: signature } } };
}

/** Finds a verify key (32 bytes) for a key id of the entity being checked, or undefined if unknown. */
export type VerifyKeyLookup = (keyId: string) => Uint8Array | undefined;

export type SignatureCheck =
  | { readonly ok: true; readonly keyIds: readonly string[] }
  | { readonly ok: false; readonly reason: string };

/**
 * Checks `entity`'s signature on `obj` (appendices §Checking for a Signature, steps 1–7). Signatures under
 * key ids we have no key for are skipped; every one we do have a key for must verify, and at least one
 * must exist (Synapse's rule). Keys are looked up synchronously: fetch them before calling.
 */
export function verifyJsonSignature(
  codec: JsonCodec,
  signer: Signer,
  obj: JsonObject,
  entity: string,
  lookup: VerifyKeyLookup,
): SignatureCheck {
  // 1. signatures[entity] must exist.
  const all = obj.signatures;
  const mine = isObject(all) ? all[entity] : undefined;
  if (!isObject(mine)) return { ok: false, reason: `no signatures from ${entity}` };
  let message: Uint8Array | undefined;
  const verified: string[] = [];
  let understood = 0;
  for (const keyId in mine) {
    // 2. Drop key ids whose algorithm we do not understand.
    if (!keyId.startsWith(ED25519_PREFIX)) continue;
    understood++;
    // 3. Look up the verification key; unknown keys are skipped.
    const publicKey = lookup(keyId);
    if (publicKey === undefined) continue;
    // 4. Decode the signature.
    const encoded = mine[keyId];
    const signature = typeof encoded === 'string' ? tryDecodeBase64(encoded) : undefined;
    if (signature === undefined) return { ok: false, reason: `signature ${entity} ${keyId} is not base64` };
    // 5–6. Remove signatures and unsigned, encode canonically (once for all keys).
    message ??= codec.encode(signedPart(obj));
    // 7. Verify.
    if (!signer.verify(publicKey, message, signature)) {
      return { ok: false, reason: `signature ${entity} ${keyId} does not verify` };
    }
    verified.push(keyId);
  }
  if (understood === 0) return { ok: false, reason: `no ed25519 signatures from ${entity}` };
  if (verified.length === 0) return { ok: false, reason: `no known key for any signature from ${entity}` };
  return { ok: true, keyIds: verified };
}

/** True when `obj` carries a valid signature by exactly this key (e.g. a key server's self-signature). */
export function verifyWithKey(
  codec: JsonCodec,
  signer: Signer,
  obj: JsonObject,
  entity: string,
  keyId: string,
  publicKey: Uint8Array,
): boolean {
  const all = obj.signatures;
  const mine = isObject(all) ? all[entity] : undefined;
  const encoded = isObject(mine) ? mine[keyId] : undefined;
  const signature = typeof encoded === 'string' ? tryDecodeBase64(encoded) : undefined;
  if (signature === undefined) return false;
  return signer.verify(publicKey, codec.encode(signedPart(obj)), signature);
}
