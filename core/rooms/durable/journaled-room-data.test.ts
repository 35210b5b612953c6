// JournaledRoomData without snapshots: reopen equals before, commit batching, torn tail, corruption,
// aux records, multi-part states, and writes refused when they cannot be journaled.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { join } from 'node:path';
import { ByteWriter } from './byte-writer.ts';
import { diffContents } from './compare.test-support.ts';
import { JournaledRoomData } from './journaled-room-data.ts';
import { MapStore } from './map-store.test-support.ts';
import { openDurable, tempDir } from './open.test-support.ts';
import { RecordType } from './records.ts';
import { encodeNewState } from './state-records.ts';
import { KV, Reference, Workload } from './workload.test-support.ts';
import { Journal, JournalCorruptError } from '../../journal/index.ts';
import { nodeIo } from '../../journal/fs-io.ts';
import { EventStatus, type NewEvent, type StateChange } from '../../slots/store.ts';

function newestSegment(dir: string): string {
  return join(dir, fs.readdirSync(dir).filter((n) => n.endsWith('.log')).sort().pop()!);
}

function message(id: string, bytes = Buffer.from(`{"event_id":"${id}"}`)): NewEvent {
  return {
    eventId: id, roomId: '!solo:example.com', type: 'm.room.message', stateKey: null, sender: '@a:example.com', depth: 1,
    originServerTs: 1, prevEvents: [], authEvents: [], bytes, status: EventStatus.ACCEPTED, reason: null, stateBefore: 0,
  };
}

/** Runs ops [from, to) of the same workload seed on both targets. */
function run(a: { w: Workload; t: Parameters<Workload['op']>[1] }, b: { w: Workload; t: Parameters<Workload['op']>[1] }, from: number, to: number): void {
  for (let n = from; n < to; n++) {
    a.w.op(n, a.t);
    b.w.op(n, b.t);
  }
}

describe('reopen', () => {
  for (const [impl, other] of [['objects', 'arena'], ['arena', 'objects']] as const) {
    test(`reopen equals before (${impl} store, then ${other}): every event field and byte, every state, rooms, aux; writes go on after`, async () => {
      const dir = tempDir();
      const ref = new Reference();
      const refW = new Workload(7);
      const w = new Workload(7);
      let o = await openDurable(dir, {}, impl);
      run({ w, t: o.t }, { w: refW, t: ref }, 0, 3000);
      assert.deepEqual(diffContents(o.contents(), ref.contents()), [], 'live writes equal the reference');
      await o.rd.commit();
      await o.rd.close();

      o = await openDurable(dir, {}, impl);
      assert.ok(ref.store().size > 1500 && ref.store().stateCount > 500, `workload made ${ref.store().size} events, ${ref.store().stateCount} states`);
      assert.deepEqual(diffContents(o.contents(), ref.contents()), []);
      const r = o.rd.stats.replay;
      assert.equal(r.snapshot, null);
      assert.equal(r.tornTail, null);
      assert.ok(r.records >= 3000, `${r.records} records replayed`);

      run({ w, t: o.t }, { w: refW, t: ref }, 3000, 3500); // the same workload continues on the reopened data
      await o.rd.close();
      o = await openDurable(dir, {}, other); // the journal does not depend on the store that wrote it
      assert.deepEqual(diffContents(o.contents(), ref.contents()), []);
      await o.rd.close();
    });
  }

  test('the store must start empty; writes after close are refused', async () => {
    const dir = tempDir();
    const full = new MapStore();
    full.newState(0, []);
    await assert.rejects(JournaledRoomData.open({ dir, store: () => full }), /must be empty/);
    const o = await openDurable(dir);
    await o.rd.close();
    assert.throws(() => o.rd.putEvent(message('$late')), /not open for writes/);
  });

  test('a record too large for the journal is refused before it changes anything', async () => {
    const o = await openDurable(tempDir());
    assert.throws(() => o.rd.putEvent(message('$huge', Buffer.alloc(17 * 1024 * 1024))), RangeError);
    assert.equal(o.rd.store().has('$huge'), false);
    await o.rd.commit();
    await o.rd.close();
  });
});

