// Helpers the store conformance suite shares: event builders, comparable views of events and states.
import assert from 'node:assert/strict';
import { EventStatus, type EventStore, type NewEvent, type StateId, type StoredEvent } from '../../core/slots/store.ts';

const utf8 = new TextEncoder();

/** A NewEvent with plausible defaults; bytes are the JSON of the fields unless given. */
export function newEvent(eventId: string, over: Partial<NewEvent> = {}): NewEvent {
  const e: Omit<NewEvent, 'bytes'> = {
    eventId,
    roomId: '!room:example.org',
    type: 'm.room.message',
    stateKey: null,
    sender: '@alice:example.org',
    depth: 10,
    originServerTs: 1_735_689_600_000,
    prevEvents: ['$prev'],
    authEvents: ['$create', '$power', '$member'],
    status: EventStatus.ACCEPTED,
    reason: null,
    stateBefore: 0,
    ...over,
  };
  return { ...e, bytes: over.bytes ?? utf8.encode(JSON.stringify({ ...e, event_id: eventId })) };
}

export const hex = (b: Uint8Array | undefined): string | undefined => (b === undefined ? undefined : Buffer.from(b).toString('hex'));

/** Every field of an event, bytes as hex, arrays copied: comparable with deepEqual across implementations. */
export function plain(e: StoredEvent | NewEvent | undefined): Record<string, unknown> | undefined {
  if (e === undefined) return undefined;
  return {
    eventId: e.eventId, roomId: e.roomId, type: e.type, stateKey: e.stateKey, sender: e.sender, depth: e.depth,
    originServerTs: e.originServerTs, prevEvents: [...e.prevEvents], authEvents: [...e.authEvents],
    bytes: hex(e.bytes), status: e.status, reason: e.reason, stateBefore: e.stateBefore,
    ...('seq' in e ? { seq: e.seq } : {}),
  };
}

/** A state's entries, sorted, as JSON lines (no particular order is promised). */
export function entriesOf(store: EventStore, state: StateId, type?: string): string[] {
  return [...store.stateEntries(state, type)].map((e) => JSON.stringify(e)).sort();
}

/** Asserts that two stores hold the same events (order, seq, every field) and the same states. */
export function assertSameContents(actual: EventStore, expected: EventStore, label: string): void {
  assert.equal(actual.size, expected.size, `${label}: size`);
  assert.equal(actual.stateCount, expected.stateCount, `${label}: stateCount`);
  const a = [...actual.events()].map(plain);
  const b = [...expected.events()].map(plain);
  for (let i = 0; i < b.length; i++) assert.deepEqual(a[i], b[i], `${label}: event #${i}`);
  for (const e of expected.events()) {
    assert.deepEqual(plain(actual.get(e.eventId)), plain(e), `${label}: get(${e.eventId})`);
    assert.equal(hex(actual.bytes(e.eventId)), hex(e.bytes), `${label}: bytes(${e.eventId})`);
  }
  const rooms = new Set(b.map((e) => e!.roomId as string));
  for (const room of rooms) {
    assert.equal(actual.roomEventCount(room), expected.roomEventCount(room), `${label}: roomEventCount(${room})`);
    assert.deepEqual([...actual.roomEvents(room)].map(plain), [...expected.roomEvents(room)].map(plain), `${label}: room ${room}`);
  }
  for (let s = 0; s <= expected.stateCount; s++) {
    assert.deepEqual(entriesOf(actual, s), entriesOf(expected, s), `${label}: entries of state ${s}`);
    assert.equal(actual.stateSize(s), expected.stateSize(s), `${label}: size of state ${s}`);
    if (s > 0) assert.deepEqual(actual.stateDefinition(s), expected.stateDefinition(s), `${label}: definition of state ${s}`);
  }
}
