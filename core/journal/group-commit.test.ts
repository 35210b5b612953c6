// Tests for group commit: batching concurrent appends into shared syncs, counters, and sync failures.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { JournalError, JournalErrorCode } from './errors.ts';
import { type JournalIo, nodeIo } from './fs-io.ts';
import { numberOf, openAndReplay, payload, tempDir } from './test-util.ts';

/** node:fs I/O whose sync fails from the `failAt`-th call on, counting calls. */
function failingIo(failAt: number): JournalIo & { syncs: number } {
  const real = nodeIo();
  const io = {
    syncs: 0,
    write: real.write,
    async sync(fd: number) {
      io.syncs++;
      if (io.syncs >= failAt) throw Object.assign(new Error('EIO: injected i/o error, fsync'), { code: 'EIO' });
      return real.sync(fd);
    },
  };
  return io;
}

describe('group commit', () => {
  test('1000 appends issued in one tick share a handful of syncs', async () => {
    const dir = tempDir();
    const { journal } = await openAndReplay(dir);
    const before = { ...journal.stats };
    await Promise.all(Array.from({ length: 1000 }, (_, i) => journal.append(1, payload(i))));
    const s = journal.stats;
    assert.equal(s.appends - before.appends, 1000);
    assert.equal(s.bytes - before.bytes, 1000 * (16 + 200));
    assert.equal(s.fsyncs - before.fsyncs, 1, 'appends issued in one tick share one write and one sync');
    assert.equal(s.batches, s.fsyncs);
    assert.equal(s.maxBatchAppends, 1000);
    await journal.close();
    const b = await openAndReplay(dir);
    assert.deepEqual(b.records.map(numberOf), [...Array(1000).keys()]);
    await b.journal.close();
  });

  test('64 writers looping on await append share syncs and keep per-writer order', async () => {
    const dir = tempDir();
    const { journal } = await openAndReplay(dir);
    const writers = 64;
    const each = 30;
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let k = 0; k < each; k++) await journal.append(1, payload(w * 1000 + k, 50));
      }),
    );
    const s = journal.stats;
    assert.equal(s.appends, writers * each);
    // Each acknowledged batch wakes all 64 writers, whose next appends land in the next batch together.
    assert.equal(s.fsyncs, each, `expected one sync per round of ${writers} appends`);
    assert.equal(s.maxBatchAppends, writers);
    await journal.close();
    const b = await openAndReplay(dir);
    const perWriter = new Map<number, number[]>();
    for (const r of b.records) {
      const n = numberOf(r);
      const w = Math.floor(n / 1000);
      perWriter.set(w, [...(perWriter.get(w) ?? []), n % 1000]);
    }
    assert.equal(perWriter.size, writers);
    for (const seq of perWriter.values()) assert.deepEqual(seq, [...Array(each).keys()]);
    await b.journal.close();
  });

  test('sequential awaited appends each get their own sync', async () => {
    const dir = tempDir();
    const { journal } = await openAndReplay(dir);
    for (let i = 0; i < 10; i++) await journal.append(1, payload(i));
    assert.equal(journal.stats.fsyncs, 10);
    assert.equal(journal.stats.batches, 10);
    await journal.close();
  });

  test('a failed sync rejects every waiting append and refuses all later ones', async () => {
    const dir = tempDir();
    const io = failingIo(3);
    const { journal } = await openAndReplay(dir, { io });
    await journal.append(1, payload(0)); // sync 1
    await journal.append(1, payload(1)); // sync 2
    // Batch A (sync 3, fails) is in flight while batch B collects; both must reject.
    const a = Array.from({ length: 5 }, (_, i) => journal.append(1, payload(10 + i)));
    await new Promise((r) => setImmediate(r)); // batch A has started
    const b = Array.from({ length: 5 }, (_, i) => journal.append(1, payload(20 + i)));
    const results = await Promise.allSettled([...a, ...b]);
    for (const r of results) {
      assert.equal(r.status, 'rejected');
      const e = (r as PromiseRejectedResult).reason as JournalError;
      assert.equal(e.code, JournalErrorCode.FAILED);
      assert.match(e.message, /EIO/);
    }
    assert.equal(io.syncs, 3, 'no retry after the failed sync');
    await assert.rejects(journal.append(1, payload(99)), (e: JournalError) => e.code === JournalErrorCode.FAILED);
    await assert.rejects(journal.snapshot(() => {}), (e: JournalError) => e.code === JournalErrorCode.FAILED);
    assert.ok(journal.failure !== null);
    await assert.rejects(journal.close(), (e: JournalError) => e.code === JournalErrorCode.FAILED);
    assert.equal(io.syncs, 3);

    // The acknowledged records survive; the failed ones may or may not (their outcome is unknown).
    const again = await openAndReplay(dir);
    assert.deepEqual(again.records.slice(0, 2).map(numberOf), [0, 1]);
    await again.journal.close();
  });

  test('a failed write (not only sync) also fails the journal', async () => {
    const dir = tempDir();
    const real = nodeIo();
    let writes = 0;
    const io: JournalIo = {
      sync: real.sync,
      async write(fd, data, pos) {
        if (++writes === 2) throw new Error('ENOSPC: injected');
        return real.write(fd, data, pos);
      },
    };
    const { journal } = await openAndReplay(dir, { io });
    await journal.append(1, payload(0));
    await assert.rejects(journal.append(1, payload(1)), /ENOSPC/);
    await assert.rejects(journal.append(1, payload(2)), /ENOSPC/);
    await assert.rejects(journal.close());
  });

  test('a failed sync while rotations are queued settles every append (none hangs)', { timeout: 10_000 }, async () => {
    const dir = tempDir();
    const io = failingIo(2);
    const { journal } = await openAndReplay(dir, { io, maxSegmentBytes: 1024 });
    await journal.append(1, payload(0)); // sync 1
    const pending: Promise<unknown>[] = [];
    for (let i = 1; i <= 5; i++) pending.push(journal.append(1, payload(i))); // fills segment 1: rotation to 2 queued
    for (let i = 6; i <= 8; i++) pending.push(journal.append(1, payload(i))); // segment 2, not yet created
    pending.push(journal.snapshot((sink) => sink.write(Buffer.from('state')))); // rotation 2 → 3 queued behind
    for (let i = 9; i <= 10; i++) pending.push(journal.append(1, payload(i))); // segment 3
    const results = await Promise.allSettled(pending); // segment 1's sync (sync 2) fails
    assert.deepEqual(results.map((r) => r.status), Array(pending.length).fill('rejected'));
    assert.equal(journal.segment, 3);
    await assert.rejects(journal.close(), (e: JournalError) => e.code === JournalErrorCode.FAILED);
    assert.equal(io.syncs, 2);
    const again = await openAndReplay(dir);
    assert.equal(numberOf(again.records[0]!), 0);
    assert.equal(again.snapshot, null);
    await again.journal.close();
  });
});
