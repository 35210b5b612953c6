// Round trip of every record layout, and the decode errors replay turns into corruption reports.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ByteReader, DecodeError } from './byte-reader.ts';
import { ByteWriter } from './byte-writer.ts';
import { slabCopier } from './byte-slab.ts';
import { decodePutEvent, decodeUpdateEvent, encodePutEvent, encodeUpdateEvent } from './event-records.ts';
import { decodeAux, decodeSetRoom, encodeAux, encodeSetRoom } from './room-records.ts';
import { decodeNewState, encodeNewState } from './state-records.ts';
import { EventStatus, type NewEvent, type StateChange } from '../../slots/store.ts';

const copy = slabCopier();
const read = (b: Uint8Array): ByteReader => new ByteReader().reset(Buffer.from(b)); // a copy: the writer's view is reused

function event(over: Partial<NewEvent> = {}): NewEvent {
  return {
    eventId: '$abcDEF123_-xyz',
    roomId: '!room:example.com',
    type: 'm.room.member',
    stateKey: '@ünïcødé:example.com',
    sender: '@alice:example.com',
    depth: 2 ** 53 - 1,
    originServerTs: 1_735_689_600_123,
    prevEvents: ['$p1', '$p2'],
    authEvents: ['$a1', '$a2', '$a3'],
    bytes: Buffer.from('{"content":{"body":"日本語 🎉"}}'),
    status: EventStatus.SOFT_FAILED,
    reason: 'failed auth against current state: 🚫',
    stateBefore: 123_456,
    ...over,
  };
}

function plain(e: NewEvent): unknown {
  return { ...e, bytes: Buffer.from(e.bytes).toString('hex'), prevEvents: [...e.prevEvents], authEvents: [...e.authEvents] };
}

describe('PUT_EVENT v1', () => {
  for (const [name, e] of [
    ['state event with reason', event()],
    ['message: null state key and reason, no prev/auth', event({ stateKey: null, reason: null, prevEvents: [], authEvents: [], status: EventStatus.ACCEPTED, depth: 0 })],
    ['empty state key, outlier, 60 KiB of bytes', event({ stateKey: '', status: EventStatus.OUTLIER, stateBefore: 0, bytes: Buffer.alloc(60_000, 7) })],
    ['bytes larger than a slab share', event({ bytes: Buffer.alloc(200_000, 9) })],
  ] as const) {
    test(name, () => {
      const w = new ByteWriter(16);
      encodePutEvent(w, e);
      const back = decodePutEvent(read(w.view()), copy);
      assert.deepEqual(plain(back), plain(e));
      assert.ok(!(back.bytes instanceof Buffer) || back.bytes.buffer !== w.view().buffer, 'bytes are copied out of the record');
    });
  }

  test('canonical bytes are stored raw: the record is barely larger than the PDU', () => {
    const e = event({ bytes: Buffer.alloc(800, 0x41) });
    const w = new ByteWriter();
    encodePutEvent(w, e);
    assert.ok(w.length < 800 + 220, `record is ${w.length} bytes`);
    assert.ok(w.view().includes(Buffer.alloc(800, 0x41)));
  });

  test('a truncated record, a trailing byte and an unknown status are decode errors', () => {
    const w = new ByteWriter();
    encodePutEvent(w, event());
    const full = Buffer.from(w.view());
    assert.throws(() => decodePutEvent(read(full.subarray(0, full.length - 1)), copy), DecodeError);
    assert.throws(() => decodePutEvent(read(Buffer.concat([full, Buffer.from([0])])), copy), /unexpected bytes/);
    const bad = Buffer.from(full);
    bad[0] = 9;
    assert.throws(() => decodePutEvent(read(bad), copy), /unknown event status 9/);
  });

  test('a string too long for a u16 length is refused at encoding', () => {
    assert.throws(() => encodePutEvent(new ByteWriter(), event({ stateKey: 'x'.repeat(70_000) })), RangeError);
  });
});

