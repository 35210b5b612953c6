// Micro-benchmark of state resolution: a generated room whose forks hold ~1,000 conflicted events, resolved
// with v2 (room v11) and v2.1 (room v12). The goal: < 100 ms for a 1,000-event conflicted set.
import { bench, do_not_optimize, group, summary } from 'mitata';
import { roomVersion } from '../../core/matrix/room-versions.ts';
import { resolveState } from '../../core/matrix/state-res/resolve.ts';
import { randomRoom } from '../../core/matrix/state-res/testing/random-room.ts';
import type { ResolveStats } from '../../core/matrix/state-res/types.ts';
import { note, runBenchmarks } from './cli.ts';

group('resolve ~1,000 conflicted events', () => {
  summary(() => {
    for (const version of ['11', '12']) {
      const rules = roomVersion(version)!;
      const { room, leaves } = randomRoom(rules, 0x5eed + Number(version));
      let stats: ResolveStats | undefined;
      const ctx = { ...room.store.context(rules), trace: (s: ResolveStats) => (stats = s) };
      resolveState(ctx, leaves);
      note(`room v${version}: ${room.store.events.size} events, ${leaves.length} states, ${stats?.conflicted} conflicted, ${stats?.fullConflicted} in the full conflicted set`);
      const quiet = { ...ctx, trace: undefined };
      bench(`v${version} (${rules.stateRes})`, () => do_not_optimize(resolveState(quiet, leaves))).gc('inner');
    }
  });
});

await runBenchmarks();
