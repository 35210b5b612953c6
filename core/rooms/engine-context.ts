// What every room-engine function works with: the data, the slots, our identity, the injected network hooks,
// and the engine's in-memory caches and indexes (none of which is needed for correctness after a restart).
import type { JsonCodec } from '../slots/json.ts';
import type { Signer } from '../slots/signer.ts';
import type { EventStore, StateId } from '../slots/store.ts';
import type { Event } from '../matrix/pdu.ts';
import type { SigningKey } from '../matrix/signing.ts';
import { roomVersion, type RoomVersionRules } from '../matrix/room-versions.ts';
import { notFound } from '../matrix/errors.ts';
import type { RoomData, RoomRecord } from './room-data.ts';
import { ParsedEvents, PARSED_CACHE_DEFAULT_SIZE } from './parsed-events.ts';
import { BoundedMap } from './bounded-map.ts';
import { Waiting } from './waiting.ts';

/** A server's verify key valid at `atTs` (when `enforceValidity`, room v5+); the Keyring's `eventKey`. */
export type EventKeyLookup = (server: string, keyId: string, atTs: number, enforceValidity: boolean) => Uint8Array | undefined | Promise<Uint8Array | undefined>;

/**
 * Fetches events of a room we are missing (auth or prev events) from peers; returns raw PDUs, which go through
 * every receipt check like any other. The federation layer implements it (/event, /get_missing_events, …).
 * `askFirst`: the server whose transaction is being received (it has what it refers to).
 */
export type FetchMissing = (roomId: string, eventIds: readonly string[], askFirst?: string) => Promise<unknown[]>;

/** The slots the engine uses; an `ActiveSlots` fits. Read at each use: a swap replaces the fields. */
export interface EngineSlots {
  readonly json: JsonCodec;
  readonly signer: Signer;
}

export interface RoomEngineOptions {
  readonly data: RoomData;
  readonly slots: EngineSlots;
  /** Our server name: local users are `@…:serverName`. */
  readonly serverName: string;
  /** Our current event-signing key (read at each use). */
  readonly signingKey: () => SigningKey;
  /** Needed to accept remote events unless signature checks are skipped. */
  readonly eventKey?: EventKeyLookup;
  readonly fetchMissing?: FetchMissing;
  /** Clock for origin_server_ts (ms). */
  readonly now?: () => number;
  /** How many `fetchMissing` calls one `receive` may make (default 8). */
  readonly fetchBudget?: number;
  readonly parsedCacheSize?: number;
  /**
   * FOR THE INGEST BENCHMARK ONLY: accept remote PDUs without checking their signatures (receipt check 2).
   * Never set it in a server: anyone could then forge events from anyone.
   */
  readonly dangerouslySkipSignatureChecksForBenchmark?: boolean;
}

const STATE_AFTER_CACHE_SIZE = 200_000;
const RESOLUTION_CACHE_SIZE = 4_096;

export class EngineContext {
  readonly data: RoomData;
  readonly slots: EngineSlots;
  readonly serverName: string;
  readonly options: RoomEngineOptions;
  readonly now: () => number;
  readonly parsed: ParsedEvents;
  /** State event id → the state after it (its state before + itself), so children share one StateId. */
  readonly stateAfter = new BoundedMap<string, StateId>(STATE_AFTER_CACHE_SIZE);
  /** Sorted input StateIds joined by ',' → the resolved StateId. */
  readonly resolutions = new BoundedMap<string, StateId>(RESOLUTION_CACHE_SIZE);
  readonly waiting = new Waiting();
  /** Redacted event id → accepted redactions of it that arrived before it. */
  readonly pendingRedactions = new Map<string, Set<string>>();
  /** Whether `waiting` and `pendingRedactions` were refilled from the store since start (restore.ts). */
  restored = false;
  readonly #bytes = (id: string): Uint8Array | undefined => this.data.store().bytes(id);

  constructor(options: RoomEngineOptions) {
    this.options = options;
    this.data = options.data;
    this.slots = options.slots;
    this.serverName = options.serverName;
    this.now = options.now ?? Date.now;
    this.parsed = new ParsedEvents(options.parsedCacheSize ?? PARSED_CACHE_DEFAULT_SIZE);
  }

  store(): EventStore {
    return this.data.store();
  }

  /** A stored event, parsed (through the bounded cache). */
  event(eventId: string): Event | undefined {
    return this.parsed.get(eventId, this.#bytes);
  }

  /** The room record; 404 M_NOT_FOUND when we do not know the room. */
  room(roomId: string): RoomRecord {
    const r = this.data.room(roomId);
    if (r === undefined) throw notFound(`unknown room ${roomId}`);
    return r;
  }

  rules(room: RoomRecord): RoomVersionRules {
    const rules = roomVersion(room.version);
    if (rules === undefined) throw new Error(`room ${room.roomId} has unsupported version ${room.version}`);
    return rules;
  }
}
