// Tests for the compare view's model: series grouping and labels, rows per scenario·metric, noise verdicts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prng } from '../../bench/fixtures/prng.ts';
import { metricOf, type BenchResult } from '../../bench/lib/result.ts';
import { makeResult, sampleResults } from '../../core/lab/result-fixtures.ts';
import { buildComparison, pctOf } from './compare-model.ts';
import { buildHistory, metricNames } from './history-model.ts';

const { results } = sampleResults();
const latest = (scenario: string, experiment: string) =>
  results.filter((r) => r.scenario === scenario && r.experiment === experiment).sort((a, b) => b.started_at.localeCompare(a.started_at))[0]!;

test('runs of one configuration form a series across scenarios; rows compare each series with the baseline', () => {
  const picked = [latest('signer', 'baseline'), latest('canonical-json', 'baseline'), latest('signer', 'tweetnacl'), latest('canonical-json', 'naive'), latest('canonical-json', 'streaming-hash')];
  const m = buildComparison(picked, picked[0]!.id);
  assert.deepEqual(m.series.map((s) => s.label), ['baseline', 'tweetnacl', 'naive', 'streaming-hash']);
  assert.deepEqual(m.rows.map((r) => `${r.scenario}.${r.metric}`), ['signer.sign', 'signer.verify', 'canonical-json.encode', 'canonical-json.encode-large']);
  const sign = m.rows[0]!;
  assert.equal(sign.cells[0]!.cmp!.verdict, 'noise'); // the baseline against itself
  assert.equal(sign.cells[1]!.cmp!.verdict, 'regression'); // tweetnacl is ~20× slower
  assert.ok(sign.cells[1]!.cmp!.ratio > 10);
  assert.equal(sign.cells[2]!.metric, null); // naive has no signer run
  assert.equal(sign.cells[2]!.cmp, null);
  const encode = m.rows[2]!;
  assert.equal(encode.cells[2]!.cmp!.verdict, 'regression'); // naive: sort-then-stringify, slower
  assert.equal(encode.cells[1]!.metric, null);
});

test('revisions tell series apart when they differ; repeats of one configuration are numbered', () => {
  const old = results.find((r) => r.scenario === 'signer' && r.experiment === 'baseline')!;
  const now = latest('signer', 'baseline');
  assert.deepEqual(buildComparison([now, old], old.id).series.map((s) => s.label), ['baseline @3f9a1c2', 'baseline @b71d9e3']);
  const rng = prng(3);
  const spec = { scenario: 's', revision: 'r1', metrics: { m: { unit: 'ns', better: 'lower' as const, center: 100, noise: 0.01 } } };
  const a = makeResult({ ...spec, startedAt: '2025-01-01T00:00:00.000Z' }, rng);
  const b = makeResult({ ...spec, startedAt: '2025-01-02T00:00:00.000Z' }, rng);
  assert.deepEqual(buildComparison([b, a], a.id).series.map((s) => s.label), ['baseline #1', 'baseline #2']);
  assert.throws(() => buildComparison([a], 'missing'), /not among the selected runs/);
});

test('a unit mismatch is not compared; the chart value is the percent change of the median', () => {
  const r = (unit: string, samples: number[]): BenchResult => ({ ...latest('signer', 'baseline'), id: unit, metrics: { sign: metricOf(samples, unit, 'lower') } });
  const m = buildComparison([r('ns', [100, 101, 99]), { ...r('ms', [1, 1, 1]), experiment: 'x' }], 'ns');
  assert.equal(m.rows[0]!.cells[1]!.cmp, null);
  assert.ok(Math.abs(pctOf(110, 100) - 10) < 1e-9);
  assert.ok(Math.abs(pctOf(45, 50) + 10) < 1e-9);
});

test('history: one line per configuration over runs ordered by start time, nulls where another ran', () => {
  const signer = results.filter((r) => r.scenario === 'signer');
  assert.deepEqual(metricNames(signer), ['sign', 'verify']);
  const h = buildHistory([...signer].reverse(), 'verify')!;
  assert.equal(h.points.length, signer.length);
  const times = h.points.map((p) => Date.parse(p.run.started_at));
  assert.deepEqual(times, [...times].sort((a, b) => a - b));
  assert.deepEqual(h.series.map((s) => s.label), ['baseline', 'tweetnacl']);
  assert.deepEqual(h.series[1]!.values.map((v) => v !== null), h.points.map((p) => p.run.experiment === 'tweetnacl'));
  assert.equal(h.series[0]!.values[0], h.points[0]!.run.metrics.verify!.median);
  assert.deepEqual(h.series[0]!.ranges[0], [h.points[0]!.run.metrics.verify!.min, h.points[0]!.run.metrics.verify!.max]);
  assert.equal(h.unit, 'ns');
  assert.equal(buildHistory(signer, 'nope'), null);
});