describe('commit', () => {
  test('concurrent committers share one fsync; sequential ones each get their own', async () => {
    const o = await openDurable(tempDir());
    const s = o.rd.stats.journal;
    const before = s.fsyncs;
    for (let i = 0; i < 5; i++) {
      o.rd.putEvent(message(`$seq${i}`));
      await o.rd.commit();
    }
    assert.equal(s.fsyncs - before, 5, 'one durable batch per sequential commit');

    const mid = s.fsyncs;
    const N = 64;
    const requests = Array.from({ length: N }, async (_, i) => {
      o.rd.putEvent(message(`$par${i}`));
      o.rd.setRoom({ roomId: '!solo:example.com', version: '10', createEventId: '$c', currentState: 0, extremities: [`$par${i}`], maxDepth: i });
      await o.rd.commit();
    });
    await Promise.all(requests);
    const used = s.fsyncs - mid;
    assert.ok(used >= 1 && used <= 2, `${N} concurrent commits used ${used} fsyncs`);
    assert.ok(s.maxBatchAppends >= 2 * N, `largest batch ${s.maxBatchAppends} appends`);
    await o.rd.commit(); // nothing new: resolves at once
    await o.rd.close();
  });

  test('commit rejects once the journal failed', async () => {
    let fail = false;
    const real = nodeIo();
    const o = await openDurable(tempDir(), {
      journal: { io: { write: (fd, data, at) => (fail ? Promise.reject(new Error('EIO (injected)')) : real.write(fd, data, at)), sync: real.sync } },
    });
    o.rd.putEvent(message('$ok'));
    await o.rd.commit();
    fail = true;
    o.rd.putEvent(message('$lost'));
    await assert.rejects(o.rd.commit(), /EIO/);
    await assert.rejects(o.rd.close());
  });
});

describe('replay damage', () => {
  async function written(): Promise<{ dir: string; ref: Reference }> {
    const dir = tempDir();
    const ref = new Reference();
    const o = await openDurable(dir);
    run({ w: new Workload(3), t: o.t }, { w: new Workload(3), t: ref }, 0, 400);
    await o.rd.commit();
    await o.rd.close();
    return { dir, ref };
  }

  test('a torn tail is cut, reported in the replay stats, and loses only the unfinished record', async () => {
    const { dir, ref } = await written();
    let o = await openDurable(dir);
    o.rd.putEvent(message('$torn'));
    await o.rd.commit();
    await o.rd.close();
    const seg = newestSegment(dir);
    fs.truncateSync(seg, fs.statSync(seg).size - 7); // as if the process died inside the last write

    o = await openDurable(dir);
    const t = o.rd.stats.replay.tornTail;
    assert.ok(t !== null, 'torn tail reported');
    assert.equal(t.file, seg);
    assert.ok(t.droppedBytes > 0);
    assert.equal(o.rd.store().has('$torn'), false);
    assert.deepEqual(diffContents(o.contents(), ref.contents()), []);
    o.rd.putEvent(message('$after'));
    await o.rd.commit();
    await o.rd.close();
    o = await openDurable(dir);
    assert.equal(o.rd.stats.replay.tornTail, null);
    assert.ok(o.rd.store().has('$after'));
    await o.rd.close();
  });

  test('a damaged record in the middle stops start-up with the journal error naming file and offset', async () => {
    const { dir } = await written();
    const seg = newestSegment(dir);
    const b = fs.readFileSync(seg);
    b[Math.floor(b.length / 2)]! ^= 0x40;
    fs.writeFileSync(seg, b);
    await assert.rejects(openDurable(dir), (e: unknown) => {
      assert.ok(e instanceof JournalCorruptError);
      assert.equal(e.file, seg);
      assert.ok(e.offset > 16 && e.offset < b.length);
      assert.match(e.message, new RegExp(`at byte offset ${e.offset}`));
      return true;
    });
  });

  test('an intact record this build cannot read stops start-up, naming the record', async () => {
    const { dir } = await written();
    const j = await Journal.open(dir);
    await j.replay(() => {});
    const at = fs.statSync(newestSegment(dir)).size;
    await j.append(0x77, Buffer.from('from the future'));
    await j.close();
    await assert.rejects(openDurable(dir), (e: unknown) => {
      assert.ok(e instanceof JournalCorruptError);
      assert.equal(e.offset, at);
      assert.match(e.message, /unknown record type 0x77/);
      return true;
    });
  });
});

