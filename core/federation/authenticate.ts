// X-Matrix request authentication for every signed federation endpoint — server-server-api §Request Authentication
import type { Request, Route } from '../http/route.ts';
import type { Keyring } from '../keys/keyring.ts';
import { MatrixError, unauthorized } from '../matrix/errors.ts';
import { isValidServerName } from '../matrix/ids.ts';
import { bytesEqual } from '../matrix/sha256.ts';
import { assertDestination, parseXMatrix, verifyXMatrix } from '../matrix/x-matrix.ts';
import type { ActiveSlots } from '../slots/registry.ts';

/**
 * Returns the authenticated origin, or throws 401 M_UNAUTHORIZED with the precise reason.
 *
 * The signature covers the canonical JSON of the body, which we encode from the parsed body. A sender's encoder
 * may write what canonical JSON forbids and ours refuses — a float, as Python's does — and send those very bytes
 * as the body; so when our encoding fails or does not verify, the signature is also tried over the body exactly
 * as received. (Either way it is the origin's signature over what we then parse; a PDU holding a float is still
 * dropped by the receipt checks.) Cost: a second verify for a request that fails.
 */
export function makeAuthenticator(serverName: string, keyring: Keyring, slots: ActiveSlots): (req: Request, route?: Route) => Promise<string> {
  return async (req, route) => {
    const header = req.headers['authorization'];
    if (header === undefined) throw unauthorized('missing Authorization header (X-Matrix signature required)');
    const auth = parseXMatrix(header);
    assertDestination(auth, serverName);
    if (!isValidServerName(auth.origin)) throw unauthorized(`origin ${JSON.stringify(auth.origin)} is not a valid server name`);
    // The body is part of what was signed; parse it first so bad JSON is reported as such (400).
    const content = req.body && req.body.length > 0 ? req.json() : undefined;
    const key = await keyring.requestKey(auth.origin, auth.key);
    const uri = req.rawQuery === '' ? req.path : `${req.path}?${req.rawQuery}`;
    const signed = { method: req.method, uri, destination: serverName };
    let contentBytes: Uint8Array | undefined;
    let encodeError: MatrixError | undefined;
    if (content !== undefined) {
      try {
        contentBytes = route?.canonicalBody?.(content) ?? slots.json.encode(content);
      } catch (e) {
        if (!(e instanceof MatrixError)) throw e;
        encodeError = e;
      }
    }
    let ok = encodeError === undefined && verifyXMatrix(slots.json, slots.signer, auth, { ...signed, contentBytes }, key);
    if (!ok && req.body && req.body.length > 0 && (contentBytes === undefined || !bytesEqual(contentBytes, req.body))) {
      ok = verifyXMatrix(slots.json, slots.signer, auth, { ...signed, contentBytes: req.body }, key);
    }
    if (ok) return auth.origin;
    if (encodeError !== undefined) throw encodeError;
    throw unauthorized(`signature by ${auth.origin} ${auth.key} does not verify for ${req.method} ${uri}`);
  };
}
