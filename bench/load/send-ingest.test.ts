// End to end: `npm run bench -- --quick --scenario send-ingest` against a Fluctlight child process writes one
// result in which every PDU sent was accepted, with the ratio to the raw verify rate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from '../lib/result.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..', '..');

test('a quick send-ingest run accepts every PDU and reports PDUs/s against the raw verify rate', async () => {
  const out = mkdtempSync(join(tmpdir(), 'fl-send-ingest-'));
  try {
    const argv = ['--import', 'tsx', 'bench/run.ts', '--quick', '--scenario', 'send-ingest', '--repeats', '1', '--no-pin', '--out', out];
    const env = { ...process.env, FL_BENCH_FED_MEMBERS: '30', FL_BENCH_FED_WARMUP_PDUS: '200', FL_BENCH_FED_VERIFY_MS: '200' };
    const { code, output } = await new Promise<{ code: number; output: string }>((done) => {
      execFile(process.execPath, argv, { cwd: ROOT, env, timeout: 180_000 }, (err, stdout, stderr) =>
        done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, output: stdout + stderr }));
    });
    assert.equal(code, 0, output);
    const files = readdirSync(out).filter((f) => f.endsWith('.json'));
    assert.equal(files.length, 1, output);
    const r = JSON.parse(readFileSync(join(out, files[0]!), 'utf8')) as BenchResult;
    assert.deepEqual([r.scenario, r.target, r.experiment, r.errors], ['send-ingest', 'fluctlight', 'baseline', 0]);
    assert.equal(r.params.members, 30);
    assert.equal((r.params.room_setup as { send_joins: number }).send_joins, 30 - 1 - 4);
    assert.ok(r.metrics.pdus_per_s!.median > 0);
    const ratio = r.metrics.ratio_vs_raw_verify!.median;
    assert.ok(ratio > 0 && Number.isFinite(ratio));
    assert.ok(r.latency_ms!.p50 > 0);
    assert.match(output, /send-ingest: \d+ PDUs\/s .* goal ≥ 0\.6/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
