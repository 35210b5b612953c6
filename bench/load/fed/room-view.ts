// The generator's view of one room on the server under test: the room version, the current state (type,
// state_key → event id) and the head of the chain the fake servers build on. Events are built the way a
// homeserver builds them (server-server-api §PDUs, §Auth events selection, §Signing Events): prev_events,
// depth = max(prev depth) + 1, auth_events from the current state, content hash, signature, event id.
import { authTypesFor } from '../../../core/matrix/event-auth/index.ts';
import { signEvent } from '../../../core/matrix/event-hash.ts';
import { computeEventId } from '../../../core/matrix/event-id.ts';
import type { Pdu } from '../../../core/matrix/pdu.ts';
import { roomVersion, type RoomVersionRules } from '../../../core/matrix/room-versions.ts';
import type { JsonObject, SigningKey } from '../../../core/matrix/signing.ts';
import { FED_SLOTS } from './slots.ts';

export interface BuiltEvent {
  readonly eventId: string;
  readonly pdu: JsonObject;
  readonly depth: number;
}

export interface EventSpec {
  readonly type: string;
  readonly sender: string;
  readonly content: Record<string, unknown>;
  readonly stateKey?: string;
  /** Default: the head. */
  readonly prev?: { readonly id: string; readonly depth: number };
}

const stateKeyOf = (type: string, stateKey: string) => `${type}\0${stateKey}`;

export class RoomView {
  readonly roomId: string;
  readonly rules: RoomVersionRules;
  readonly #state = new Map<string, string>();
  /** The single forward extremity while the fake servers build one chain. */
  head: { id: string; depth: number };
  #clock = Date.now();

  constructor(roomId: string, version: string, head: { id: string; depth: number }) {
    const rules = roomVersion(version);
    if (rules === undefined) throw new Error(`room ${roomId}: unsupported room version ${version}`);
    this.roomId = roomId;
    this.rules = rules;
    this.head = head;
  }

  /** Event ids of a room's PDUs (v3+ PDUs carry none: the reference hash names them). */
  eventId(pdu: JsonObject): string {
    return computeEventId(FED_SLOTS.json, pdu, this.rules);
  }

  /** Records state PDUs (a send_join answer's `state`). */
  addState(pdus: readonly JsonObject[]): void {
    for (const p of pdus) {
      if (typeof p.state_key === 'string') this.#state.set(stateKeyOf(p.type as string, p.state_key), this.eventId(p));
    }
  }

  stateId(type: string, stateKey = ''): string | undefined {
    return this.#state.get(stateKeyOf(type, stateKey));
  }

  /** Number of state entries of this type (e.g. members seen). */
  count(type: string): number {
    let n = 0;
    for (const k of this.#state.keys()) if (k.startsWith(type + '\0')) n++;
    return n;
  }

  /** auth_events for a PDU from the current state (§Auth events selection). */
  authEvents(pdu: Pdu): string[] {
    const out: string[] = [];
    for (const [type, stateKey] of authTypesFor(this.rules, pdu)) {
      const id = this.#state.get(stateKeyOf(type, stateKey));
      if (id !== undefined) out.push(id);
    }
    return out;
  }

  /** Builds and signs an event on `spec.prev` (default: the head). Does not move the head: see accept(). */
  build(key: SigningKey, spec: EventSpec): BuiltEvent {
    const prev = spec.prev ?? this.head;
    const pdu: JsonObject = {
      room_id: this.roomId, type: spec.type, sender: spec.sender, content: spec.content,
      prev_events: [prev.id], auth_events: [], depth: prev.depth + 1, origin_server_ts: this.#clock++,
    };
    if (spec.stateKey !== undefined) pdu['state_key'] = spec.stateKey;
    pdu['auth_events'] = this.authEvents(pdu as Pdu);
    return this.sign(key, pdu);
  }

  /** Hashes and signs a complete PDU (e.g. a make_join template). */
  sign(key: SigningKey, pdu: JsonObject): BuiltEvent {
    const signed = signEvent(FED_SLOTS.json, FED_SLOTS.signer, pdu, this.rules.redaction, key);
    return { eventId: this.eventId(signed), pdu: signed, depth: signed.depth as number };
  }

  /** The target accepted `e`: it becomes the head, and (a state event) part of the state. */
  accept(e: BuiltEvent): void {
    this.head = { id: e.eventId, depth: e.depth };
    const p = e.pdu;
    if (typeof p.state_key === 'string') this.#state.set(stateKeyOf(p.type as string, p.state_key), e.eventId);
  }
}
