// X-Matrix request authentication for every signed federation endpoint — server-server-api §Request Authentication
import type { Request, Route } from '../http/route.ts';
import type { Keyring } from '../keys/keyring.ts';
import { unauthorized } from '../matrix/errors.ts';
import { isValidServerName } from '../matrix/ids.ts';
import { assertDestination, parseXMatrix, verifyXMatrix } from '../matrix/x-matrix.ts';
import type { ActiveSlots } from '../slots/registry.ts';

/** Returns the authenticated origin, or throws 401 M_UNAUTHORIZED with the precise reason. */
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
    const contentBytes = content === undefined ? undefined : (route?.canonicalBody?.(content) ?? slots.json.encode(content));
    const ok = verifyXMatrix(slots.json, slots.signer, auth, { method: req.method, uri, destination: serverName, contentBytes }, key);
    if (!ok) throw unauthorized(`signature by ${auth.origin} ${auth.key} does not verify for ${req.method} ${uri}`);
    return auth.origin;
  };
}
