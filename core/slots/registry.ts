// The slots this server has: for each, its self-check (run before a swap) and, for data-holding slots, how to
// migrate live data into a new implementation.
import type { Plugin } from './plugin.ts';
import type { JsonCodec } from './json.ts';
import type { Signer } from './signer.ts';
import type { Interner } from './interner.ts';
import { migrateStore, type EventStore } from './store.ts';
import { selfCheck as checkJson } from '../../plugins/json/self-check.ts';
import { selfCheck as checkSigner } from '../../plugins/signer/self-check.ts';
import { selfCheck as checkInterner } from '../../plugins/interner/self-check.ts';
import { selfCheck as checkStore } from '../../plugins/store/self-check.ts';

/** The active implementation of every slot. Hot paths read `slots.<name>` at each use, never caching it. */
export interface ActiveSlots {
  json: JsonCodec;
  signer: Signer;
  interner: Interner;
  store: EventStore;
}
export type SlotName = keyof ActiveSlots;

export interface SlotSpec<T extends Plugin> {
  /** Throws (a PluginError) if the implementation does not behave; must be quick (it runs on every swap). */
  selfCheck(impl: T): void | Promise<void>;
  /**
   * Moves live data from the serving implementation into the fresh one, synchronously (so no request can
   * observe a half-migrated state). Absent for stateless slots.
   */
  migrate?(from: T, to: T): void;
}

export const SLOT_SPECS: { readonly [K in SlotName]: SlotSpec<ActiveSlots[K]> } = {
  json: { selfCheck: checkJson },
  signer: { selfCheck: checkSigner },
  interner: {
    selfCheck: checkInterner,
    // Ids are dense and assigned in first-intern order, so re-interning in id order reproduces every id.
    migrate(from, to) {
      for (const s of from.strings()) to.intern(s);
      if (to.size !== from.size) throw new Error(`interner migration produced ${to.size} ids, expected ${from.size}`);
    },
  },
  // After `interner` (slots load in this order): a store reads the live interner through its context.
  // Every event and state is copied in order, keeping StateIds (core/slots/store.ts).
  store: { selfCheck: checkStore, migrate: migrateStore },
};

export const SLOT_NAMES = Object.keys(SLOT_SPECS) as SlotName[];
