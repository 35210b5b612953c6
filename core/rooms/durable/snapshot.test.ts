// Snapshots: snapshot + further records + reopen, automatic snapshots, writes during a snapshot, held aux
// kinds kept, a store swap abandoning a snapshot, and the capture rule for stateBefore.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { ByteReader } from './byte-reader.ts';
import { slabCopier } from './byte-slab.ts';
import { diffContents } from './compare.test-support.ts';
import { decodePutEvent } from './event-records.ts';
import { MapStore } from './map-store.test-support.ts';
import { REAL_STORES, STORES, openDurable, tempDir } from './open.test-support.ts';
import { RecordType } from './records.ts';
import { writeSnapshotBody } from './snapshot-body.ts';
import { readSnapshotBody } from './snapshot-reader.ts';
import { RecordApplier } from './apply-records.ts';
import { AuxRegistry } from './aux-registry.ts';
import type { RoomRecord } from '../room-data.ts';
import type { SnapshotSource } from '../../journal/index.ts';
import { Reference, Workload, type WorkloadTarget, kvHandlers } from './workload.test-support.ts';
import { EventStatus, migrateStore } from '../../slots/store.ts';

const files = (dir: string): string[] => fs.readdirSync(dir).sort();

function run(pairs: ReadonlyArray<readonly [Workload, WorkloadTarget]>, from: number, to: number): void {
  for (let n = from; n < to; n++) for (const [w, t] of pairs) w.op(n, t);
}

