// Everything a federation endpoint, an admin call or an outgoing flow may need, built once by server.ts.
// Endpoints take the context (or the few parts they use) when their route is created.
import type { Config } from './config.ts';
import type { EduStore } from './edus/edu-store.ts';
import type { Keyring } from './keys/keyring.ts';
import type { ServerKeys } from './keys/server-keys.ts';
import type { Metrics } from './lab/metrics.ts';
import type { LocalDirectory } from './local/directory.ts';
import type { FederationClient } from './outbound/federation-client.ts';
import type { FederationSender } from './outbound/sender.ts';
import type { RoomEngine } from './rooms/room-engine.ts';
import type { RoomData } from './rooms/room-data.ts';
import type { ActiveSlots } from './slots/registry.ts';

export interface ServerContext {
  readonly config: Config;
  readonly serverName: string;
  /** The live slots: read `slots.<name>` at each use. */
  readonly slots: ActiveSlots;
  readonly serverKeys: ServerKeys;
  readonly keyring: Keyring;
  readonly client: FederationClient;
  /** All writes of room data; `commit()` is the durability point. */
  readonly data: RoomData;
  readonly engine: RoomEngine;
  readonly directory: LocalDirectory;
  readonly sender: FederationSender;
  readonly edus: EduStore;
  readonly metrics: Metrics;
  log(line: string): void;
}
