// The federation load scenarios (a generator process playing N remote homeservers; see fed/README.md), in the
// order they run; bench/load/index.ts appends them to the registry.
import type { Scenario } from '../lib/scenario.ts';
import { backfill10k } from './backfill-10k.ts';
import { joinStorm } from './join-storm.ts';
import { sendFixedRate } from './send-fixed-rate.ts';
import { sendIngest } from './send-ingest.ts';
import { sendJoin10k } from './send-join-10k.ts';

export const FED_SCENARIOS: readonly Scenario[] = [sendIngest, sendFixedRate, sendJoin10k, joinStorm, backfill10k];
