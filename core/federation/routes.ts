// The federation listener's route table (one endpoint per file; this list is the map).
import type { Route } from '../http/route.ts';
import type { ServerKeys } from '../keys/server-keys.ts';
import { keyQueryBatchRoute } from './key-query-batch.ts';
import { keyQueryRoute } from './key-query.ts';
import { keyServerRoute } from './key-server.ts';
import type { Notary } from './notary.ts';
import { userDevicesRoute } from './user-devices.ts';
import { userKeysQueryRoute } from './user-keys-query.ts';
import { versionRoute } from './version.ts';

export interface FederationDeps {
  serverName: string;
  serverKeys: ServerKeys;
  notary: Notary;
}

export function federationRoutes(d: FederationDeps): Route[] {
  return [
    versionRoute(),
    keyServerRoute(d.serverKeys),
    keyQueryRoute(d.notary),
    keyQueryBatchRoute(d.notary),
    userDevicesRoute(d.serverName),
    userKeysQueryRoute(d.serverName),
  ];
}
