// Measurement script (not a test, not the bench suite): append throughput by writer count and sync call,
// and replay speed. The cases are interleaved and repeated; each line gives the median and the range.
// Usage: node --import tsx core/journal/measure.ts [seconds-per-case=2] [repeats=5] [replay-records=1000000]
import fs from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { SyncMethod } from './fs-io.ts';
import { Journal } from './journal.ts';

const seconds = Number(process.argv[2] ?? 2);
const repeats = Number(process.argv[3] ?? 5);
const replayRecords = Number(process.argv[4] ?? 1_000_000);
const RECORD_BYTES = 200;

async function fresh(sync: SyncMethod): Promise<{ journal: Journal; dir: string }> {
  const dir = fs.mkdtempSync(join(os.tmpdir(), 'fl-journal-measure-'));
  const journal = await Journal.open(dir, { sync });
  await journal.replay(() => {});
  return { journal, dir };
}

interface AppendRun {
  appendsPerSec: number;
  syncsPerSec: number;
  appendsPerSync: number;
}

async function appendRate(writers: number, sync: SyncMethod): Promise<AppendRun> {
  const { journal, dir } = await fresh(sync);
  const payload = Buffer.alloc(RECORD_BYTES, 0x61);
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (performance.now() < end) await journal.append(1, payload);
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const s = journal.stats;
  await journal.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { appendsPerSec: s.appends / elapsed, syncsPerSec: s.fsyncs / elapsed, appendsPerSync: s.appends / s.fsyncs };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (x: number): string => Math.round(x).toLocaleString('en');

async function replayRate(): Promise<void> {
  const { journal, dir } = await fresh('fdatasync');
  const payload = Buffer.alloc(RECORD_BYTES, 0x62);
  const t0 = performance.now();
  for (let done = 0; done < replayRecords; ) {
    const n = Math.min(10_000, replayRecords - done);
    const batch: Promise<void>[] = [];
    for (let i = 0; i < n; i++) batch.push(journal.append(1, payload));
    await Promise.all(batch);
    done += n;
  }
  const writeMs = performance.now() - t0;
  await journal.close();
  const size = fs.readdirSync(dir).reduce((a, n) => a + fs.statSync(join(dir, n)).size, 0);
  console.log(`wrote ${replayRecords.toLocaleString('en')} records (${(size / 1e6).toFixed(0)} MB) in ${writeMs.toFixed(0)} ms (10k per batch)`);
  for (let round = 0; round < 3; round++) {
    const j = await Journal.open(dir);
    let sum = 0;
    const t = performance.now();
    const r = await j.replay((type, p) => {
      sum += type + p.length;
    });
    const ms = performance.now() - t;
    if (r.records !== replayRecords || sum !== replayRecords * (1 + RECORD_BYTES)) throw new Error('replay mismatch');
    console.log(
      `replay ${r.records.toLocaleString('en')} records: ${ms.toFixed(0)} ms, ${Math.round((r.records / ms) * 1000).toLocaleString('en')} records/s, ` +
        `${((r.bytes / ms) / 1e3).toFixed(0)} MB/s (page cache warm)`,
    );
    await j.close();
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

console.log(`node ${process.version}, ${os.cpus().length} CPUs, ${os.tmpdir()}, ${seconds} s per case, ${repeats} repeats, ${RECORD_BYTES}-byte records`);
const cases = (['fdatasync', 'fsync'] as const).flatMap((sync) => [1, 16, 256].map((writers) => ({ sync, writers })));
const runs = cases.map((): AppendRun[] => []);
for (let r = 0; r < repeats; r++) {
  for (let i = 0; i < cases.length; i++) runs[i]!.push(await appendRate(cases[i]!.writers, cases[i]!.sync));
}
cases.forEach(({ sync, writers }, i) => {
  const a = runs[i]!.map((x) => x.appendsPerSec);
  console.log(
    `append ${sync.padEnd(9)} writers=${String(writers).padStart(3)}: median ${fmt(median(a))} appends/s ` +
      `(range ${fmt(Math.min(...a))}–${fmt(Math.max(...a))}), median ${fmt(median(runs[i]!.map((x) => x.syncsPerSec)))} syncs/s, ` +
      `${median(runs[i]!.map((x) => x.appendsPerSync)).toFixed(1)} appends/sync`,
  );
});
await replayRate();
