// A generated room with about a thousand conflicted events: resolution is deterministic under input permutations.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { describe, test } from 'node:test';
import { roomVersion } from '../room-versions.ts';
import { resolveState } from './resolve.ts';
import { triples } from './testing/fixture-events.ts';
import { prng, randomRoom } from './testing/random-room.ts';
import type { ResolveStats, StateKey, StateMap } from './types.ts';

/** A copy of a state map whose entries are inserted in a shuffled order. */
function shuffled(state: StateMap, rnd: () => number): Map<StateKey, string> {
  const entries = [...state];
  for (let i = entries.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  return new Map(entries);
}

function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

for (const version of ['11', '12']) {
  describe(`generated room, room v${version}`, () => {
    const rules = roomVersion(version)!;
    const { room, leaves } = randomRoom(rules, 0x5eed + Number(version));
    let stats: ResolveStats | undefined;
    const ctx = { ...room.store.context(rules), trace: (s: ResolveStats) => (stats = s) };

    test('about a thousand conflicted events; the same result for every order of states and entries', () => {
      const t0 = performance.now();
      const reference = resolveState(ctx, leaves);
      const cold = performance.now() - t0;
      assert.ok(stats !== undefined);
      assert.ok(stats.conflicted >= 1000, `only ${stats.conflicted} conflicted events`);
      // Sanity: the resolved state is not trivially one of the inputs, and it kept the room's foundations.
      for (const leaf of leaves) assert.notDeepEqual(triples(reference), triples(leaf));
      assert.equal(reference.get('m.room.create\u0000'), '$create');
      assert.ok(reference.has('m.room.power_levels\u0000') && reference.has('m.room.join_rules\u0000'));

      const want = triples(reference);
      const rnd = prng(42);
      const times: number[] = [];
      for (const order of permutations(leaves)) {
        const t = performance.now();
        const got = resolveState(ctx, order.map((s) => shuffled(s, rnd)));
        times.push(performance.now() - t);
        assert.deepEqual(triples(got), want);
      }
      times.sort((a, b) => a - b);
      console.log(
        `room v${version} (${stats.algorithm}): ${leaves.length} states, ${room.store.events.size} events, ` +
          `conflicted ${stats.conflicted}, auth difference ${stats.authDifference}, subgraph ${stats.conflictedSubgraph}, ` +
          `full conflicted ${stats.fullConflicted} (power ${stats.powerEvents}, other ${stats.otherEvents}); ` +
          `resolve: first ${cold.toFixed(1)} ms, then median ${times[times.length >> 1]!.toFixed(1)} ms / ` +
          `min ${times[0]!.toFixed(1)} ms over ${times.length} permuted runs`,
      );
    });
  });
}
