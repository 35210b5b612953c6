// Who may read what over federation: the room's server ACL (server-server-api §Server ACLs), whether a server is
// in the room (has a joined user), and history visibility at an event as applied to servers (client-server
// §History visibility; Synapse's filter_events_for_server) — plus the bytes to serve for an event to a server.
import type { ServerContext } from '../context.ts';
import { forbidden, notFound } from '../matrix/errors.ts';
import { domainOf } from '../matrix/event-auth/user-id.ts';
import { historyVisibilityOf, visibleToServer, type HistoryVisibility } from '../matrix/history-visibility.ts';
import { redact } from '../matrix/redaction.ts';
import { roomVersion } from '../matrix/room-versions.ts';
import { ALLOW_ALL, serverAcl, type ServerAcl } from '../matrix/server-acl.ts';
import type { JsonObject } from '../matrix/signing.ts';
import { BoundedMap } from '../rooms/bounded-map.ts';
import { isPlaced } from '../rooms/outcome.ts';
import type { RoomRecord } from '../rooms/room-data.ts';
import { EventStatus, type StateId, type StoredEvent } from '../slots/store.ts';

const MEMBER = 'm.room.member';
const ACL = 'm.room.server_acl';
const HISTORY = 'm.room.history_visibility';

/** user id → membership, for one server's users. */
type Memberships = ReadonlyMap<string, string>;

/** The joined members of a state, summarised. */
interface Joined {
  readonly servers: ReadonlySet<string>;
  readonly count: number;
}

/**
 * One per server (routes share it). Caches are keyed by StateId: a state never changes once created (a swap of
 * the store keeps the ids), so cached answers stay true; membership survives redaction, so bytes changing does
 * not matter either.
 */
export class RoomAccess {
  readonly #ctx: ServerContext;
  readonly #acls = new BoundedMap<string, ServerAcl>(256);
  readonly #joined = new BoundedMap<StateId, Joined>(1_024);
  readonly #memberships = new BoundedMap<string, Memberships>(4_096);

  constructor(ctx: ServerContext) {
    this.#ctx = ctx;
  }

  /** The room, or 404 M_NOT_FOUND when we do not know it (or know it only by name, with no state yet). */
  room(roomId: string): RoomRecord {
    const r = this.#ctx.engine.room(roomId);
    if (r === undefined || r.extremities.length === 0) throw notFound(`unknown room ${roomId}`);
    return r;
  }