describe('aux records', () => {
  test('replay to their handlers in order; an unregistered kind is held until onAux; appending one is refused', async () => {
    const dir = tempDir();
    const seenA: unknown[] = [];
    const a = { replay: (v: unknown) => void seenA.push(v), snapshot: () => [] };
    let o = await openDurable(dir, { aux: { a } });
    assert.throws(() => o.rd.appendAux('nobody', 1), /not registered/);
    o.rd.appendAux('a', { i: 1 });
    o.rd.putEvent(message('$between'));
    o.rd.appendAux('a', [2, 'two']);
    o.rd.appendAux(KV, { k: 'x', v: 'y' });
    o.rd.onAux('b', () => {}, () => []);
    o.rd.appendAux('b', 'late kind');
    await o.rd.commit();
    await o.rd.close();

    seenA.length = 0;
    o = await openDurable(dir, { aux: { a } });
    assert.deepEqual(seenA, [{ i: 1 }, [2, 'two']]);
    assert.deepEqual([...o.aux], [['x', 'y']]);
    assert.deepEqual(o.rd.stats.replay.heldAuxKinds, ['b']);
    const seenB: unknown[] = [];
    o.rd.onAux('b', (v) => void seenB.push(v), () => seenB);
    assert.deepEqual(seenB, ['late kind'], 'held values are delivered on registration');
    assert.throws(() => o.rd.onAux('b', () => {}, () => []), /already registered/);
    await o.rd.close();
  });
});

describe('multi-part states', () => {
  const big: StateChange[] = Array.from({ length: 600 }, (_, i) => ['m.room.member', `@user${i}:example.org`, `$join${i}`]);

  test('a state larger than a record is split and comes back whole, with its id', async () => {
    const dir = tempDir();
    let o = await openDurable(dir, { statePartBytes: 2048 });
    const first = o.rd.newState(0, [['m.room.create', '', '$c']]);
    const id = o.rd.newState(first, big);
    const appends = o.rd.stats.journal.appends;
    assert.ok(appends > 10, `${appends} records for two states`);
    await o.rd.commit();
    await o.rd.close();
    o = await openDurable(dir);
    assert.equal(o.rd.store().stateCount, 2);
    assert.equal(o.rd.store().stateSize(id), 601);
    assert.deepEqual(o.rd.store().stateDefinition(id).changes.map((c) => [...c]), big);
    await o.rd.close();
  });

  test('a partial state left by a crash is dropped, and its id is assigned again', async () => {
    const dir = tempDir();
    let o = await openDurable(dir);
    o.rd.newState(0, [['m.room.create', '', '$c']]);
    await o.rd.close();
    const parts = encodeNewState(new ByteWriter(), 2, 1, big, 2048)!;
    const j = await Journal.open(dir);
    await j.replay(() => {});
    await j.append(RecordType.NEW_STATE_V1, parts[0]!); // the process died before the other parts
    await j.close();

    o = await openDurable(dir);
    assert.equal(o.rd.stats.replay.droppedPartialStates, 1);
    assert.equal(o.rd.store().stateCount, 1);
    assert.equal(o.rd.newState(1, [['m.room.name', '', '$n']]), 2);
    await o.rd.close();
    o = await openDurable(dir);
    assert.equal(o.rd.stats.replay.droppedPartialStates, 1);
    assert.equal(o.rd.store().stateCount, 2);
    assert.equal(o.rd.store().stateGet(2, 'm.room.name', ''), '$n');
    assert.equal(o.rd.store().stateGet(2, 'm.room.member', '@user0:example.org'), undefined);
    await o.rd.close();
  });
});
