// Fetching events of a room we are missing from other servers, for the room engine (rooms/engine-context.ts
// FetchMissing): server-server-api §Backfilling and retrieving missing events (POST /get_missing_events),
// §Retrieving events (GET /event, GET /state_ids). What comes back is unchecked: the engine runs every receipt
// check on it.
import type { ServerContext } from '../context.ts';
import { computeEventId } from '../matrix/event-id.ts';
import { roomVersion, type RoomVersionRules } from '../matrix/room-versions.ts';
import type { JsonObject } from '../matrix/signing.ts';
import { path } from '../outbound/path.ts';
import type { FetchMissing } from '../rooms/engine-context.ts';
import type { RoomRecord } from '../rooms/room-data.ts';
import { RoomAccess } from './room-access.ts';

export interface FetchMissingOptions {
  /** `limit` asked of /get_missing_events (Synapse serves at most 20 whatever we ask). */
  readonly walkLimit?: number;
  /** More missing ids than this in one call: the gap is too big to walk; take the state instead. */
  readonly manyIds?: number;
  /** At most this many events fetched one by one through /event for the state path. */
  readonly maxStateEvents?: number;
  /** Servers tried per call, in order (the transaction's origin first). */
  readonly maxServers?: number;
  readonly timeoutMs?: number;
  /** /event requests in flight at once. */
  readonly concurrency?: number;
}

const DEFAULTS: Required<FetchMissingOptions> = { walkLimit: 50, manyIds: 10, maxStateEvents: 500, maxServers: 5, timeoutMs: 20_000, concurrency: 8 };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The engine's hook. For each server in turn (`askFirst`, the origin of the transaction being received, then the other
 * servers with joined users, our own excepted, skipping any the ACL denies) until one gives something:
 * - a small gap: POST /get_missing_events with earliest_events = our forward extremities and latest_events =
 *   the missing ids (it returns what lies between, not the ids themselves), then GET /event for each id not
 *   yet had;
 * - a big gap (more than `manyIds` ids): GET /event for the ids, then GET /state_ids at the deepest of them
 *   and GET /event for every state and auth-chain event we lack (at most `maxStateEvents`). The engine then has
 *   the auth events to judge with; it places an event in the DAG only once its prev events arrive, so the
 *   state alone does not place anything (a later receipt or fetch fills the rest).
 * Failures (unreachable servers, errors, malformed answers) only mean fewer events; it never throws.
 */
export function makeFetchMissing(ctx: ServerContext, options: FetchMissingOptions = {}): FetchMissing {
  const o = { ...DEFAULTS, ...options };
  const access = new RoomAccess(ctx);
  return async (roomId, eventIds, askFirst) => {
    const room = ctx.engine.room(roomId);
    const rules = room && roomVersion(room.version);
    if (room === undefined || rules === undefined) return [];
    for (const server of candidates(ctx, access, room, askFirst, o.maxServers)) {
      const got = await new Fetch(ctx, o, server, room, rules).run(eventIds).catch(() => []);
      if (got.length > 0) return got;
    }
    return [];
  };
}

function candidates(ctx: ServerContext, access: RoomAccess, room: RoomRecord, origin: string | undefined, max: number): string[] {
  const out: string[] = [];
  const acl = access.acl(room.currentState);
  const add = (s: string) => {
    if (s !== ctx.serverName && !out.includes(s) && acl.allows(s)) out.push(s);
  };
  if (origin !== undefined) add(origin);
  for (const s of access.joinedServers(room.currentState)) add(s);
  return out.slice(0, max);
}

/** One attempt against one server. */
class Fetch {
  readonly #got = new Map<string, JsonObject>();
  readonly #ctx: ServerContext;
  readonly #o: Required<FetchMissingOptions>;
  readonly #server: string;
  readonly #room: RoomRecord;
  readonly #rules: RoomVersionRules;

  constructor(ctx: ServerContext, o: Required<FetchMissingOptions>, server: string, room: RoomRecord, rules: RoomVersionRules) {
    this.#ctx = ctx;
    this.#o = o;
    this.#server = server;
    this.#room = room;
    this.#rules = rules;
  }

  async run(eventIds: readonly string[]): Promise<JsonObject[]> {
    const wanted = [...new Set(eventIds)].filter((id) => !this.#have(id));
    if (wanted.length === 0) return [];
    if (wanted.length > this.#o.manyIds) {
      await this.#events(wanted);
      const deepest = this.#deepest(wanted);
      if (deepest !== undefined) await this.#state(deepest);
    } else {
      await this.#walk(wanted);
      await this.#events(wanted.filter((id) => !this.#have(id)));
    }
    return [...this.#got.values()];
  }

  #have(id: string): boolean {
    return this.#got.has(id) || this.#ctx.data.store().has(id);
  }

  /** Keeps a fetched PDU under the id it hashes to (anything else a peer sends is just another event). */
  #keep(pdu: unknown): void {
    if (!isObject(pdu)) return;
    let id: string;
    try {
      const { unsigned: _unsigned, ...rest } = pdu;
      id = computeEventId(this.#ctx.slots.json, rest, this.#rules);
    } catch {
      return; // not canonical JSON: the engine would drop it anyway
    }
    if (!this.#have(id)) this.#got.set(id, pdu);
  }

  async #walk(latest: readonly string[]): Promise<void> {
    const body = { earliest_events: this.#room.extremities, latest_events: latest, limit: this.#o.walkLimit, min_depth: 0 };
    try {
      const r = await this.#ctx.client.post<{ events?: unknown }>(this.#server, path`/_matrix/federation/v1/get_missing_events/${this.#room.roomId}`, body, { timeoutMs: this.#o.timeoutMs });
      if (Array.isArray(r.events)) for (const e of r.events.slice(0, this.#o.walkLimit)) this.#keep(e);
    } catch {
      // fall through to /event for the ids themselves
    }
  }

  async #events(ids: readonly string[]): Promise<void> {
    await eachLimited(ids.slice(0, this.#o.maxStateEvents), this.#o.concurrency, async (id) => {
      if (this.#have(id)) return;
      try {
        const r = await this.#ctx.client.get<{ pdus?: unknown }>(this.#server, path`/_matrix/federation/v1/event/${id}`, { timeoutMs: this.#o.timeoutMs });
        if (Array.isArray(r.pdus)) this.#keep(r.pdus[0]);
      } catch {
        // one missing event: the engine keeps what needs it waiting
      }
    });
  }

  async #state(eventId: string): Promise<void> {
    let r: { pdu_ids?: unknown; auth_chain_ids?: unknown };
    try {
      r = await this.#ctx.client.get(this.#server, path`/_matrix/federation/v1/state_ids/${this.#room.roomId}?event_id=${eventId}`, { timeoutMs: this.#o.timeoutMs });
    } catch {
      return;
    }
    const ids = [r.pdu_ids, r.auth_chain_ids].flatMap((l) => (Array.isArray(l) ? l.filter((x): x is string => typeof x === 'string') : []));
    await this.#events([...new Set(ids)].filter((id) => !this.#have(id)));
  }

  #deepest(ids: readonly string[]): string | undefined {
    let best: string | undefined;
    let depth = -1;
    for (const id of ids) {
      const d = this.#got.get(id)?.depth;
      if (typeof d === 'number' && d > depth) {
        depth = d;
        best = id;
      }
    }
    return best ?? ids[0];
  }
}

/** Runs `fn` over `items` with at most `n` in flight. */
async function eachLimited<T>(items: readonly T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
}
