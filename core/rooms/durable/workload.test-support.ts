// TEST SUPPORT ONLY: a deterministic, realistic write mix for the durable tests and the crash test (rooms
// created, messages, joins, state churn with removals, outliers placed later, rejections, soft-fail and
// redaction updates, aux records), plus a recorder that lists the writes an operation makes.
import { messagePdu, memberPdu } from '../../../bench/fixtures/pdus.ts';
import { type Prng, prng } from '../../../bench/fixtures/prng.ts';
import { type RoomData, MemoryRoomData, type RoomRecord } from '../room-data.ts';
import { EMPTY_STATE, EventStatus, type EventStore, type EventUpdate, type NewEvent, type StateChange, type StateId } from '../../slots/store.ts';
import type { AuxHandlers } from './aux-registry.ts';
import type { Contents, Touched } from './compare.test-support.ts';
import { MapStore } from './map-store.test-support.ts';

/** RoomData plus the aux append the workload uses. */
export interface WorkloadTarget extends RoomData {
  appendAux(kind: string, value: unknown): void;
}

/** The aux kind the workload writes: { k, v } sets key k to v; v null deletes it. */
export const KV = 'test.kv';

export function kvHandlers(map: Map<string, unknown>): AuxHandlers {
  return {
    replay(x) {
      const { k, v } = x as { k: string; v: unknown };
      if (v === null) map.delete(k);
      else map.set(k, v);
    },
    snapshot: () => [...map].map(([k, v]) => ({ k, v })),
  };
}

interface RoomModel {
  id: string;
  create: string;
  cur: StateId;
  ext: string[];
  depth: number;
  members: string[];
  placed: string[];
  outliers: string[];
}

const BASE_TS = 1_735_689_600_000;

/** Operation n (called for n = 0, 1, 2, … in order) makes the same writes on every run with the same seed. */
export class Workload {
  readonly #seed: number;
  readonly #prefix: string;
  readonly #rooms: RoomModel[] = [];
  #next = 0;

  constructor(seed: number, prefix = `w${seed}`) {
    this.#seed = seed;
    this.#prefix = prefix;
  }

