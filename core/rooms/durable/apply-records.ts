// Replay side: decodes one record (from a journal segment or a snapshot) and applies it to the store,
// the room table or an aux handler. Shared by log replay and snapshot loading, so both read one format.
import { ByteReader, type CopyOut, DecodeError } from './byte-reader.ts';
import { slabCopier } from './byte-slab.ts';
import { decodePutEvent, decodeUpdateEvent } from './event-records.ts';
import { RecordType } from './records.ts';
import { decodeAux, decodeSetRoom } from './room-records.ts';
import { type StatePart, decodeNewState } from './state-records.ts';
import type { AuxRegistry } from './aux-registry.ts';
import type { RoomRecord } from '../room-data.ts';
import type { EventStore } from '../../slots/store.ts';

export interface ApplyTarget {
  store(): EventStore;
  setRoom(r: RoomRecord): void;
  readonly aux: AuxRegistry;
}

export interface ApplyCounts {
  events: number;
  updates: number;
  states: number;
  rooms: number;
  aux: number;
  /** Multi-part states whose last part never made it to disk (never committed, so never acknowledged). */
  droppedPartialStates: number;
}

export class RecordApplier {
  readonly counts: ApplyCounts = { events: 0, updates: 0, states: 0, rooms: 0, aux: 0, droppedPartialStates: 0 };
  readonly #target: ApplyTarget;
  readonly #r = new ByteReader();
  readonly #copy: CopyOut = slabCopier();
  #pending: StatePart | null = null;

  constructor(target: ApplyTarget) {
    this.#target = target;
  }

  /** Throws DecodeError for a record this build cannot read, or whatever the store throws. */
  apply(type: number, payload: Uint8Array): void {
    const r = this.#r.reset(payload);
    if (this.#pending !== null && type !== RecordType.NEW_STATE_V1) this.#dropPending();
    switch (type) {
      case RecordType.PUT_EVENT_V1:
        this.#target.store().put(decodePutEvent(r, this.#copy));
        this.counts.events++;
        return;
      case RecordType.UPDATE_EVENT_V1: {
        const u = decodeUpdateEvent(r, this.#copy);
        this.#target.store().update(u.eventId, u.patch);
        this.counts.updates++;
        return;
      }
      case RecordType.NEW_STATE_V1:
        return this.#state(decodeNewState(r));
      case RecordType.SET_ROOM_V1:
        this.#target.setRoom(decodeSetRoom(r));
        this.counts.rooms++;
        return;
      case RecordType.AUX_V1: {
        const a = decodeAux(r);
        this.#target.aux.deliver(a.kind, a.value);
        this.counts.aux++;
        return;
      }
      default:
        throw new DecodeError(`unknown record type 0x${type.toString(16)} (written by a newer build?)`);
    }
  }

  /** End of replay: a partial state left at the end was never committed. */
  finish(): void {
    if (this.#pending !== null) this.#dropPending();
  }

  #state(p: StatePart): void {
    let whole = p;
    const pending = this.#pending;
    if (pending !== null) {
      if (p.part === pending.part + 1 && p.id === pending.id && p.parent === pending.parent) {
        for (const c of p.changes) pending.changes.push(c); // (no spread: a part can hold 100k changes)
        pending.part = p.part;
        pending.more = p.more;
        whole = pending;
      } else {
        this.#dropPending(); // the process died between parts; after restart the id was assigned again
      }
    }
    if (whole.part !== 0 && whole === p) throw new DecodeError(`part ${p.part} of state ${p.id} without the parts before it`);
    if (whole.more) {
      this.#pending = whole;
      return;
    }
    this.#pending = null;
    const got = this.#target.store().newState(whole.parent, whole.changes);
    if (got !== whole.id) throw new DecodeError(`the store assigned state ${got} where the journal has state ${whole.id}`);
    this.counts.states++;
  }

  #dropPending(): void {
    this.#pending = null;
    this.counts.droppedPartialStates++;
  }
}
