// GET /_matrix/federation/v1/version — server-server-api §Server implementation
import type { Route } from '../http/route.ts';

export const SERVER_SOFTWARE = { name: 'Fluctlight', version: '0.1.0' } as const;

export function versionRoute(): Route {
  const raw = JSON.stringify({ server: SERVER_SOFTWARE });
  return { method: 'GET', path: '/_matrix/federation/v1/version', auth: 'none', handle: () => ({ raw }) };
}
