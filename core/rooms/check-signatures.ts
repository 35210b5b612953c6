// Receipt check 2 "passes signature checks, otherwise it is dropped" (server-server-api §Checks performed on
// receipt of a PDU; §Validating hashes and signatures on received events; appendices §Checking for a Signature).
import type { Signer } from '../slots/signer.ts';
import type { RoomVersionRules } from '../matrix/room-versions.ts';
import type { Pdu } from '../matrix/pdu.ts';
import { tryDecodeBase64 } from '../matrix/base64.ts';
import { domainOf } from '../matrix/event-auth/user-id.ts';
import type { EventKeyLookup } from './engine-context.ts';

const ED25519_PREFIX = 'ed25519:';

/**
 * The servers whose signatures are required (room v3+): the sender's server, and for a restricted join
 * (v8+) the server of the `join_authorised_via_users_server` user (rooms/v8 §Authorization rules 4.3.2;
 * server-server-api §Validating hashes and signatures).
 */
export function requiredSigners(rules: RoomVersionRules, pdu: Pdu): string[] {
  const servers = [domainOf(pdu.sender)];
  if (rules.restrictedJoins && pdu.type === 'm.room.member' && pdu.content['membership'] === 'join') {
    const via = pdu.content['join_authorised_via_users_server'];
    if (typeof via === 'string') {
      const server = domainOf(via);
      if (server !== '' && server !== servers[0]) servers.push(server);
    }
  }
  return servers;
}

/**
 * Why the signatures do not hold, or undefined when they do. `signedBytes` is the canonical redacted form
 * without signatures (check-format.ts), so a full or an already-redacted copy verifies alike. For each required
 * server (appendices steps 1–7): signatures under unknown algorithms or keys we cannot get (or, v5+, keys not
 * valid at origin_server_ts) are skipped; every key we have must verify; at least one must.
 */
export async function signatureError(
  signer: Signer,
  rules: RoomVersionRules,
  pdu: Pdu,
  signedBytes: Uint8Array,
  eventKey: EventKeyLookup,
): Promise<string | undefined> {
  for (const server of requiredSigners(rules, pdu)) {
    const mine = pdu.signatures[server];
    if (mine === undefined) return `no signature from ${server}`;
    const keyIds = Object.keys(mine).filter((k) => k.startsWith(ED25519_PREFIX));
    if (keyIds.length === 0) return `no ed25519 signature from ${server}`;
    const found = keyIds.map((k) => eventKey(server, k, pdu.origin_server_ts, rules.enforceKeyValidity));
    // Cached keys come back synchronously: only a lookup that has to fetch is awaited.
    const keys = found.some((k) => k instanceof Promise) ? await Promise.all(found) : (found as Array<Uint8Array | undefined>);
    let verified = 0;
    for (let i = 0; i < keyIds.length; i++) {
      const key = keys[i];
      if (key === undefined) continue;
      const signature = tryDecodeBase64(mine[keyIds[i]!]!);
      if (signature === undefined) return `signature ${server} ${keyIds[i]} is not base64`;
      // A transaction's PDUs are checked concurrently: a signer that can verify elsewhere gets them all at once.
      const ok = signer.verifyLater !== undefined ? await signer.verifyLater(key, signedBytes, signature) : signer.verify(key, signedBytes, signature);
      if (!ok) return `signature ${server} ${keyIds[i]} does not verify`;
      verified++;
    }
    if (verified === 0) return `no valid key of ${server} for its signatures (${keyIds.join(', ')}) at ${pdu.origin_server_ts}`;
  }
  return undefined;
}
