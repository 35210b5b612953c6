// Result files: ids, the shape check, writing without overwriting, reading a results folder back.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compactTime, freeId, idPart, readResults, resultId, resultProblems, ResultError, writeResult } from './result-file.ts';
import { syntheticResult } from './synthetic.ts';

const scratch = () => mkdtempSync(join(tmpdir(), 'bench-results-test-'));

describe('ids', () => {
  test('compact time, then scenario, target and experiment', () => {
    const at = new Date('2026-11-26T15:24:50.678Z');
    assert.equal(compactTime(at), '20261126T152450Z');
    assert.equal(resultId(at, 'key-get', 'uws-hello', null), '20261126T152450Z_key-get_uws-hello_none');
    assert.equal(resultId(at, 'hot-reload', 'fluctlight', 'streaming-hash'), '20261126T152450Z_hot-reload_fluctlight_streaming-hash');
  });

  test('URL targets and odd names become file-name safe', () => {
    assert.equal(idPart('https://Matrix.Example.org:8448'), 'https-matrix.example.org-8448');
    assert.equal(idPart('a b/c'), 'a-b-c');
    assert.match(resultId(new Date(0), 'x', 'http://[::1]:80', 'e'), /^[A-Za-z0-9._-]+$/);
  });

  test('makeResult fills every field and the id matches', () => {
    const r = syntheticResult();
    assert.deepEqual(resultProblems(r), []);
    assert.equal(r.id, '20260101T000000Z_key-get_fluctlight_baseline');
    assert.equal(r.duration_ms, 1234);
    assert.equal(r.started_at, '2026-01-01T00:00:00.000Z');
  });
});

describe('resultProblems', () => {
  test('names every missing or malformed field', () => {
    const r = { ...syntheticResult() } as Record<string, unknown>;
    delete r.git_revision;
    r.kind = 'macro';
    r.errors = -1;
    r.metrics = { throughput: { unit: 'req/s', better: 'up', samples: [], median: 1, min: 2, max: 0, mad: 0 } };
    const p = resultProblems(r);
    for (const want of ['git_revision', 'kind', 'errors', 'metrics.throughput.better', 'metrics.throughput.samples']) {
      assert.ok(p.some((x) => x.startsWith(want)), `expected a problem about ${want}, got ${p.join(' | ')}`);
    }
  });

  test('min ≤ median ≤ max must hold', () => {
    const r = syntheticResult();
    const bad = { ...r, metrics: { t: { ...r.metrics.throughput!, median: 5000 } } };
    assert.match(resultProblems(bad).join(), /min ≤ median ≤ max/);
  });

  test('a result needs at least one metric, and latency needs every percentile', () => {
    assert.match(resultProblems({ ...syntheticResult(), metrics: {} }).join(), /at least one metric/);
    assert.match(resultProblems({ ...syntheticResult(), latency_ms: { p50: 1 } }).join(), /latency_ms/);
  });
});

describe('writing and reading', () => {
  test('writes <id>.json that reads back equal, and refuses to overwrite', () => {
    const dir = scratch();
    try {
      const r = syntheticResult();
      const path = writeResult(dir, r);
      assert.equal(path, join(dir, `${r.id}.json`));
      assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), r);
      assert.throws(() => writeResult(dir, r), /EEXIST/);
      assert.equal(freeId(dir, r.id), `${r.id}-2`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an invalid result is not written', () => {
    const dir = scratch();
    try {
      assert.throws(() => writeResult(dir, { ...syntheticResult(), cpu_count: 0 }), ResultError);
      assert.deepEqual(readResults(dir), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('readResults takes the folder and reference/, oldest first, skipping non-results', () => {
    const dir = scratch();
    try {
      const late = syntheticResult({ startedAt: new Date('2026-03-01T00:00:00Z') });
      const early = syntheticResult({ startedAt: new Date('2026-02-01T00:00:00Z'), experiment: 'naive' });
      writeResult(dir, late);
      mkdirSync(join(dir, 'reference'));
      writeResult(join(dir, 'reference'), early);
      writeFileSync(join(dir, 'junk.json'), '{"not":"a result"}');
      writeFileSync(join(dir, 'broken.json'), '{');
      assert.deepEqual(readResults(dir).map((r) => r.id), [early.id, late.id]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