  op(n: number, t: WorkloadTarget): void {
    if (n !== this.#next) throw new Error(`workload op ${n} out of order (expected ${this.#next})`);
    this.#next++;
    const r = prng(this.#seed * 1_000_003 + n);
    if (this.#rooms.length === 0 || (this.#rooms.length < 5 && r.int(25) === 0)) return this.#createRoom(n, r, t);
    const room = r.pick(this.#rooms);
    const k = r.int(100);
    if (k < 35) return this.#message(n, r, t, room);
    if (k < 50) return this.#join(n, r, t, room, 1);
    if (k < 55) return this.#churn(n, r, t, room);
    if (k < 62) return this.#outlier(n, r, t, room);
    if (k < 70 && room.outliers.length > 0) return this.#place(t, room);
    if (k < 74) return this.#rejected(n, r, t, room);
    if (k < 80 && room.placed.length > 0) {
      return t.updateEvent(r.pick(room.placed), { status: EventStatus.SOFT_FAILED, reason: `soft-failed by op ${n}` });
    }
    if (k < 85 && room.placed.length > 0) {
      const id = r.pick(room.placed);
      return t.updateEvent(id, { bytes: Buffer.from(JSON.stringify({ event_id: id, redacted_by: n })) });
    }
    if (k < 96) return t.appendAux(KV, { k: `${this.#prefix}-k${r.int(40)}`, v: r.int(4) === 0 ? null : { n, text: 'x'.repeat(r.int(50)) } });
    return this.#join(n, r, t, room, 20 + r.int(30));
  }

  #event(n: number, r: Prng, room: RoomModel, type: string, stateKey: string | null, status: EventStatus, stateBefore: StateId): NewEvent {
    const pdu = type === 'm.room.member' ? memberPdu(r.int(1e9)) : messagePdu(r.int(1e9), 10 + r.int(60));
    const eventId = `$${this.#prefix}-${n}-${r.int(1e9).toString(36)}`;
    const sender = type === 'm.room.member' && stateKey !== null ? stateKey : (room.members[0] ?? '@creator:example.com');
    return {
      eventId,
      roomId: room.id,
      type,
      stateKey,
      sender,
      depth: room.depth + 1,
      originServerTs: BASE_TS + n,
      prevEvents: room.ext.slice(),
      authEvents: room.create === '' ? [] : [room.create],
      bytes: Buffer.from(JSON.stringify({ ...pdu, room_id: room.id, type, event_id: eventId })),
      status,
      reason: status === EventStatus.REJECTED ? `rejected: op ${n} failed auth` : null,
      stateBefore,
    };
  }

  #accepted(t: WorkloadTarget, room: RoomModel, e: NewEvent): void {
    room.ext = [e.eventId];
    room.depth = e.depth;
    room.placed.push(e.eventId);
    t.setRoom({ roomId: room.id, version: '10', createEventId: room.create, currentState: room.cur, extremities: room.ext, maxDepth: room.depth });
  }

  #createRoom(n: number, r: Prng, t: WorkloadTarget): void {
    const room: RoomModel = { id: `!${this.#prefix}r${n}:example.com`, create: '', cur: EMPTY_STATE, ext: [], depth: 0, members: [], placed: [], outliers: [] };
    const e = this.#event(n, r, room, 'm.room.create', '', EventStatus.ACCEPTED, EMPTY_STATE);
    t.putEvent(e);
    room.create = e.eventId;
    room.cur = t.newState(EMPTY_STATE, [['m.room.create', '', e.eventId]]);
    this.#rooms.push(room);
    this.#accepted(t, room, e);
  }

  #message(n: number, r: Prng, t: WorkloadTarget, room: RoomModel): void {
    const e = this.#event(n, r, room, 'm.room.message', null, EventStatus.ACCEPTED, room.cur);
    t.putEvent(e);
    this.#accepted(t, room, e);
  }

  /** `count` joins; the first is an event of its own, the rest arrive in one state change (a batch of auth events). */
  #join(n: number, r: Prng, t: WorkloadTarget, room: RoomModel, count: number): void {
    const user = `@u${n}-${r.int(1000)}:example.com`;
    const e = this.#event(n, r, room, 'm.room.member', user, EventStatus.ACCEPTED, room.cur);
    t.putEvent(e);
    const changes: StateChange[] = [['m.room.member', user, e.eventId]];
    for (let i = 1; i < count; i++) changes.push(['m.room.member', `@bulk${n}-${i}:example.org`, `$${this.#prefix}-${n}-m${i}`]);
    room.members.push(user);
    room.cur = t.newState(room.cur, changes);
    this.#accepted(t, room, e);
  }

  #churn(n: number, r: Prng, t: WorkloadTarget, room: RoomModel): void {
    const changes: StateChange[] = [
      ['m.room.topic', '', `$${this.#prefix}-${n}-topic`],
      ['m.room.name', '', r.int(2) === 0 ? null : `$${this.#prefix}-${n}-name`],
    ];
    if (room.members.length > 1) changes.push(['m.room.member', room.members.splice(r.int(room.members.length), 1)[0]!, null]);
    room.cur = t.newState(room.cur, changes);
  }

  #outlier(n: number, r: Prng, t: WorkloadTarget, room: RoomModel): void {
    const e = this.#event(n, r, room, 'm.room.message', null, EventStatus.OUTLIER, EMPTY_STATE);
    t.putEvent(e);
    room.outliers.push(e.eventId);
  }

  #place(t: WorkloadTarget, room: RoomModel): void {
    const id = room.outliers.shift()!;
    t.updateEvent(id, { status: EventStatus.ACCEPTED, stateBefore: room.cur, reason: null });
    room.placed.push(id);
  }

  #rejected(n: number, r: Prng, t: WorkloadTarget, room: RoomModel): void {
    t.putEvent(this.#event(n, r, room, 'm.room.power_levels', '', EventStatus.REJECTED, room.cur));
  }
}

