// TEST SUPPORT ONLY: temp directories and opening a JournaledRoomData over a fresh store with the kv aux kind.
import fs from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import type { Contents } from './compare.test-support.ts';
import type { JournaledRoomDataOptions } from './durable-options.ts';
import { JournaledRoomData } from './journaled-room-data.ts';
import { MapStore } from './map-store.test-support.ts';
import arenaStore from '../../../plugins/store/arena.ts';
import objectStore from '../../../plugins/store/objects.ts';
import type { EventStore } from '../../slots/store.ts';
import { KV, type WorkloadTarget, kvHandlers, withKv } from './workload.test-support.ts';

const made: string[] = [];
after(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

/** A fresh directory removed when the test file ends. */
export function tempDir(): string {
  const d = fs.mkdtempSync(join(os.tmpdir(), 'fl-durable-'));
  made.push(d);
  return d;
}

/** The real store implementations, and the test-only map store (also the reference's). */
export const STORES = {
  objects: (): EventStore => objectStore(),
  arena: (): EventStore => arenaStore(),
  map: (): EventStore => new MapStore(),
} as const;
export type StoreImpl = keyof typeof STORES;
export const REAL_STORES: readonly StoreImpl[] = ['objects', 'arena'];

export interface Opened {
  rd: JournaledRoomData;
  /** The kv subsystem's state: rebuilt by replay, kept up to date by `t.appendAux`. */
  aux: Map<string, unknown>;
  /** What the workload writes through: `rd`, plus the kv subsystem applying its own values as it journals them. */
  t: WorkloadTarget;
  contents(): Contents;
}

export async function openDurable(dir: string, extra: Partial<JournaledRoomDataOptions> = {}, impl: StoreImpl = 'arena'): Promise<Opened> {
  const store = STORES[impl]();
  const aux = new Map<string, unknown>();
  const rd = await JournaledRoomData.open({ dir, store: () => store, ...extra, aux: { [KV]: kvHandlers(aux), ...extra.aux } });
  return { rd, aux, t: withKv(rd, aux), contents: () => ({ store: rd.store(), rooms: rd.rooms(), aux }) };
}
