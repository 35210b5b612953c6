// Micro-benchmark of the journal: durable appends of 200-byte records (write + fdatasync), one writer at a time
// and 16 / 64 concurrent writers sharing group commits. Times are per batch of appends, each awaited until durable.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bench, do_not_optimize, group, summary } from 'mitata';
import { Journal } from '../../core/journal/index.ts';
import { prng } from '../fixtures/prng.ts';
import { note, runBenchmarks } from './cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'fl-journal-bench-'));
const journal = await Journal.open(dir);
await journal.replay({ onRecord: () => {} });
const record = prng(7).bytes(200);

group('durable appends of 200-byte records (per batch)', () => {
  summary(() => {
    for (const writers of [1, 16, 64]) {
      bench(`${writers} concurrent writer${writers > 1 ? 's' : ''}`, async () => {
        const pending: Promise<void>[] = [];
        for (let i = 0; i < writers; i++) pending.push(journal.append(1, record));
        do_not_optimize(await Promise.all(pending));
      });
    }
  });
});

await runBenchmarks();
const s = journal.stats;
note(`journal: ${s.appends} appends in ${s.fsyncs} fsyncs (largest batch ${s.maxBatchAppends})`);
await journal.close();
rmSync(dir, { recursive: true, force: true });
