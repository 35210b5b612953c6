// --scenario names and groups (all, micro, load) → the scenarios to run, in registry order.
import { ArgsError } from './args.ts';
import type { Scenario } from './scenario.ts';

export const GROUPS = ['all', 'micro', 'load'] as const;

export function selectScenarios(all: readonly Scenario[], names: readonly string[]): Scenario[] {
  if (names.length === 0) return [...all];
  const chosen = new Set<Scenario>();
  for (const n of names) {
    const hit = n === 'all' ? all : n === 'micro' || n === 'load' ? all.filter((s) => s.kind === n) : all.filter((s) => s.name === n);
    if (hit.length === 0) {
      throw new ArgsError(`--scenario: no scenario "${n}" (scenarios: ${all.map((s) => s.name).join(', ')}; groups: ${GROUPS.join(', ')})`);
    }
    for (const s of hit) chosen.add(s);
  }
  return all.filter((s) => chosen.has(s));
}

/** Contenders a load scenario will start: fluctlight counts once per experiment. */
export function contenderCount(targets: readonly string[], experiments: readonly string[]): number {
  return targets.reduce((n, t) => n + (t === 'fluctlight' ? experiments.length : 1), 0);
}
