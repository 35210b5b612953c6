// State resolution v2 (room versions 2–11) and v2.1 (room version 12) (spec: rooms/v2 and rooms/v12 §State resolution).
import { authDifference } from './auth-chain.ts';
import { conflictedSubgraph } from './conflicted-subgraph.ts';
import { EventGraph } from './event-graph.ts';
import { iterativeAuthChecks } from './iterative-auth.ts';
import { mainlineSort } from './mainline-order.ts';
import { NodeMarks } from './node-marks.ts';
import { sortPowerEvents } from './power-order.ts';
import { splitConflicted } from './split-conflicted.ts';
import { POWER_LEVELS_KEY } from './state-key.ts';
import type { ResolveContext, StateKey, StateMap } from './types.ts';

/**
 * Resolves a set of room states into one. Pure: the result depends only on the states (not their order or the
 * order of their entries), the events and the rejection flags the context gives. Returns a new map.
 *
 * v2.1 (room v12, MSC4297) differs from v2 in two places, marked below: the full conflicted set also holds the
 * conflicted state subgraph, and step 2 starts from an empty state map instead of the unconflicted state map.
 */
export function resolveState(ctx: ResolveContext, states: readonly StateMap[]): Map<StateKey, string> {
  const v21 = ctx.rules.stateRes === 'v2.1';
  const { unconflicted, conflicted } = splitConflicted(states);
  if (conflicted.size === 0) return unconflicted;

  const g = new EventGraph(ctx);
  const conflictedNodes: number[] = [];
  for (const ids of conflicted.values()) {
    for (const id of ids) {
      const n = g.node(id);
      // Events rejected against their auth chain must not appear in the process (spec §Rejected events).
      if (n >= 0 && !g.rejected(n)) conflictedNodes.push(n);
    }
  }
  // Auth difference: ∪Cᵢ − ∩Cᵢ over the full auth chains of the input states, with the chains of the
  // unconflicted events (common to every Cᵢ) walked once.
  const common: number[] = [];
  for (const id of unconflicted.values()) {
    const n = g.node(id);
    if (n >= 0) common.push(n);
  }
  const own = states.map((s) => {
    const out: number[] = [];
    for (const key of conflicted.keys()) {
      const id = s.get(key);
      const n = id === undefined ? -1 : g.node(id);
      if (n >= 0) out.push(n);
    }
    return out;
  });
  const difference = authDifference(g, own, common);
  // v2.1: the conflicted state subgraph.
  const subgraph = v21 ? conflictedSubgraph(g, conflictedNodes) : [];

  // Full conflicted set = conflicted state set ∪ auth difference (∪ conflicted state subgraph in v2.1), less the
  // events rejected against their auth chain.
  const inFull = new NodeMarks(g.size);
  const full: number[] = [];
  for (const part of [conflictedNodes, difference, subgraph]) {
    for (const n of part) {
      if (inFull.get(n) !== 0 || g.rejected(n)) continue;
      inFull.set(n, 1);
      full.push(n);
    }
  }

  // 1. Power events of the full conflicted set plus their auth ancestors in it, by reverse topological power order.
  const powerOrder = sortPowerEvents(g, ctx.rules, full, inFull);
  // 2. Iterative auth checks over them, from the unconflicted state map (v2) or from an empty map (v2.1).
  const partial = v21 ? new Map<StateKey, string>() : new Map(unconflicted);
  iterativeAuthChecks(g, ctx.rules, powerOrder, partial);
  // 3. The remaining events, by mainline ordering based on the PL event of the partially resolved state.
  const picked = new NodeMarks(g.size);
  for (const n of powerOrder) picked.set(n, 1);
  const rest = full.filter((n) => picked.get(n) === 0);
  const plId = partial.get(POWER_LEVELS_KEY);
  const others = mainlineSort(g, rest, plId === undefined ? -1 : g.node(plId));
  // 4. Iterative auth checks over them, on top of the partially resolved state.
  iterativeAuthChecks(g, ctx.rules, others, partial);
  // 5. The unconflicted state map overwrites whatever the replay put under the same keys.
  for (const [key, id] of unconflicted) partial.set(key, id);

  ctx.trace?.({
    algorithm: ctx.rules.stateRes,
    conflicted: conflictedNodes.length,
    authDifference: difference.length,
    conflictedSubgraph: subgraph.length,
    fullConflicted: full.length,
    powerEvents: powerOrder.length,
    otherEvents: others.length,
  });
  return partial;
}
