// Event content hash, reference hash and event signing (server-server-api.md §Signing Events,
// §Calculating the content hash for an event, §Calculating the reference hash for an event).
import type { JsonCodec } from '../slots/json.ts';
import type { Signer } from '../slots/signer.ts';
import { encodeBase64, tryDecodeBase64 } from './base64.ts';
import { redact } from './redaction.ts';
import type { RedactionAlgorithm } from './room-versions.ts';
import { bytesEqual } from './sha256.ts';
import { signJson, signedPart, verifyJsonSignature, type JsonObject, type SignatureCheck, type SigningKey, type VerifyKeyLookup } from './signing.ts';

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The content hash: SHA-256 of the canonical event without `unsigned`, `signatures` and `hashes`.
 * It covers the unredacted event.
 */
export function contentHash(codec: JsonCodec, event: JsonObject): Uint8Array {
  const { unsigned: _unsigned, signatures: _signatures, hashes: _hashes, ...rest } = event;
  return codec.sha256(rest);
}

/** True when `hashes.sha256` (unpadded base64; padded accepted) matches the recomputed content hash. */
export function checkContentHash(codec: JsonCodec, event: JsonObject): boolean {
  return claimedHashMatches(event, () => contentHash(codec, event));
}

/**
 * The same check when the content hash is already computed (e.g. from members encoded once,
 * canonical-members.ts). Fast path: compare the claimed text with our digest in unpadded base64 (what every
 * sender writes); only when they differ is the claim decoded, since a lenient decoder may still match.
 */
export function contentHashDigestMatches(event: JsonObject, digest: Uint8Array): boolean {
  const hashes = event.hashes;
  const claimed = isObject(hashes) ? hashes.sha256 : undefined;
  if (typeof claimed !== 'string') return false;
  if (claimed === encodeBase64(digest)) return true;
  return claimedHashMatches(event, () => digest);
}

function claimedHashMatches(event: JsonObject, actual: () => Uint8Array): boolean {
  const hashes = event.hashes;
  const claimed = isObject(hashes) && typeof hashes.sha256 === 'string' ? tryDecodeBase64(hashes.sha256) : undefined;
  return claimed !== undefined && bytesEqual(claimed, actual());
}

/**
 * The reference hash (the event id's source from room v3 on): 1. redact with the room version's
 * algorithm, 2. remove `signatures` and `unsigned`, 3. canonical JSON, 4. SHA-256. As redaction keeps
 * `hashes`, it covers the content hash too.
 */
export function referenceHash(codec: JsonCodec, event: JsonObject, algorithm: RedactionAlgorithm): Uint8Array {
  return codec.sha256(signedPart(redact(event, algorithm)));
}

/**
 * Signs an event as `key.entity` (§Signing Events): set `hashes.sha256` to the content hash (other
 * hashes kept), redact, sign the redacted form, copy its `signatures` onto the full event.
 * Returns a new event; the input is not mutated.
 */
export function signEvent(
  codec: JsonCodec,
  signer: Signer,
  event: JsonObject,
  algorithm: RedactionAlgorithm,
  key: SigningKey,
): JsonObject {
  const hashes = { ...(isObject(event.hashes) ? event.hashes : {}), sha256: encodeBase64(contentHash(codec, event)) };
  const hashed = { ...event, hashes };
  const signedRedacted = signJson(codec, signer, redact(hashed, algorithm), key);
  return { ...hashed, signatures: signedRedacted.signatures };
}

/**
 * Checks `entity`'s signature on an event the way a receiver does: against the redacted form, so it holds
 * whether the full or an already-redacted copy was sent (§Validating hashes and signatures on received events).
 */
export function verifyEventSignature(
  codec: JsonCodec,
  signer: Signer,
  event: JsonObject,
  algorithm: RedactionAlgorithm,
  entity: string,
  lookup: VerifyKeyLookup,
): SignatureCheck {
  return verifyJsonSignature(codec, signer, redact(event, algorithm), entity, lookup);
}
