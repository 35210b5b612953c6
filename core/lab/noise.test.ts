// Tests for the shared noise rule: significance against the combined 1.4826·MAD spread, verdict by direction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { metricOf } from '../../bench/lib/result.ts';
import { prng } from '../../bench/fixtures/prng.ts';
import { judge } from '../../bench/lib/noise.ts';
import { compareMetric, isSignificant, MAD_TO_SIGMA } from './noise.ts';

test('a difference inside the combined spread is noise, outside it is significant', () => {
  const base = metricOf([98, 100, 102], 'ns', 'lower'); // median 100, MAD 2
  const near = metricOf([103, 105, 107], 'ns', 'lower'); // median 105, MAD 2: |5| ≤ 1.4826·4 = 5.93
  const far = metricOf([105, 107, 109], 'ns', 'lower'); // median 107: |7| > 5.93
  assert.equal(isSignificant(base, near), false);
  assert.equal(isSignificant(base, far), true);
  const c = compareMetric(base, far);
  assert.equal(c.verdict, 'regression'); // lower is better and it went up
  assert.ok(Math.abs(c.threshold - MAD_TO_SIGMA * 4) < 1e-12);
  assert.ok(Math.abs(c.ratio - 1.07) < 1e-12);
  assert.ok(Math.abs(c.change - 0.07) < 1e-12);
  assert.equal(compareMetric(base, near).verdict, 'noise');
});

test('direction: higher-is-better metrics improve when they rise', () => {
  const base = metricOf([1000, 1010, 990], 'req/s', 'higher');
  const up = metricOf([1500, 1510, 1490], 'req/s', 'higher');
  assert.equal(compareMetric(base, up).verdict, 'improvement');
  assert.equal(compareMetric(up, base).verdict, 'regression');
});

test('few samples: one sample is unknown; two samples count only when the ranges do not overlap', () => {
  const one = metricOf([10], 'ms', 'lower');
  assert.equal(compareMetric(one, metricOf([20, 21, 22], 'ms', 'lower')).verdict, 'unknown');
  assert.equal(compareMetric(one, metricOf([20, 21, 22], 'ms', 'lower')).significant, false);
  const two = metricOf([10, 12], 'ms', 'lower');
  assert.equal(compareMetric(two, metricOf([11, 13], 'ms', 'lower')).verdict, 'noise'); // overlapping ranges
  assert.equal(compareMetric(two, metricOf([12.5, 13], 'ms', 'lower')).verdict, 'regression');
  assert.equal(compareMetric(two, metricOf([8, 9.9, 9], 'ms', 'lower')).verdict, 'improvement');
  assert.ok(Number.isNaN(compareMetric(metricOf([0, 0, 0], 'ms', 'lower'), two).ratio));
});

test('the dashboard and the CLI (bench/lib/noise.ts judge) give the same verdict on any pair', () => {
  const rng = prng(11);
  const cli = { better: 'improvement', worse: 'regression', noise: 'noise', '?': 'unknown' } as const;
  for (let i = 0; i < 2000; i++) {
    const better = rng.next() < 0.5 ? 'higher' : 'lower';
    const make = () => {
      const center = 100 * (1 + rng.next() * 0.2);
      const n = 1 + rng.int(6);
      return metricOf(Array.from({ length: n }, () => center * (1 + (rng.next() - 0.5) * 0.1)), 'ns', better);
    };
    const a = make();
    const b = make();
    assert.equal(compareMetric(a, b).verdict, cli[judge(a, b)], JSON.stringify({ a, b }));
  }
});
