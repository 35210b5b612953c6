// The load scenarios, in the order they run. Add a scenario: write bench/load/<name>.ts exporting a Scenario
// (bench/lib/scenario.ts) and list it here; declare what it needs from a target (`needs`) so targets
// lacking it are skipped with a reason. bench/load/README.md lists them.
import type { Scenario } from '../lib/scenario.ts';
import { hotReload } from './hot-reload.ts';
import { keyGet } from './key-get.ts';
import { FED_SCENARIOS } from './fed-scenarios.ts';

export const LOAD_SCENARIOS: readonly Scenario[] = [keyGet, hotReload, ...FED_SCENARIOS];
