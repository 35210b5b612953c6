// Server key responses (server-server-api §Publishing Keys, §Querying Keys Through Another Server) as the tests
// check them: fetch a server's self-published keys, check signatures cryptographically.
// Verification uses the reference json codec (sort-stringify) and tweetnacl, which the server does not run by
// default (baseline: single-pass + node-crypto): an error shared by the server's codec and signer cannot hide here.
import { decodeBase64 } from '../../../core/matrix/base64.ts';
import { verifyWithKey, type JsonObject } from '../../../core/matrix/signing.ts';
import { call } from '../../../core/testing/http.ts';
import sortStringify from '../../../plugins/json/sort-stringify.ts';
import tweetnacl from '../../../plugins/signer/tweetnacl.ts';

export const codec = sortStringify();
export const signer = tweetnacl();

export interface ServerKeyResponse extends JsonObject {
  server_name: string;
  valid_until_ts: number;
  verify_keys: Record<string, { key: string }>;
  old_verify_keys?: Record<string, { key: string; expired_ts: number }>;
  signatures: Record<string, Record<string, string>>;
}

/** A verified published key: whose, which id, the 32 public-key bytes (and the base64 as published). */
export interface PublishedKey {
  readonly serverName: string;
  readonly keyId: string;
  readonly publicKey: Uint8Array;
  readonly base64: string;
}

/** `GET <url>/_matrix/key/v2/server` → the response, after checking it names `serverName` and is 200. */
export async function fetchServerKeys(url: string, serverName: string): Promise<ServerKeyResponse> {
  const r = await call('GET', `${url}/_matrix/key/v2/server`);
  if (r.status !== 200) throw new Error(`GET ${url}/_matrix/key/v2/server: ${r.status} ${r.text.slice(0, 300)}`);
  const body = r.body as ServerKeyResponse;
  if (body?.server_name !== serverName) throw new Error(`${url} says it is ${body?.server_name}, expected ${serverName}`);
  return body;
}

/** The one current verify key of a response (both peers have exactly one). */
export function onlyVerifyKey(resp: ServerKeyResponse): PublishedKey {
  const ids = Object.keys(resp.verify_keys ?? {});
  if (ids.length !== 1) throw new Error(`${resp.server_name}: expected one verify key, got ${ids.join(', ') || 'none'}`);
  const keyId = ids[0]!;
  const base64 = resp.verify_keys[keyId]!.key;
  return { serverName: resp.server_name, keyId, publicKey: decodeBase64(base64), base64 };
}

/** A server's own key, fetched from it and checked to be self-signed by that key. */
export async function selfSignedKey(url: string, serverName: string): Promise<PublishedKey> {
  const resp = await fetchServerKeys(url, serverName);
  const key = onlyVerifyKey(resp);
  if (!isSignedBy(resp, key)) throw new Error(`${serverName}'s /_matrix/key/v2/server is not self-signed by ${key.keyId}`);
  return key;
}

/** True when `obj` carries `key.serverName`'s signature under `key.keyId` and it verifies. */
export function isSignedBy(obj: JsonObject, key: PublishedKey): boolean {
  return verifyWithKey(codec, signer, obj, key.serverName, key.keyId, key.publicKey);
}

/** The entry for `serverName` in a notary answer's `server_keys`, or undefined. */
export function entryFor(answer: unknown, serverName: string): ServerKeyResponse | undefined {
  const list = (answer as { server_keys?: unknown })?.server_keys;
  if (!Array.isArray(list)) throw new Error(`not a key query answer: ${JSON.stringify(answer).slice(0, 300)}`);
  return (list as ServerKeyResponse[]).find((k) => k.server_name === serverName);
}
