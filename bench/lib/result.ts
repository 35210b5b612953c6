// The one JSON shape every benchmark run writes to bench/results/<id>.json (micro and load alike).
// The dashboard, `npm run bench -- --compare` and GET /_lab/results all read this shape.

export interface Metric {
  /** e.g. 'req/s', 'ops/s', 'ns', 'ms', 'bytes', 'events/s'. */
  readonly unit: string;
  /** Which direction is an improvement. */
  readonly better: 'higher' | 'lower';
  /** One value per repeat (or per sample window); at least one. */
  readonly samples: readonly number[];
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** Median absolute deviation of the samples, the spread used for noise checks. */
  readonly mad: number;
}

export interface BenchResult {
  /** `<started_at compact>_<scenario>_<target>_<experiment>`; also the file name without `.json`. */
  readonly id: string;
  readonly scenario: string;
  readonly kind: 'micro' | 'load';
  /** 'fluctlight', 'synapse', 'uws-hello', … */
  readonly target: string;
  /** Experiment name for fluctlight targets; null otherwise. */
  readonly experiment: string | null;
  /** Slot → implementation during the run (fluctlight), {} otherwise. */
  readonly slots: Readonly<Record<string, string>>;
  readonly git_revision: string;
  readonly git_dirty: boolean;
  readonly node_version: string;
  readonly cpu_model: string;
  readonly cpu_count: number;
  /** ISO 8601. */
  readonly started_at: string;
  readonly duration_ms: number;
  /** Scenario parameters (connections, rate, room size, quick mode, …). */
  readonly params: Readonly<Record<string, unknown>>;
  /** Named metrics, e.g. { "throughput": {...}, "p99_latency": {...} }. The first is the headline. */
  readonly metrics: Readonly<Record<string, Metric>>;
  /** Latency percentiles in ms (load scenarios with an HDR histogram). */
  readonly latency_ms?: Readonly<{ p50: number; p90: number; p99: number; p999: number; max: number }>;
  readonly errors: number;
  /** A few error messages, for diagnosis. */
  readonly error_samples: readonly string[];
  readonly peak_rss_bytes: number;
  readonly notes?: string;
}

export function metricOf(samples: readonly number[], unit: string, better: 'higher' | 'lower'): Metric {
  if (samples.length === 0) throw new Error('metricOf: no samples');
  const s = [...samples].sort((a, b) => a - b);
  const med = (xs: number[]) => (xs.length % 2 ? xs[(xs.length - 1) / 2]! : (xs[xs.length / 2 - 1]! + xs[xs.length / 2]!) / 2);
  const median = med(s);
  const mad = med(s.map((x) => Math.abs(x - median)).sort((a, b) => a - b));
  return { unit, better, samples: [...samples], median, min: s[0]!, max: s[s.length - 1]!, mad };
}
