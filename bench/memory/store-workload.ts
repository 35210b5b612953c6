// A realistic event stream for the store benchmarks: rooms with creation state and members, then messages
// with realistic PDU bytes (bench/fixtures/pdus.ts), some membership churn, and states built as the engine
// builds them (one new state per state event, stateBefore = the room's current state). Seeded: every run
// and every implementation gets the same events.
import { EventStatus, type EventStore, type NewEvent, type StateId } from '../../core/slots/store.ts';
import { memberPdu, messagePdu, powerLevelsPdu, type Pdu } from '../fixtures/pdus.ts';
import { prng, type Prng } from '../fixtures/prng.ts';

/** Members per ordinary room (most rooms are small); room 0 is always a big one. */
const ROOM_SIZES = [2, 2, 3, 4, 6, 9, 14, 20, 30, 50, 80, 150, 300];
const EVENTS_PER_ROOM = 2500;
const BIG_ROOM_MEMBERS = 1000;
/** One membership change (a join or a leave) per this many messages, on average. */
const CHURN = 150;
const utf8 = new TextEncoder();

export interface WorkloadSummary {
  readonly events: number;
  readonly stateEvents: number;
  readonly rooms: number;
  /** Sum of the events' canonical byte lengths. */
  readonly payloadBytes: number;
  /** Every `sampleEvery`-th message id (empty without the option). */
  readonly sampleIds: string[];
  /** Room 0 (BIG_ROOM_MEMBERS members) and its state after its members joined. */
  readonly bigRoom: { readonly roomId: string; readonly state: StateId };
}

interface Room {
  readonly id: string;
  readonly create: string;
  readonly power: string;
  readonly members: string[];
  readonly memberEvent: Map<string, string>;
  state: StateId;
  last: string;
  depth: number;
}

/** Puts `n` events into `store` (and the states they need). */
export function fillStore(store: EventStore, n: number, opts: { seed?: number; sampleEvery?: number } = {}): WorkloadSummary {
  const r = prng(opts.seed ?? 42);
  const roomCount = Math.max(4, Math.round(n / EVENTS_PER_ROOM));
  const rooms: Room[] = [];
  let events = 0;
  let stateEvents = 0;
  let payloadBytes = 0;
  let ts = 1_735_689_600_000;
  const sampleIds: string[] = [];

  const emit = (room: Room, type: string, sender: string, template: Pdu, stateKey?: string): string => {
    const eventId = newEventId(r);
    const prev = room.last === '' ? [] : [room.last];
    const auth = [room.create, room.power, room.memberEvent.get(sender) ?? ''].filter((x, i, all) => x !== '' && all.indexOf(x) === i);
    const pdu = canonicalOrder({
      ...template, room_id: room.id, sender, type, prev_events: prev, auth_events: auth, depth: ++room.depth,
      origin_server_ts: (ts += 1 + r.int(2000)), signatures: { [sender.slice(sender.indexOf(':') + 1)]: sigOf(template) },
      ...(stateKey === undefined ? {} : { state_key: stateKey }),
    });
    const e = asReceived(eventId, pdu, room.state);
    store.put(e);
    events++;
    payloadBytes += e.bytes.length;
    room.last = eventId;
    if (stateKey !== undefined) {
      room.state = store.newState(room.state, [[type, stateKey, eventId]]);
      stateEvents++;
    }
    return eventId;
  };

  const join = (room: Room, user: string): void => {
    room.memberEvent.set(user, emit(room, 'm.room.member', user, memberPdu(r.int(2 ** 31)), user));
    room.members.push(user);
  };

  for (let i = 0; i < roomCount && events < n; i++) {
    const server = r.pick(['matrix.org', 'example.com', 'kde.org', 'mozilla.org', 'tchncs.de']);
    const creator = `@creator${i}:${server}`;
    const room: Room = { id: `!${newEventId(r).slice(1, 19)}:${server}`, create: '', power: '', members: [], memberEvent: new Map(), state: 0, last: '', depth: 0 };
    (room as { create: string }).create = emit(room, 'm.room.create', creator, withContent(r, { creator, room_version: '10' }), '');
    join(room, creator);
    const size = i === 0 ? BIG_ROOM_MEMBERS : r.pick(ROOM_SIZES);
    (room as { power: string }).power = emit(room, 'm.room.power_levels', creator, powerLevelsPdu(r.int(2 ** 31), Math.min(size, 30)), '');
    for (const [type, content] of [['m.room.join_rules', { join_rule: 'public' }], ['m.room.history_visibility', { history_visibility: 'shared' }], ['m.room.name', { name: `Room ${i} 🎉` }]] as const) {
      emit(room, type, creator, withContent(r, content), '');
    }
    for (let m = 1; m < size && events < n; m++) join(room, `@${r.pick(['alice', 'bob', 'carol', 'dave', 'erin'])}${i}_${m}:${r.pick(['matrix.org', 'envs.net', 'kde.org'])}`);
    rooms.push(room);
  }
  const bigRoom = { roomId: rooms[0]!.id, state: rooms[0]!.state };

  // Busier rooms are the bigger ones: weight ∝ members^0.7.
  const weights = rooms.map((room) => Math.pow(room.members.length, 0.7));
  const total = weights.reduce((a, b) => a + b, 0);
  const pickRoom = (): Room => {
    let x = r.next() * total;
    for (let i = 0; i < rooms.length; i++) if ((x -= weights[i]!) < 0) return rooms[i]!;
    return rooms[rooms.length - 1]!;
  };
  let messages = 0;
  while (events < n) {
    const room = pickRoom();
    if (r.int(CHURN) === 0) {
      join(room, `@newcomer${events}:${r.pick(['matrix.org', 'envs.net'])}`);
      continue;
    }
    const id = emit(room, 'm.room.message', r.pick(room.members), messagePdu(r.int(2 ** 31), 1 + r.int(25)));
    if (opts.sampleEvery !== undefined && messages++ % opts.sampleEvery === 0) sampleIds.push(id);
  }
  return { events, stateEvents, rooms: rooms.length, payloadBytes, sampleIds, bigRoom };
}

