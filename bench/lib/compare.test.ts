// --compare: the noise rule, pairing results, resolving run arguments, and the printed table.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareSelections, resolveRun, type Selection } from './compare.ts';
import { judge, Verdict } from './noise.ts';
import { metricOf } from './result.ts';
import { writeResult } from './result-file.ts';
import { syntheticResult } from './synthetic.ts';
import { comparisonTable, formatValue } from './table.ts';

const up = (xs: number[]) => metricOf(xs, 'req/s', 'higher');
const down = (xs: number[]) => metricOf(xs, 'ms', 'lower');

describe('noise rule', () => {
  test('≥ 3 samples: real only beyond the sum of both spreads (1.4826·MAD each)', () => {
    const a = up([100, 102, 98]); // median 100, MAD 2 → spread 2.97
    assert.equal(judge(a, up([105, 107, 103])), Verdict.NOISE); // Δ 5 < 5.93
    assert.equal(judge(a, up([106, 108, 104])), Verdict.BETTER); // Δ 6 > 5.93
    assert.equal(judge(a, up([94, 96, 92])), Verdict.WORSE);
  });

  test('direction follows the metric: lower latency is better', () => {
    assert.equal(judge(down([10, 10, 10]), down([5, 5, 5])), Verdict.BETTER);
    assert.equal(judge(down([5, 5, 5]), down([10, 10, 10])), Verdict.WORSE);
  });

  test('identical samples with zero spread: any difference is real, none is noise', () => {
    assert.equal(judge(up([1, 1, 1]), up([1, 1, 1])), Verdict.NOISE);
    assert.equal(judge(up([1, 1, 1]), up([1.01, 1.01, 1.01])), Verdict.BETTER);
  });

  test('2 samples: non-overlapping min–max ranges', () => {
    assert.equal(judge(up([100, 110]), up([105, 120])), Verdict.NOISE);
    assert.equal(judge(up([100, 110]), up([111, 120])), Verdict.BETTER);
    assert.equal(judge(up([100, 110, 105]), up([90, 99])), Verdict.WORSE);
  });

  test('a single sample: unknown', () => {
    assert.equal(judge(up([100]), up([1000, 1001, 1002])), Verdict.UNKNOWN);
  });
});

const sel = (label: string, as: Selection['as'], ...results: ReturnType<typeof syntheticResult>[]): Selection => ({ label, as, results });

describe('pairing', () => {
  test('two single results pair directly; shared metrics only', () => {
    const a = syntheticResult({ rps: [1000, 1000, 1000] });
    const b = syntheticResult({ experiment: 'naive', rps: [800, 800, 800] });
    const c = compareSelections(sel('A', 'id', a), sel('B', 'id', b));
    assert.deepEqual(c.rows.map((r) => [r.metric, r.ratio, r.verdict]), [['throughput', 0.8, 'worse'], ['p99_latency', 1, 'noise']]);
    assert.equal(c.rows[0]!.subject, 'fluctlight@baseline → fluctlight@naive');
  });

  test('runs pair by scenario, target and experiment; leftovers are listed', () => {
    const a1 = syntheticResult({ run: 'r1' });
    const a2 = syntheticResult({ run: 'r1', scenario: 'hot-reload' });
    const b1 = syntheticResult({ run: 'r2' });
    const b2 = syntheticResult({ run: 'r2', target: 'uws-hello', experiment: null });
    const c = compareSelections(sel('r1', 'run', a1, a2), sel('r2', 'run', b1, b2));
    assert.deepEqual([...new Set(c.rows.map((r) => r.scenario))], ['key-get']);
    assert.equal(c.unmatched.length, 2);
  });

  test('experiments pair across experiment names', () => {
    const a = syntheticResult({ experiment: 'baseline' });
    const b = syntheticResult({ experiment: 'naive' });
    const c = compareSelections(sel('baseline', 'experiment', a, syntheticResult({ scenario: 's2' })), sel('naive', 'experiment', b));
    assert.equal(c.rows.length, 2);
  });
});

describe('resolveRun', () => {
  test('file, id, run stamp, experiment (newest per scenario and target)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-compare-test-'));
    try {
      const old = syntheticResult({ run: 'R1', startedAt: new Date('2026-01-01T00:00:00Z'), rps: [1, 1, 1] });
      const mid = syntheticResult({ run: 'R2', startedAt: new Date('2026-01-02T00:00:00Z'), rps: [2, 2, 2] });
      const hello = syntheticResult({ run: 'R2', startedAt: new Date('2026-01-02T00:00:00Z'), target: 'uws-hello', experiment: null });
      const path = writeResult(dir, old);
      writeResult(dir, mid);
      writeResult(dir, hello);
      assert.deepEqual(resolveRun(path, dir).results.map((r) => r.id), [old.id]);
      assert.equal(resolveRun(mid.id, dir).as, 'id');
      assert.deepEqual(resolveRun('R2', dir).results.map((r) => r.id).sort(), [mid.id, hello.id].sort());
      assert.deepEqual(resolveRun('20260102T000000Z', dir).results.map((r) => r.id).sort(), [mid.id, hello.id].sort(), 'id time prefix');
      const e = resolveRun('baseline', dir);
      assert.equal(e.as, 'experiment');
      assert.deepEqual(e.results.map((r) => r.metrics.throughput!.median), [2]);
      assert.throws(() => resolveRun('nothing-like-this', dir), /not a result file, result id, run stamp or experiment/);
      assert.throws(() => resolveRun(join(dir, 'missing.json'), dir), /no such result file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('table', () => {
  test('one block per scenario with medians, ratio, spreads, sample counts and verdicts', () => {
    const a = syntheticResult({ rps: [1000, 1010, 990], p99: [2, 2, 2] });
    const b = syntheticResult({ experiment: 'naive', rps: [1200, 1190, 1210], p99: [2.1, 2, 1.9] });
    const text = comparisonTable(compareSelections(sel('base', 'id', a), sel('new', 'id', b)), 'base', 'new');
    const lines = text.split('\n');
    assert.equal(lines[0], 'key-get — fluctlight@baseline → fluctlight@naive');
    assert.match(lines[1]!, /^metric\s+A: base\s+B: new\s+B\/A\s+spread A\s+spread B\s+n A\/B\s+verdict$/);
    const row = lines.find((l) => l.startsWith('throughput'))!;
    assert.match(row, /1,000 req\/s\s+1,200 req\/s\s+×1\.200\s+±14\.83 req\/s\s+±14\.83 req\/s\s+3\/3\s+better$/);
    assert.match(lines.find((l) => l.startsWith('p99_latency'))!, /noise$/);
  });

  test('nothing shared says so', () => {
    assert.match(comparisonTable({ rows: [], unmatched: [] }, 'a', 'b'), /nothing to compare/);
  });

  test('values are scaled to readable units', () => {
    assert.equal(formatValue(1530, 'ns'), '1.53 µs');
    assert.equal(formatValue(2.5e6, 'ns'), '2.50 ms');
    assert.equal(formatValue(94321.4, 'req/s'), '94,321 req/s');
    assert.equal(formatValue(0.8123, 'ratio'), '0.812');
    assert.equal(formatValue(0, 'requests'), '0 requests');
  });
});