/** `rd` as a workload target whose kv subsystem applies its own values to `map` as it journals them. */
export function withKv(rd: RoomData & { appendAux(kind: string, value: unknown): void }, map: Map<string, unknown>): WorkloadTarget {
  const kv = kvHandlers(map);
  return {
    store: () => rd.store(),
    putEvent: (e) => rd.putEvent(e),
    updateEvent: (id, patch) => rd.updateEvent(id, patch),
    newState: (parent, changes) => rd.newState(parent, changes),
    room: (id) => rd.room(id),
    setRoom: (r) => rd.setRoom(r),
    rooms: () => rd.rooms(),
    commit: () => rd.commit(),
    appendAux(kind, value) {
      rd.appendAux(kind, value);
      kv.replay(value);
    },
  };
}

export type Write =
  | { readonly k: 'put'; readonly e: NewEvent }
  | { readonly k: 'update'; readonly id: string; readonly patch: EventUpdate }
  | { readonly k: 'state'; readonly parent: StateId; readonly changes: readonly StateChange[]; readonly id: StateId }
  | { readonly k: 'room'; readonly r: RoomRecord }
  | { readonly k: 'aux'; readonly kind: string; readonly value: unknown };

/** Lists writes instead of making them; newState returns the ids a dense store starting at `baseStates` would. */
export class Recorder implements WorkloadTarget {
  readonly writes: Write[] = [];
  #states: number;
  constructor(baseStates: number) {
    this.#states = baseStates;
  }
  store(): EventStore {
    throw new Error('the recorder has no store');
  }
  putEvent(e: NewEvent): void {
    this.writes.push({ k: 'put', e });
  }
  updateEvent(id: string, patch: EventUpdate): void {
    this.writes.push({ k: 'update', id, patch });
  }
  newState(parent: StateId, changes: readonly StateChange[]): StateId {
    const id = ++this.#states;
    this.writes.push({ k: 'state', parent, changes, id });
    return id;
  }
  room(): RoomRecord | undefined {
    return undefined;
  }
  setRoom(r: RoomRecord): void {
    this.writes.push({ k: 'room', r });
  }
  rooms(): IterableIterator<RoomRecord> {
    return [][Symbol.iterator]();
  }
  commit(): Promise<void> {
    return Promise.resolve();
  }
  appendAux(kind: string, value: unknown): void {
    this.writes.push({ k: 'aux', kind, value });
  }
}

export function applyWrite(t: WorkloadTarget, w: Write): void {
  if (w.k === 'put') t.putEvent(w.e);
  else if (w.k === 'update') t.updateEvent(w.id, w.patch);
  else if (w.k === 'room') t.setRoom(w.r);
  else if (w.k === 'aux') t.appendAux(w.kind, w.value);
  else if (t.newState(w.parent, w.changes) !== w.id) throw new Error(`reference assigned a different id than ${w.id}`);
}

export function touchedBy(writes: readonly Write[]): Touched {
  const t: Touched = { events: new Set(), states: new Set(), rooms: new Set(), aux: new Set() };
  for (const w of writes) {
    if (w.k === 'put') t.events.add(w.e.eventId);
    else if (w.k === 'update') t.events.add(w.id);
    else if (w.k === 'state') t.states.add(w.id);
    else if (w.k === 'room') t.rooms.add(w.r.roomId);
    else t.aux.add((w.value as { k: string }).k);
  }
  return t;
}

/** The reference: MemoryRoomData over a MapStore, with the kv aux state applied directly. */
export class Reference extends MemoryRoomData implements WorkloadTarget {
  readonly aux = new Map<string, unknown>();
  readonly #kv = kvHandlers(this.aux);
  constructor(store: EventStore = new MapStore()) {
    super(() => store);
  }
  appendAux(_kind: string, value: unknown): void {
    this.#kv.replay(value);
  }
  contents(): Contents {
    return { store: this.store(), rooms: this.rooms(), aux: this.aux };
  }
}