describe('UPDATE_EVENT v1', () => {
  const patches = [
    {},
    { status: EventStatus.REJECTED },
    { reason: null },
    { reason: 'why 🤔' },
    { stateBefore: 0 },
    { bytes: Buffer.from('{"redacted":true}') },
    { status: EventStatus.ACCEPTED, reason: null, stateBefore: 77, bytes: Buffer.alloc(3, 1) },
  ];
  for (const patch of patches) {
    test(`fields ${Object.keys(patch).join(', ') || '(none)'}`, () => {
      const w = new ByteWriter();
      encodeUpdateEvent(w, '$ev', patch);
      const back = decodeUpdateEvent(read(w.view()), copy);
      assert.equal(back.eventId, '$ev');
      assert.deepEqual(Object.keys(back.patch).sort(), Object.keys(patch).sort(), 'absent fields stay absent (undefined ≠ null)');
      for (const [k, v] of Object.entries(patch)) {
        const got = back.patch[k as keyof typeof back.patch];
        if (v instanceof Uint8Array) assert.ok(got instanceof Uint8Array && Buffer.from(got).equals(v), `${k} bytes`);
        else assert.equal(got, v, k);
      }
    });
  }
});

describe('NEW_STATE v1', () => {
  const changes: StateChange[] = [
    ['m.room.create', '', '$c'],
    ['m.room.member', '@a:x', '$m'],
    ['m.room.name', '', null],
  ];

  test('one part', () => {
    const w = new ByteWriter();
    assert.equal(encodeNewState(w, 5, 2, changes, 1 << 20), null);
    assert.deepEqual(decodeNewState(read(w.view())), { id: 5, parent: 2, part: 0, more: false, changes });
  });

  test('split into parts past the part size; joined back in order', () => {
    const many: StateChange[] = Array.from({ length: 1000 }, (_, i) => ['m.room.member', `@user${i}:example.org`, i % 7 === 0 ? null : `$e${i}`]);
    const w = new ByteWriter();
    const parts = encodeNewState(w, 9, 4, many, 4096);
    assert.ok(parts !== null && parts.length > 5, `${parts?.length} parts`);
    const decoded = parts.map((p) => decodeNewState(read(p)));
    assert.deepEqual(decoded.map((d) => d.more), [...Array(parts.length - 1).fill(true), false]);
    assert.ok(decoded.every((d, i) => d.id === 9 && d.parent === 4 && d.part === i));
    assert.deepEqual(decoded.flatMap((d) => d.changes), many);
  });

  test('an impossible parent is a decode error', () => {
    const w = new ByteWriter();
    encodeNewState(w, 3, 3, changes, 1 << 20);
    assert.throws(() => decodeNewState(read(w.view())), /cannot have parent/);
  });
});

describe('SET_ROOM v1 and AUX v1', () => {
  test('room record', () => {
    const r = { roomId: '!r:x', version: '11', createEventId: '$create', currentState: 42, extremities: ['$e1', '$e2'], maxDepth: 9001 };
    const w = new ByteWriter();
    encodeSetRoom(w, r);
    assert.deepEqual(decodeSetRoom(read(w.view())), r);
  });

  test('aux value', () => {
    const value = { txn: 'abc', pdus: ['$1', '$2'], n: 3.5, nested: { ok: true, none: null }, text: 'naïve 🎉' };
    const w = new ByteWriter();
    encodeAux(w, 'federation.pending', value);
    assert.deepEqual(decodeAux(read(w.view())), { kind: 'federation.pending', value });
  });

  test('aux value that is not JSON is a decode error; undefined is refused at encoding', () => {
    const w = new ByteWriter();
    w.str16('k');
    w.text('{nope');
    assert.throws(() => decodeAux(read(w.view())), /not JSON/);
    assert.throws(() => encodeAux(new ByteWriter(), 'k', undefined), TypeError);
  });
});
