// GET /_matrix/key/v2/server — server-server-api §Publishing Keys
import type { Route } from '../http/route.ts';
import type { ServerKeys } from '../keys/server-keys.ts';

/** Served from pre-rendered bytes: no serialisation or signing on the request path. */
export function keyServerRoute(keys: ServerKeys): Route {
  return { method: 'GET', path: '/_matrix/key/v2/server', auth: 'none', handle: () => ({ raw: keys.bytes() }) };
}
