// What a benchmark scenario is (micro or load), what it is given to run, and what it hands back.
// A load scenario is one file under bench/load/ exporting a Scenario, listed in bench/load/index.ts.
import type { GeneratorChoice, RunOptions } from './args.ts';
import type { EnvInfo } from './env-info.ts';
import type { Pinning } from './proc.ts';
import type { Progress } from './progress.ts';
import type { BenchResult } from './result.ts';
import type { LoadGenerator } from '../load/generators/generator.ts';

/**
 * What a target must offer for a scenario to run on it. Unmet → the target is skipped for that scenario,
 * with the reason printed (e.g. hot-reload on uws-hello, or /send ingestion before /send exists).
 *   lab-api: a Fluctlight with the lab API (slot swaps, experiments).
 *   route:   the target answers something other than 404/405 M_UNRECOGNIZED (or a bare 404) for the
 *            route; `:param` segments are filled with a dummy value for the probe.
 */
export type Need =
  | { readonly kind: 'lab-api' }
  | { readonly kind: 'route'; readonly method: string; readonly path: string };

/** Load parameters after defaults, --quick and explicit options are applied. */
export interface ScenarioParams {
  readonly quick: boolean;
  readonly repeats: number;
  readonly durationS: number;
  readonly warmupS: number;
  readonly connections: number;
}

/** A started target a load scenario measures. */
export interface Contender {
  /** 'fluctlight', 'uws-hello', 'synapse' or a URL origin. */
  readonly target: string;
  readonly experiment: string | null;
  /** "fluctlight@baseline", "uws-hello", … */
  readonly label: string;
  /** Federation origin, e.g. https://127.0.0.1:PORT. */
  readonly origin: string;
  /** Lab API origin (Fluctlight only). */
  readonly adminOrigin: string | null;
  /** The server process (for peak RSS and CPU time); null when we did not start it and cannot see it. */
  readonly pid: number | null;
  /** Cores the server is pinned to, or null. */
  readonly cpus: string | null;
  /** Slot → implementation now (Fluctlight; {} otherwise). */
  slots(): Promise<Record<string, string>>;
  /** Peak resident set of the server process so far (VmHWM), 0 when unknown. */
  peakRss(): number;
  stop(): Promise<void>;
}

export interface RunContext {
  readonly root: string;
  readonly options: RunOptions;
  readonly params: ScenarioParams;
  /** Run stamp shared by every result of this invocation (params.run). */
  readonly run: string;
  readonly env: EnvInfo;
  readonly pinning: Pinning;
  readonly generatorChoice: GeneratorChoice;
  /** The load generator (load scenarios). */
  readonly generator: LoadGenerator;
  /** Started targets that meet the scenario's needs (load scenarios; [] for micro). */
  readonly contenders: readonly Contender[];
  readonly progress: Progress;
}

export interface ScenarioOutcome {
  readonly results: readonly BenchResult[];
  /** Conditions that make the run fail (exit status 1), e.g. failed requests during hot reload. */
  readonly failures: readonly string[];
  /** Lines for the end-of-run summary (ratios, goals). */
  readonly summary: readonly string[];
}

export interface Scenario {
  readonly name: string;
  readonly kind: 'micro' | 'load';
  readonly description: string;
  readonly needs: readonly Need[];
  /** Targets when --target is not given. */
  readonly defaultTargets: readonly string[];
  readonly defaults: ScenarioParams;
  /** Defaults under --quick (explicit options still win). */
  readonly quickDefaults: ScenarioParams;
  /** Expected seconds, for the progress line. */
  estimateS(params: ScenarioParams, contenders: number): number;
  run(ctx: RunContext): Promise<ScenarioOutcome>;
}

/** Defaults ← quick defaults ← explicit options. */
export function resolveParams(s: Scenario, o: RunOptions): ScenarioParams {
  const base = o.quick ? s.quickDefaults : s.defaults;
  return {
    quick: o.quick,
    repeats: o.repeats ?? base.repeats,
    durationS: o.durationS ?? base.durationS,
    warmupS: o.warmupS ?? base.warmupS,
    connections: o.connections ?? base.connections,
  };
}
