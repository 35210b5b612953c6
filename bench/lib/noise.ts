// The noise rule of `--compare`: is the difference between two runs' medians larger than their spread?
//
// spread = 1.4826·MAD (the MAD scaled to estimate a standard deviation for normal noise; robust to outliers).
//   both runs have ≥ 3 samples  → real when |median B − median A| > spread A + spread B
//                                  (core/lab/noise.ts, the rule the lab dashboard applies too)
//   else both have ≥ 2 samples  → real when the [min, max] ranges do not overlap (a MAD of 2 samples is
//                                  half their distance: too little to go on)
//   a run has a single sample   → unknown: one sample says nothing about noise
// The sum of the spreads (not their root-sum-square) is deliberately conservative: these machines are noisy
// and a false "better" is worse than a missed small gain.
import { isSignificant, MAD_TO_SIGMA } from '../../core/lab/noise.ts';
import type { Metric } from './result.ts';

export const MAD_TO_SD = MAD_TO_SIGMA;
export const MIN_SAMPLES_FOR_MAD = 3;

export const Verdict = { BETTER: 'better', WORSE: 'worse', NOISE: 'noise', UNKNOWN: '?' } as const;
export type Verdict = (typeof Verdict)[keyof typeof Verdict];

export function spread(m: Metric): number {
  return MAD_TO_SD * m.mad;
}

/** Whether B differs from A beyond noise, and in which direction (by the metric's `better`). */
export function judge(a: Metric, b: Metric): Verdict {
  const na = a.samples.length;
  const nb = b.samples.length;
  if (na < 2 || nb < 2) return Verdict.UNKNOWN;
  const real = na >= MIN_SAMPLES_FOR_MAD && nb >= MIN_SAMPLES_FOR_MAD
    ? isSignificant(a, b)
    : b.min > a.max || b.max < a.min;
  if (!real) return Verdict.NOISE;
  const up = b.median > a.median;
  return up === (b.better === 'higher') ? Verdict.BETTER : Verdict.WORSE;
}
