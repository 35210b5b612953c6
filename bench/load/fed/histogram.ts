// HDR histograms of latencies in µs (hdr-histogram-js), read back as percentiles in ms.
import hdr from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';

export interface Percentiles {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
  readonly count: number;
}

/** 1 µs to 10 min, 3 significant digits. */
export function newHistogram(): Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3 });
}

export function recordMs(h: Histogram, ms: number): void {
  h.recordValue(Math.max(1, Math.round(ms * 1000)));
}

export function percentiles(h: Histogram): Percentiles {
  const at = (p: number) => (h.totalCount === 0 ? NaN : h.getValueAtPercentile(p) / 1000);
  return { p50: at(50), p90: at(90), p99: at(99), p999: at(99.9), max: h.totalCount === 0 ? NaN : h.maxValue / 1000, count: h.totalCount };
}