describe('snapshot', () => {
  for (const impl of REAL_STORES) {
    test(`snapshot, further records, reopen (${impl}): equal to the reference; covered segments deleted; replay reads only the rest`, async () => {
      const dir = tempDir();
      const ref = new Reference();
      const [w, rw] = [new Workload(11), new Workload(11)];
      let o = await openDurable(dir, {}, impl);
      run([[w, o.t], [rw, ref]], 0, 2000);
      const done = await o.rd.snapshot();
      assert.equal(done.events, ref.store().size);
      assert.equal(done.states, ref.store().stateCount);
      assert.equal(done.rooms, [...ref.rooms()].length);
      assert.equal(done.aux, ref.aux.size);
      assert.equal(o.rd.stats.snapshots, 1);
      assert.ok(files(dir).some((f) => f.endsWith('.snap')));
      assert.ok(!files(dir).some((f) => f === 'journal-0000000001.log'), `covered segment deleted: ${files(dir)}`);
      const recordsAfter = o.rd.stats.journal.appends;
      run([[w, o.t], [rw, ref]], 2000, 2600);
      const tail = o.rd.stats.journal.appends - recordsAfter;
      await o.rd.close();

      o = await openDurable(dir, {}, impl);
      const r = o.rd.stats.replay;
      assert.ok(r.snapshot !== null);
      assert.equal(r.snapshot.events + r.records > 0, true);
      assert.equal(r.records, tail, 'only the records after the snapshot are replayed');
      assert.deepEqual(diffContents(o.contents(), ref.contents()), []);
      // and again, with a second snapshot over the first
      run([[w, o.t], [rw, ref]], 2600, 2800);
      await o.rd.snapshot();
      await o.rd.close();
      o = await openDurable(dir, {}, impl);
      assert.equal(o.rd.stats.replay.records, 0);
      assert.deepEqual(diffContents(o.contents(), ref.contents()), []);
      assert.equal(files(dir).filter((f) => f.endsWith('.snap')).length, 1);
      await o.rd.close();
    });
  }

  test('automatic snapshots after N records keep replay bounded', async () => {
    const dir = tempDir();
    const ref = new Reference();
    const [w, rw] = [new Workload(12), new Workload(12)];
    let o = await openDurable(dir, { snapshotEveryRecords: 700, snapshotChunkBytes: 16 * 1024 });
    for (let n = 0; n < 3000; n++) {
      w.op(n, o.t);
      rw.op(n, ref);
      if (n % 50 === 49) await o.rd.commit(); // let the scheduled snapshots run between requests
    }
    await o.rd.close();
    assert.ok(o.rd.stats.snapshots >= 2, `${o.rd.stats.snapshots} automatic snapshots`);
    assert.equal(o.rd.stats.lastSnapshotError, null);
    o = await openDurable(dir);
    assert.ok(o.rd.stats.replay.snapshot !== null);
    assert.ok(o.rd.stats.replay.records < 3 * 700, `${o.rd.stats.replay.records} records replayed after the snapshot`);
    assert.deepEqual(diffContents(o.contents(), ref.contents()), []);
    await o.rd.close();
  });

  test('writes made while a snapshot streams out are replayed on top of it', async () => {
    const dir = tempDir();
    const ref = new Reference();
    const [w, rw] = [new Workload(13), new Workload(13)];
    let o = await openDurable(dir, { snapshotChunkBytes: 4096 });
    run([[w, o.t], [rw, ref]], 0, 1500);
    const snap = o.rd.snapshot();
    for (let n = 1500; n < 2500; n++) {
      w.op(n, o.t);
      rw.op(n, ref);
      if (n % 20 === 0) await new Promise(setImmediate); // interleave with the snapshot's chunks
    }
    const done = await snap;
    assert.ok(done.events < ref.store().size, 'the snapshot covers only what existed when it started');
    await o.rd.close();
    o = await openDurable(dir);
    assert.deepEqual(diffContents(o.contents(), ref.contents()), []);
    await o.rd.close();
  });

  test('aux values of a kind nobody registered are kept by a snapshot', async () => {
    const dir = tempDir();
    const other = { replay: () => {}, snapshot: () => [] };
    let o = await openDurable(dir, { aux: { other } });
    o.rd.appendAux('other', 'one');
    o.rd.appendAux('other', { two: 2 });
    await o.rd.close();
    o = await openDurable(dir); // 'other' not registered: held
    assert.deepEqual(o.rd.stats.replay.heldAuxKinds, ['other']);
    assert.equal((await o.rd.snapshot()).aux, 2);
    await o.rd.close();
    const seen: unknown[] = [];
    o = await openDurable(dir, { aux: { other: { replay: (v) => void seen.push(v), snapshot: () => seen } } });
    assert.deepEqual(seen, ['one', { two: 2 }]);
    await o.rd.close();
  });

  test('a live store swap (objects → arena) during a snapshot abandons it; nothing is lost', async () => {
    const dir = tempDir();
    const ref = new Reference();
    const [w, rw] = [new Workload(14), new Workload(14)];
    let current = STORES.objects();
    let o = await openDurable(dir, { store: () => current, snapshotChunkBytes: 4096 });
    run([[w, o.t], [rw, ref]], 0, 800);
    const snap = o.rd.snapshot();
    const next = STORES.arena();
    migrateStore(current, next); // what the slot host does on a live swap
    current = next;
    run([[w, o.t], [rw, ref]], 800, 900);
    await assert.rejects(snap, /swapped/);
    assert.match(o.rd.stats.lastSnapshotError ?? '', /swapped/);
    assert.ok(!files(dir).some((f) => f.endsWith('.snap') || f.endsWith('.tmp')), `no snapshot left: ${files(dir)}`);
    await o.rd.close();
    o = await openDurable(dir, {}, 'objects');
    assert.deepEqual(diffContents(o.contents(), ref.contents()), []);
    await o.rd.snapshot(); // and a snapshot after the swap works
    await o.rd.close();
    o = await openDurable(dir, {}, 'arena');
    assert.deepEqual(diffContents(o.contents(), ref.contents()), []);
    await o.rd.close();
  });
});

