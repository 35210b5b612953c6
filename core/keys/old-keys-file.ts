// Keys we no longer sign with but still publish as `old_verify_keys` (spec: GET /_matrix/key/v2/server),
// read from `old_signing_keys.json` in the data dir, shaped like Synapse's `old_signing_keys` setting:
//   { "ed25519:<version>": { "key": "<unpadded base64 public key>", "expired_ts": <ms> } }
import { existsSync, readFileSync } from 'node:fs';
import { tryDecodeBase64 } from '../matrix/base64.ts';
import { isEd25519KeyId } from '../matrix/ids.ts';

export interface OldKey {
  readonly key: string;
  readonly expired_ts: number;
}

export function loadOldKeys(path: string): Record<string, OldKey> {
  if (!existsSync(path)) return {};
  let v: unknown;
  try {
    v = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${path}: not valid JSON (${(e as Error).message})`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${path}: must be a JSON object`);
  const out: Record<string, OldKey> = {};
  for (const [id, entry] of Object.entries(v)) {
    const e = entry as { key?: unknown; expired_ts?: unknown };
    if (!isEd25519KeyId(id)) throw new Error(`${path}: "${id}" is not an ed25519 key id`);
    if (typeof e?.key !== 'string' || tryDecodeBase64(e.key)?.length !== 32) throw new Error(`${path}: ${id}.key must be a base64 32-byte public key`);
    if (!Number.isSafeInteger(e.expired_ts)) throw new Error(`${path}: ${id}.expired_ts must be an integer (ms since the epoch)`);
    out[id] = { key: e.key, expired_ts: e.expired_ts as number };
  }
  return out;
}