/** `$` + 43 base64url characters, as a flat string (as computed from a reference hash). */
function newEventId(r: Prng): string {
  const ascii = Buffer.alloc(44);
  ascii[0] = 0x24;
  ascii.write(Buffer.from(r.bytes(32)).toString('base64url'), 1, 'latin1');
  return ascii.toString('latin1');
}

/** A fixture envelope (hashes, signature) around other content. */
function withContent(r: Prng, content: unknown): Pdu {
  return { ...messagePdu(r.int(2 ** 31), 1), content };
}

function sigOf(template: Pdu): Record<string, string> {
  const sigs = template.signatures as Record<string, Record<string, string>> | undefined;
  return sigs ? Object.values(sigs)[0]! : { 'ed25519:a_Abc1': 'c2lnbmF0dXJl' };
}

/** The PDU's keys sorted (what canonical JSON does at the top level; the fixtures' content is sorted already). */
function canonicalOrder(pdu: Pdu): Pdu {
  const { unsigned: _unsigned, ...rest } = pdu;
  return Object.fromEntries(Object.keys(rest).sort().map((k) => [k, rest[k]]));
}

/** What the engine hands the store: fields from a fresh parse of the bytes (new strings, as on the wire). */
function asReceived(eventId: string, pdu: Pdu, stateBefore: StateId): NewEvent {
  const text = JSON.stringify(pdu);
  const p = JSON.parse(text) as Record<string, unknown>;
  return {
    eventId, roomId: p.room_id as string, type: p.type as string, stateKey: (p.state_key as string | undefined) ?? null,
    sender: p.sender as string, depth: p.depth as number, originServerTs: p.origin_server_ts as number,
    prevEvents: p.prev_events as string[], authEvents: p.auth_events as string[], bytes: utf8.encode(text),
    status: EventStatus.ACCEPTED, reason: null, stateBefore,
  };
}