describe('snapshot body', () => {
  test('an event placed after the capture in a newer state is written with the empty state (its update follows in the journal)', async () => {
    const store = new MapStore();
    store.newState(0, [['m.room.create', '', '$c']]);
    const e = {
      eventId: '$o', roomId: '!r:x', type: 'm.room.message', stateKey: null, sender: '@a:x', depth: 1, originServerTs: 1,
      prevEvents: [], authEvents: [], bytes: Buffer.from('{}'), status: EventStatus.OUTLIER, reason: null, stateBefore: 0,
    };
    store.put(e);
    const capture = { store, states: 1, events: 1, rooms: [], aux: [], stillCurrent: () => true };
    store.newState(1, [['m.room.name', '', '$n']]); // after the capture: state 2
    store.update('$o', { status: EventStatus.ACCEPTED, stateBefore: 2 });
    const chunks: Buffer[] = [];
    const counts = await writeSnapshotBody({ write: async (c) => void chunks.push(Buffer.from(c)) }, capture, 1024);
    assert.deepEqual(counts, { states: 1, events: 1, rooms: 0, aux: 0 });
    const body = Buffer.concat(chunks);
    let at = 12;
    const types: number[] = [];
    let put: ReturnType<typeof decodePutEvent> | null = null;
    while (at < body.length) {
      const len = body.readUInt32LE(at + 1);
      types.push(body[at]!);
      if (body[at] === RecordType.PUT_EVENT_V1) put = decodePutEvent(new ByteReader().reset(body, at + 5, at + 5 + len), slabCopier());
      at += 5 + len;
    }
    assert.deepEqual(types, [RecordType.NEW_STATE_V1, RecordType.PUT_EVENT_V1, RecordType.SNAPSHOT_END_V1]);
    assert.equal(put?.stateBefore, 0);
    assert.equal(put?.status, EventStatus.ACCEPTED, 'other fields are read live (their updates are idempotent)');
  });

  /** A body written from a workload's reference data, for the reader tests. */
  async function body(): Promise<{ bytes: Buffer; ref: Reference }> {
    const ref = new Reference();
    const w = new Workload(21);
    for (let n = 0; n < 600; n++) w.op(n, ref);
    ref.newState(ref.store().stateCount, Array.from({ length: 800 }, (_, i) => ['m.room.member', `@big${i}:example.org`, `$b${i}`] as const));
    const store = ref.store();
    const chunks: Buffer[] = [];
    const capture = { store, states: store.stateCount, events: store.size, rooms: [...ref.rooms()], aux: [['test.kv', [...ref.aux].map(([k, v]) => ({ k, v }))]] as const, stillCurrent: () => true };
    await writeSnapshotBody({ write: async (c) => void chunks.push(Buffer.from(c)) }, capture, 8192);
    return { bytes: Buffer.concat(chunks), ref };
  }

  function source(b: Buffer, sizes: () => number): SnapshotSource {
    return {
      seq: 1,
      bytes: b.length,
      async *chunks() {
        for (let at = 0; at < b.length; ) {
          const n = Math.min(sizes(), b.length - at);
          yield Buffer.from(b.subarray(at, at + n)); // a fresh copy: the reader must not keep views across chunks
          at += n;
        }
      },
      readAll: async () => b,
    };
  }

  async function load(src: SnapshotSource): Promise<{ store: MapStore; rooms: Map<string, RoomRecord>; aux: Map<string, unknown> }> {
    const store = new MapStore();
    const rooms = new Map<string, RoomRecord>();
    const aux = new Map<string, unknown>();
    const registry = new AuxRegistry();
    registry.register('test.kv', kvHandlers(aux));
    const applier = new RecordApplier({ store: () => store, setRoom: (r) => rooms.set(r.roomId, r), aux: registry });
    await readSnapshotBody(src, (t, p) => applier.apply(t, p), (at, reason) => new Error(`at ${at}: ${reason}`));
    return { store, rooms, aux };
  }

  for (const [name, sizes] of [
    ['one chunk', () => Infinity],
    ['1-byte chunks', () => 1],
    ['7-byte chunks', () => 7],
    ['random chunk sizes', () => 1 + Math.floor(Math.random() * 3000)],
  ] as const) {
    test(`reads back entries straddling chunk boundaries (${name})`, async () => {
      const { bytes, ref } = await body();
      const got = await load(source(bytes, sizes));
      assert.deepEqual(diffContents({ store: got.store, rooms: got.rooms.values(), aux: got.aux }, ref.contents()), []);
    });
  }

  test('a truncated body, a wrong count and a bad magic are defects with their offset', async () => {
    const { bytes } = await body();
    await assert.rejects(load(source(bytes.subarray(0, bytes.length - 3), () => 5000)), /ends inside an entry/);
    const lying = Buffer.from(bytes);
    lying.writeUInt32LE(lying.readUInt32LE(lying.length - 20) + 1, lying.length - 20); // SNAPSHOT_END's state count
    await assert.rejects(load(source(lying, () => 5000)), /but its end says/);
    const alien = Buffer.from(bytes);
    alien[0] = 0x58;
    await assert.rejects(load(source(alien, () => 5000)), /^Error: at 0: not a room-data snapshot/);
  });
});
