// Validation of a server's key response (spec: GET /_matrix/key/v2/server, "Publishing Keys"): shape, server
// name, and a self-signature by one of its own verify keys.
import { tryDecodeBase64 } from '../matrix/base64.ts';
import { isEd25519KeyId } from '../matrix/ids.ts';
import { verifyWithKey, type JsonObject } from '../matrix/signing.ts';
import type { ActiveSlots } from '../slots/registry.ts';

export interface ParsedKeyResponse {
  readonly serverName: string;
  readonly validUntilTs: number;
  /** Current keys: valid for requests and events until validUntilTs. */
  readonly verifyKeys: ReadonlyMap<string, Uint8Array>;
  /** Retired keys: valid for events sent before their expired_ts. */
  readonly oldKeys: ReadonlyMap<string, { key: Uint8Array; expiredTs: number }>;
  /** The response exactly as the origin signed it. */
  readonly raw: JsonObject;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Returns the parsed response, or a reason it is unacceptable. */
export function parseKeyResponse(slots: ActiveSlots, raw: unknown, expectedServer: string): ParsedKeyResponse | string {
  if (!isObject(raw)) return 'key response is not a JSON object';
  if (raw.server_name !== expectedServer) return `key response is for ${JSON.stringify(raw.server_name)}, not ${expectedServer}`;
  if (!Number.isSafeInteger(raw.valid_until_ts)) return 'key response has no integer valid_until_ts';
  if (!isObject(raw.verify_keys)) return 'key response has no verify_keys object';
  const verifyKeys = new Map<string, Uint8Array>();
  for (const [id, v] of Object.entries(raw.verify_keys)) {
    if (!isEd25519KeyId(id)) continue; // other algorithms: not ours to use
    const key = isObject(v) && typeof v.key === 'string' ? tryDecodeBase64(v.key) : undefined;
    if (key?.length !== 32) return `verify key ${id} is not a base64 32-byte ed25519 key`;
    verifyKeys.set(id, key);
  }
  const oldKeys = new Map<string, { key: Uint8Array; expiredTs: number }>();
  if (raw.old_verify_keys !== undefined) {
    if (!isObject(raw.old_verify_keys)) return 'old_verify_keys is not an object';
    for (const [id, v] of Object.entries(raw.old_verify_keys)) {
      if (!isEd25519KeyId(id) || !isObject(v)) continue;
      const key = typeof v.key === 'string' ? tryDecodeBase64(v.key) : undefined;
      if (key?.length !== 32 || !Number.isSafeInteger(v.expired_ts)) return `old verify key ${id} is malformed`;
      oldKeys.set(id, { key, expiredTs: v.expired_ts as number });
    }
  }
  // The response must be signed by its own server with (at least) one of its current keys, and every such
  // signature present must verify.
  const sigs = isObject(raw.signatures) ? raw.signatures[expectedServer] : undefined;
  if (!isObject(sigs)) return `key response carries no signature from ${expectedServer}`;
  let verified = 0;
  for (const keyId of Object.keys(sigs)) {
    const key = verifyKeys.get(keyId);
    if (!key) continue;
    if (!verifyWithKey(slots.json, slots.signer, raw, expectedServer, keyId, key)) return `self-signature by ${keyId} does not verify`;
    verified++;
  }
  if (verified === 0) return `key response is not signed by any of its verify_keys`;
  return { serverName: expectedServer, validUntilTs: raw.valid_until_ts as number, verifyKeys, oldKeys, raw };
}
