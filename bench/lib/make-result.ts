// Builds a complete BenchResult from what a scenario measured plus the environment, with a fresh id.
import type { EnvInfo } from './env-info.ts';
import type { BenchResult, Metric } from './result.ts';
import { resultId } from './result-file.ts';

export interface Measured {
  readonly scenario: string;
  readonly kind: 'micro' | 'load';
  readonly target: string;
  readonly experiment: string | null;
  readonly slots?: Readonly<Record<string, string>>;
  readonly startedAt: Date;
  readonly durationMs: number;
  readonly params: Readonly<Record<string, unknown>>;
  readonly metrics: Readonly<Record<string, Metric>>;
  readonly latencyMs?: BenchResult['latency_ms'];
  readonly errors: number;
  readonly errorSamples: readonly string[];
  readonly peakRssBytes: number;
  readonly notes?: string;
}

/** At most this many error messages are kept per result. */
export const MAX_ERROR_SAMPLES = 10;

export function makeResult(env: EnvInfo, m: Measured): BenchResult {
  return {
    id: resultId(m.startedAt, m.scenario, m.target, m.experiment),
    scenario: m.scenario,
    kind: m.kind,
    target: m.target,
    experiment: m.experiment,
    slots: m.slots ?? {},
    ...env,
    started_at: m.startedAt.toISOString(),
    duration_ms: Math.round(m.durationMs),
    params: m.params,
    metrics: m.metrics,
    ...(m.latencyMs ? { latency_ms: m.latencyMs } : {}),
    errors: m.errors,
    error_samples: [...new Set(m.errorSamples)].slice(0, MAX_ERROR_SAMPLES),
    peak_rss_bytes: Math.max(0, Math.round(m.peakRssBytes)),
    ...(m.notes ? { notes: m.notes } : {}),
  };
}
