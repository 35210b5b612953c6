// The noise rule shared by `npm run bench -- --compare` (bench/lib/noise.ts) and the lab dashboard: a difference
// counts only when it is larger than the combined spread of both runs, each spread being 1.4826·MAD (the MAD
// scaled to estimate one standard deviation of normally distributed samples). With fewer than three samples a
// MAD says too little: two samples each → the [min, max] ranges must not overlap; a single sample → unknown.
// Leaf module (type-only import), safe to bundle for the browser.
import type { Metric } from '../../bench/lib/result.ts';

/** MAD → standard deviation for normal data (1 / Φ⁻¹(3/4)). */
export const MAD_TO_SIGMA = 1.4826;
/** Fewer samples than this in either run: the ranges rule instead of the MAD rule. */
export const MIN_SAMPLES_FOR_MAD = 3;

export const Verdict = { IMPROVEMENT: 'improvement', REGRESSION: 'regression', NOISE: 'noise', UNKNOWN: 'unknown' } as const;
export type Verdict = (typeof Verdict)[keyof typeof Verdict];

export interface Comparison {
  /** other.median / base.median (NaN when the baseline median is 0). */
  readonly ratio: number;
  /** (other − base) / base as a fraction, e.g. −0.08 for 8 % less. */
  readonly change: number;
  /** 1.4826 · (MAD_base + MAD_other), in the metric's unit. */
  readonly threshold: number;
  readonly significant: boolean;
  readonly verdict: Verdict;
}

/** True when |other − base| (medians) exceeds the combined 1.4826·MAD spread of both runs. */
export function isSignificant(base: Metric, other: Metric): boolean {
  return Math.abs(other.median - base.median) > MAD_TO_SIGMA * (base.mad + other.mad);
}

/** Compares `other` against `base` (same metric, same unit); the verdict follows the metric's `better` direction. */
export function compareMetric(base: Metric, other: Metric): Comparison {
  const ratio = base.median === 0 ? NaN : other.median / base.median;
  const threshold = MAD_TO_SIGMA * (base.mad + other.mad);
  const na = base.samples.length;
  const nb = other.samples.length;
  const known = na >= 2 && nb >= 2;
  const significant = known && (na >= MIN_SAMPLES_FOR_MAD && nb >= MIN_SAMPLES_FOR_MAD
    ? isSignificant(base, other)
    : other.min > base.max || other.max < base.min);
  const up = other.median > base.median;
  const verdict = !known ? Verdict.UNKNOWN : !significant ? Verdict.NOISE : up === (other.better === 'higher') ? Verdict.IMPROVEMENT : Verdict.REGRESSION;
  return { ratio, change: ratio - 1, threshold, significant, verdict };
}
