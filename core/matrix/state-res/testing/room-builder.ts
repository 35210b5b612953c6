// Test support: builds room branches event by event, choosing auth_events from the branch's state like a server.
import { authTypesFor, checkAuth } from '../../event-auth/check-auth.ts';
import type { Event, Pdu } from '../../pdu.ts';
import type { RoomVersionRules } from '../../room-versions.ts';
import { CREATE_KEY, stateKeyOf } from '../state-key.ts';
import type { StateKey } from '../types.ts';
import { EventStore, toEvent } from './fixture-events.ts';

export interface SendOptions {
  /** Explicit auth_events instead of the `authTypesFor` keys of the branch state. */
  auth?: string[];
  /** Explicit origin_server_ts instead of the shared clock. */
  ts?: number;
  /** Check the event with the real auth rules against the branch state and throw if it is refused. */
  checked?: boolean;
}

/**
 * One linear branch of a room. `fork()` starts another branch from this one's current point; all branches share
 * the event store and a clock that gives every new event a larger origin_server_ts. The state after each event
 * is the state before plus the event (no resolution inside a branch).
 */
export class RoomBuilder {
  readonly store: EventStore;
  readonly rules: RoomVersionRules;
  readonly state: Map<StateKey, string>;
  #roomId: string;
  #head: string[];
  readonly #clock: { now: number };

  private constructor(store: EventStore, rules: RoomVersionRules, roomId: string, state: Map<StateKey, string>, head: string[], clock: { now: number }) {
    this.store = store;
    this.rules = rules;
    this.#roomId = roomId;
    this.state = state;
    this.#head = head;
    this.#clock = clock;
  }

  /** A new room: its create event (sender `creator`, id `createId`) is sent. */
  static create(rules: RoomVersionRules, creator: string, createId = '$create', extra: Record<string, unknown> = {}): RoomBuilder {
    const roomId = rules.roomIdFromCreateEvent ? '!' + createId.slice(1) : '!room:' + creator.slice(creator.indexOf(':') + 1);
    const b = new RoomBuilder(new EventStore(), rules, roomId, new Map(), [], { now: 0 });
    const content: Record<string, unknown> = { room_version: rules.id, ...extra };
    if (rules.createNeedsCreator) content['creator'] = creator;
    b.send(createId, creator, 'm.room.create', '', content);
    return b;
  }

  get roomId(): string {
    return this.#roomId;
  }

  fork(): RoomBuilder {
    return new RoomBuilder(this.store, this.rules, this.#roomId, new Map(this.state), [...this.#head], this.#clock);
  }

  /** Sends an event on this branch (prev_events = the branch head) and returns it. */
  send(id: string, sender: string, type: string, key: string | undefined, content: Record<string, unknown>, opts: SendOptions = {}): Event {
    const isCreate = type === 'm.room.create';
    const pdu: Pdu = {
      sender,
      origin_server_ts: opts.ts ?? this.#clock.now++,
      type,
      content,
      prev_events: this.#head,
      auth_events: [],
      depth: 0,
      hashes: { sha256: '' },
      signatures: {},
    };
    if (key !== undefined) pdu.state_key = key;
    const auth = opts.auth ?? this.#authFor(pdu);
    const event = toEvent({
      id,
      ...(isCreate && this.rules.roomIdFromCreateEvent ? {} : { room: this.#roomId }),
      sender,
      type,
      ...(key === undefined ? {} : { key }),
      content,
      ts: pdu.origin_server_ts,
      prev: this.#head,
      auth,
    });
    if (opts.checked === true) {
      const lookup = (t: string, k: string): Event | undefined => {
        const sid = this.state.get(stateKeyOf(t, k));
        return sid === undefined ? undefined : this.store.get(sid);
      };
      const verdict = checkAuth(this.rules, event, lookup);
      if (!verdict.ok) throw new Error(`${id} refused: ${verdict.reason}`);
    }
    this.store.add(event);
    this.#head = [id];
    if (key !== undefined) this.state.set(stateKeyOf(type, key), id);
    return event;
  }

  #authFor(pdu: Pdu): string[] {
    const out: string[] = [];
    for (const [t, k] of authTypesFor(this.rules, pdu)) {
      const key = stateKeyOf(t, k);
      if (key === CREATE_KEY && !this.rules.createInAuthEvents) continue;
      const id = this.state.get(key);
      if (id !== undefined) out.push(id);
    }
    return out;
  }
}
