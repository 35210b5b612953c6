// Store conformance, events: put/get/has/bytes round trips, duplicates, updates, insertion order, rooms.
import assert from 'node:assert/strict';
import { EventStatus } from '../../core/slots/store.ts';
import type { It, Make } from './store.case.ts';
import { hex, newEvent, plain } from './_case-support.ts';

const AWKWARD_IDS = ['$caf\u00e9', '$cafe\u0301', '$\u{1F600}', '$日本語', '$__proto__', '$constructor', '$'];

export function eventTests(it: It, make: Make): void {
  it('a fresh store is empty', () => {
    const store = make();
    assert.equal(store.size, 0);
    assert.equal(store.stateCount, 0);
    assert.deepEqual([...store.events()], []);
    assert.equal(store.has('$nope'), false);
    assert.equal(store.get('$nope'), undefined);
    assert.equal(store.bytes('$nope'), undefined);
    assert.equal(store.roomEventCount('!nowhere:x'), 0);
    assert.deepEqual([...store.roomEvents('!nowhere:x')], []);
    assert.ok(store.memoryBytes() >= 0);
  });

  it('put then get, has and bytes give back every field (unicode, empty and long edge lists)', () => {
    const store = make();
    const prev20 = Array.from({ length: 20 }, (_, i) => `$prev${i}:€`);
    const inputs = [
      newEvent('$create', { type: 'm.room.create', stateKey: '', prevEvents: [], authEvents: [], depth: 1 }),
      newEvent('$msg\u{1F389}', { roomId: '!ルーム:例え.jp', sender: '@ünïcødé:example.org', prevEvents: prev20, authEvents: ['$create'] }),
      newEvent('$member', { type: 'm.room.member', stateKey: '@ünïcødé:example.org', depth: 2 ** 53 - 1, originServerTs: 0 }),
      newEvent('$rejected', { status: EventStatus.REJECTED, reason: 'auth: sender not in room — «nope»' }),
      newEvent('$soft', { status: EventStatus.SOFT_FAILED, reason: '' }),
      newEvent('$outlier', { status: EventStatus.OUTLIER, bytes: new Uint8Array(0), prevEvents: ['$x', '$x'] }),
      ...AWKWARD_IDS.map((id, i) => newEvent(id, { depth: i, stateKey: i % 2 ? '' : null })),
    ];
    for (const e of inputs) store.put(e);
    assert.equal(store.size, inputs.length);
    inputs.forEach((e, seq) => {
      assert.equal(store.has(e.eventId), true, e.eventId);
      assert.deepEqual(plain(store.get(e.eventId)), { ...plain(e), seq }, e.eventId);
      assert.equal(hex(store.bytes(e.eventId)), hex(e.bytes), e.eventId);
    });
    assert.equal(store.has('$cafe'), false);
    assert.equal(store.get('$msg'), undefined);
    assert.equal(store.get('$member')!.stateKey, '@ünïcødé:example.org');
    assert.equal(store.get('$create')!.stateKey, '');
    assert.equal(store.get('$rejected')!.stateKey, null);
  });

  it('holds its own copy of the bytes (later writes to the caller\'s array do not show)', () => {
    const store = make();
    const bytes = new TextEncoder().encode('{"a":1}');
    store.put(newEvent('$e', { bytes }));
    bytes[2] = 0x62;
    assert.equal(Buffer.from(store.bytes('$e')!).toString(), '{"a":1}');
  });

  it('a second put of the same id throws and changes nothing', () => {
    const store = make();
    store.put(newEvent('$a', { depth: 1 }));
    assert.throws(() => store.put(newEvent('$a', { depth: 2 })));
    assert.equal(store.size, 1);
    assert.equal(store.get('$a')!.depth, 1);
    assert.equal([...store.events()].length, 1);
    assert.equal(store.roomEventCount('!room:example.org'), 1);
  });

  it('put refuses an unknown stateBefore or status', () => {
    const store = make();
    assert.throws(() => store.put(newEvent('$a', { stateBefore: 1 })), RangeError);
    assert.throws(() => store.put(newEvent('$b', { status: 7 as EventStatus })), RangeError);
    assert.equal(store.size, 0);
    const s = store.newState(0, [['m.room.create', '', '$c']]);
    store.put(newEvent('$a', { stateBefore: s }));
    assert.equal(store.get('$a')!.stateBefore, s);
  });

  it('update changes status, reason, stateBefore and bytes, and nothing else', () => {
    const store = make();
    const s1 = store.newState(0, [['m.room.create', '', '$c']]);
    store.put(newEvent('$x', { depth: 5 }));
    store.put(newEvent('$e', { status: EventStatus.OUTLIER }));
    store.put(newEvent('$y', { depth: 6 }));
    const before = store.get('$e')!;
    const beforeBytes = hex(store.bytes('$e'));
    store.update('$e', { status: EventStatus.REJECTED, reason: 'bad auth' });
    assert.deepEqual(plain(store.get('$e')), { ...plain(before), status: EventStatus.REJECTED, reason: 'bad auth' });
    store.update('$e', { status: EventStatus.ACCEPTED, reason: null, stateBefore: s1 });
    assert.deepEqual(plain(store.get('$e')), { ...plain(before), status: EventStatus.ACCEPTED, reason: null, stateBefore: s1 });
    store.update('$e', { reason: 'kept' });
    store.update('$e', {});
    assert.equal(store.get('$e')!.reason, 'kept');
    const longer = new TextEncoder().encode('{"redacted":true,"padding":"' + 'x'.repeat(500) + '"}');
    store.update('$e', { bytes: longer });
    assert.equal(hex(store.bytes('$e')), hex(longer));
    const shorter = new TextEncoder().encode('{}');
    store.update('$e', { bytes: shorter });
    assert.equal(hex(store.get('$e')!.bytes), hex(shorter));
    // What was read before the updates is a snapshot: it still shows the old values.
    assert.equal(before.status, EventStatus.OUTLIER);
    assert.equal(hex(before.bytes), beforeBytes);
    // Neighbours, order and seq are untouched.
    assert.deepEqual([...store.events()].map((e) => [e.eventId, e.seq]), [['$x', 0], ['$e', 1], ['$y', 2]]);
    assert.equal(store.get('$y')!.depth, 6);
    assert.equal(store.get('$e')!.stateBefore, s1);
  });

  it('update refuses an unknown event, status or state', () => {
    const store = make();
    store.put(newEvent('$e'));
    assert.throws(() => store.update('$nope', { status: EventStatus.ACCEPTED }));
    assert.throws(() => store.update('$e', { stateBefore: 3 }), RangeError);
    assert.throws(() => store.update('$e', { status: -1 as EventStatus }), RangeError);
    assert.equal(store.has('$nope'), false);
    assert.equal(store.get('$e')!.stateBefore, 0);
  });

  it('events() follows insertion order across rooms, with seq 0, 1, 2, …', () => {
    const store = make();
    const ids = Array.from({ length: 300 }, (_, i) => `$e${(i * 7919) % 1000}`);
    ids.forEach((id, i) => store.put(newEvent(id, { roomId: `!r${i % 3}:x` })));
    const listed = [...store.events()];
    assert.deepEqual(listed.map((e) => e.eventId), ids);
    assert.deepEqual(listed.map((e) => e.seq), ids.map((_, i) => i));
  });

  it('roomEvents lists one room in insertion order from `from`; roomEventCount counts it', () => {
    const store = make();
    const rooms = ['!a:x', '!b:y', '!ç:z'];
    for (let i = 0; i < 90; i++) store.put(newEvent(`$e${i}`, { roomId: rooms[i % 3]!, depth: i }));
    for (const [k, room] of rooms.entries()) {
      const expected = Array.from({ length: 30 }, (_, j) => `$e${j * 3 + k}`);
      assert.equal(store.roomEventCount(room), 30);
      assert.deepEqual([...store.roomEvents(room)].map((e) => e.eventId), expected);
      assert.deepEqual([...store.roomEvents(room, 0)].map((e) => e.eventId), expected);
      assert.deepEqual([...store.roomEvents(room, 17)].map((e) => e.eventId), expected.slice(17));
      assert.deepEqual([...store.roomEvents(room, 29)].map((e) => e.seq), [29 * 3 + k]);
      assert.deepEqual([...store.roomEvents(room, 30)], []);
      assert.deepEqual([...store.roomEvents(room, 1000)], []);
    }
    assert.equal(store.roomEventCount('!a:y'), 0);
    assert.deepEqual([...store.roomEvents('!a:y')], []);
  });

  it('memoryBytes grows as events are added', () => {
    const store = make();
    const empty = store.memoryBytes();
    for (let i = 0; i < 5000; i++) store.put(newEvent(`$grow${i}`, { bytes: new Uint8Array(200).fill(i & 0xff) }));
    assert.ok(store.memoryBytes() >= empty + 5000 * 200, `${store.memoryBytes()} after 1 MB of events`);
  });
}
