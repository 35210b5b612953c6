// Federation requests to a peer signed as our server: our own outgoing FederationClient, with the X-Matrix
// signature made from the key in the server's data dir (the same key the running server signs with).
import { FederationClient } from '../../../core/outbound/index.ts';
import { signRequest } from '../../../core/matrix/x-matrix.ts';
import type { SigningKey } from '../../../core/matrix/signing.ts';
import { codec, signer } from './keys.ts';

/**
 * A client that signs as `key.entity`. TLS is not verified (loopback peers have self-signed certificates).
 * Pass a key with the right id and a wrong seed to send requests whose signature must be refused.
 */
export function signingClient(key: SigningKey): FederationClient {
  return new FederationClient({
    serverName: key.entity,
    tlsVerify: false,
    authorize: (r) => signRequest(codec, signer, { method: r.method, uri: r.uri, destination: r.destination, content: r.content }, key),
  });
}
