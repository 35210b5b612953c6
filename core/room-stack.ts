// Builds the room side of the server: journaled room data (replayed from the data dir), the room engine, the
// local directory, the federation sender and the EDU store, with their journal kinds registered.
import { join } from 'node:path';
import { EduStore } from './edus/edu-store.ts';
import type { Keyring } from './keys/keyring.ts';
import type { ServerKeys } from './keys/server-keys.ts';
import { LocalDirectory } from './local/directory.ts';
import type { FederationClient } from './outbound/federation-client.ts';
import { path } from './outbound/path.ts';
import { FederationSender, SENDER_KINDS } from './outbound/sender.ts';
import { JournaledRoomData } from './rooms/durable/index.ts';
import { RoomEngine } from './rooms/room-engine.ts';
import type { FetchMissing } from './rooms/engine-context.ts';
import type { ActiveSlots } from './slots/registry.ts';

export interface RoomStack {
  readonly data: JournaledRoomData;
  readonly engine: RoomEngine;
  readonly directory: LocalDirectory;
  readonly sender: FederationSender;
  readonly edus: EduStore;
  /** Set once the federation layer can fetch missing events (the engine asks through it). */
  fetchMissing: FetchMissing | undefined;
  close(): Promise<void>;
}

export async function openRoomStack(o: {
  dataDir: string;
  serverName: string;
  slots: ActiveSlots;
  serverKeys: ServerKeys;
  keyring: Keyring;
  client: FederationClient;
  log: (line: string) => void;
}): Promise<RoomStack> {
  const data = await JournaledRoomData.open({ dir: join(o.dataDir, 'journal'), store: () => o.slots.store, onSnapshotError: (e) => o.log(`journal snapshot failed: ${String(e)}`) });
  const r = data.stats.replay;
  o.log(`journal replayed: ${r.records} records${r.snapshot ? ` after a snapshot of ${r.snapshot.bytes} bytes` : ''} in ${Math.round(r.ms)} ms` +
    (r.tornTail ? ` (cut a torn tail of ${r.tornTail.droppedBytes} bytes at ${r.tornTail.offset})` : ''));
  const journal = { append: (kind: string, value: unknown) => data.appendAux(kind, value) };

  const directory = new LocalDirectory(o.serverName, journal);
  for (const kind of LocalDirectory.KINDS) data.onAux(kind, (v) => directory.restore(kind, v), () => directory.snapshotRecords(kind));

  const store = () => o.slots.store;
  const sender = new FederationSender({
    origin: o.serverName,
    journal,
    durable: () => data.commit(),
    log: o.log,
    pdu: (id) => {
      const b = store().bytes(id);
      return b === undefined ? undefined : JSON.parse(Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8'));
    },
    transport: (dest, txnId, txn) => o.client.put(dest, path`/_matrix/federation/v1/send/${txnId}`, txn),
  });
  for (const kind of SENDER_KINDS) data.onAux(kind, (v) => sender.restore(kind, v), () => sender.snapshotRecords(kind));

  const stack: RoomStack = {
    data, directory, sender, edus: new EduStore(), fetchMissing: undefined,
    engine: new RoomEngine({
      data, slots: o.slots, serverName: o.serverName,
      signingKey: () => o.serverKeys.signingKey,
      eventKey: (server, keyId, atTs, enforce) => o.keyring.eventKey(server, keyId, atTs, enforce),
      fetchMissing: (roomId, ids, askFirst) => stack.fetchMissing?.(roomId, ids, askFirst) ?? Promise.resolve([]),
    }),
    async close() {
      sender.close();
      await data.close();
    },
  };
  sender.resume();
  return stack;
}