  /** The ACL in force in a state (allow-all when the room has none). */
  acl(state: StateId): ServerAcl {
    const id = this.#ctx.data.store().stateGet(state, ACL, '');
    if (id === undefined) return ALLOW_ALL;
    let acl = this.#acls.get(id);
    if (acl === undefined) {
      acl = serverAcl(this.#content(id) ?? {});
      this.#acls.set(id, acl);
    }
    return acl;
  }

  allowedByAcl(room: RoomRecord, server: string): boolean {
    return this.acl(room.currentState).allows(server);
  }

  /** 403 M_FORBIDDEN when the room's current ACL denies `server`. */
  assertAcl(room: RoomRecord, server: string): void {
    if (!this.allowedByAcl(room, server)) throw forbidden(`server ${server} is denied by the server ACL of ${room.roomId}`);
  }

  /** Servers with at least one joined user in a state. */
  joinedServers(state: StateId): ReadonlySet<string> {
    return this.#joinedIn(state).servers;
  }

  /** How many users are joined in a state. */
  joinedCount(state: StateId): number {
    return this.#joinedIn(state).count;
  }

  #joinedIn(state: StateId): Joined {
    let j = this.#joined.get(state);
    if (j === undefined) {
      const servers = new Set<string>();
      let count = 0;
      for (const [, stateKey, id] of this.#ctx.data.store().stateEntries(state, MEMBER)) {
        if (this.#content(id)?.membership !== 'join') continue;
        count++;
        servers.add(domainOf(stateKey));
      }
      j = { servers, count };
      this.#joined.set(state, j);
    }
    return j;
  }

  /**
   * Whether `server` is in the room now, or was at `eventId` (after it: a server's own join counts). A server
   * that joined after an event may still ask about the state at it (Synapse does right after joining).
   */
  inRoom(room: RoomRecord, server: string, eventId?: string): boolean {
    if (this.joinedServers(room.currentState).has(server)) return true;
    if (eventId === undefined) return false;
    const at = this.#membershipsAfter(eventId, server);
    if (at === undefined) return false;
    for (const m of at.values()) if (m === 'join') return true;
    return false;
  }

  /** 403 M_FORBIDDEN unless `inRoom`. */
  assertInRoom(room: RoomRecord, server: string, eventId?: string): void {
    if (!this.inRoom(room, server, eventId)) throw forbidden(`server ${server} is not in room ${room.roomId}`);
  }

  /**
   * Whether `server` may see the event's content, by the history visibility and its users' memberships in the
   * state after the event. Outliers have no known state: like Synapse, they count as `shared` (visible).
   */
  visible(eventId: string, server: string): boolean {
    const e = this.#ctx.data.store().get(eventId);
    if (e === undefined) return false;
    if (!isPlaced(e)) return true;
    const visibility = this.#visibilityAfter(e);
    if (visibility === 'world_readable' || visibility === 'shared') return true;
    return visibleToServer(visibility, server, this.#membershipsAfter(eventId, server) ?? []);
  }

  /**
   * The bytes to serve to `server`: the stored canonical PDU when it may see it, else the redacted form
   * (what Synapse serves, so the DAG stays connected for the requester; nothing but the redacted keys leaks).
   */
  servedBytes(eventId: string, server: string): Uint8Array | undefined {
    const store = this.#ctx.data.store();
    const bytes = store.bytes(eventId);
    if (bytes === undefined || this.visible(eventId, server)) return bytes;
    const ev = this.#ctx.engine.ctx.event(eventId)!;
    const room = this.#ctx.engine.room(store.get(eventId)!.roomId);
    const rules = room && roomVersion(room.version);
    if (!rules) return undefined;
    return this.#ctx.slots.json.encode(redact(ev.pdu as unknown as JsonObject, rules.redaction));
  }

  #visibilityAfter(e: StoredEvent): HistoryVisibility {
    const own = e.type === HISTORY && e.stateKey === '' && e.status !== EventStatus.REJECTED;
    const id = own ? e.eventId : this.#ctx.data.store().stateGet(e.stateBefore, HISTORY, '');
    return historyVisibilityOf(id === undefined ? undefined : this.#content(id));
  }

  /** Memberships of `server`'s users after a placed event (undefined for unknown events and outliers). */
  #membershipsAfter(eventId: string, server: string): Memberships | undefined {
    const store = this.#ctx.data.store();
    const e = store.get(eventId);
    if (e === undefined || !isPlaced(e)) return undefined;
    const before = this.#membershipsIn(e.stateBefore, server);
    if (e.type !== MEMBER || e.stateKey === null || e.status === EventStatus.REJECTED || domainOf(e.stateKey) !== server) return before;
    const m = this.#content(e.eventId)?.membership;
    const after = new Map(before);
    after.set(e.stateKey, typeof m === 'string' ? m : '');
    return after;
  }

  #membershipsIn(state: StateId, server: string): Memberships {
    const key = `${state} ${server}`;
    let m = this.#memberships.get(key);
    if (m === undefined) {
      const out = new Map<string, string>();
      for (const [, stateKey, id] of this.#ctx.data.store().stateEntries(state, MEMBER)) {
        if (domainOf(stateKey) !== server) continue;
        const membership = this.#content(id)?.membership;
        out.set(stateKey, typeof membership === 'string' ? membership : '');
      }
      m = out;
      this.#memberships.set(key, m);
    }
    return m;
  }

  #content(eventId: string): Record<string, unknown> | undefined {
    return this.#ctx.engine.ctx.event(eventId)?.pdu.content;
  }
}
