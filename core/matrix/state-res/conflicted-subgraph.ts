// The conflicted state subgraph of state resolution v2.1 (spec: rooms/v12 §Definitions; MSC4297 modification 2).
import type { EventGraph } from './event-graph.ts';
import { NodeMarks } from './node-marks.ts';

const IN_SET = 1; // the event is in the conflicted state set
const BELOW = 2; // reachable from a conflicted event through ≥ 1 auth_events link
const ABOVE = 4; // reaches a conflicted event through ≥ 1 auth_events link

/**
 * "Starting from an event in the conflicted state set and following auth_events edges may lead to another
 * event in the conflicted state set. The union of all such paths between any pair of events in the conflicted
 * state set (including endpoints) forms … the conflicted state subgraph."
 *
 * No path enumeration: v lies on such a path iff a conflicted event reaches v (≥ 0 links) and v reaches a
 * conflicted event (≥ 0 links), with at least one link in all (the auth graph is acyclic, so the two endpoints
 * then differ). Two passes compute it:
 *  1. backward: walk auth_events from the conflicted events, marking BELOW everything reached (≥ 1 link);
 *  2. forward: over the region walked, reverse the edges and walk them from the conflicted events, marking
 *     ABOVE everything reached (≥ 1 link). Nodes outside the region cannot be BELOW, so they never qualify.
 * Then v qualifies iff (IN_SET or BELOW) and (IN_SET or ABOVE) and (BELOW or ABOVE): a conflicted event with
 * no path to or from another conflicted event is not part of the subgraph. Cost O(region nodes + edges).
 */
export function conflictedSubgraph(g: EventGraph, conflicted: readonly number[]): number[] {
  const mark = new NodeMarks(g.size);
  const region: number[] = [];
  for (const c of conflicted) {
    if (mark.get(c) === 0) region.push(c);
    mark.set(c, mark.get(c) | IN_SET);
  }
  // 1. Backward pass: BELOW = strict auth ancestors of the conflicted set.
  const stack: number[] = [];
  for (const c of conflicted) stack.push(c);
  while (stack.length > 0) {
    const auth = g.auth(stack.pop()!);
    for (let i = 0; i < auth.length; i++) {
      const a = auth[i]!;
      const m = mark.get(a);
      if ((m & BELOW) !== 0) continue;
      if (m === 0) region.push(a);
      mark.set(a, m | BELOW);
      stack.push(a);
    }
  }
  // 2. Forward pass over the region: reverse edges, then walk them from the conflicted set.
  const slot = new NodeMarks(g.size); // node → index in `region` + 1
  for (let i = 0; i < region.length; i++) slot.set(region[i]!, i + 1);
  const referencedBy: number[][] = region.map(() => []);
  for (const n of region) {
    const auth = g.auth(n);
    for (let i = 0; i < auth.length; i++) {
      const s = slot.get(auth[i]!);
      if (s !== 0) referencedBy[s - 1]!.push(n);
    }
  }
  for (const c of conflicted) stack.push(c);
  while (stack.length > 0) {
    const up = referencedBy[slot.get(stack.pop()!) - 1]!;
    for (let i = 0; i < up.length; i++) {
      const d = up[i]!;
      const m = mark.get(d);
      if ((m & ABOVE) !== 0) continue;
      mark.set(d, m | ABOVE);
      stack.push(d);
    }
  }
  const out: number[] = [];
  for (const n of region) {
    const m = mark.get(n);
    const inSet = (m & IN_SET) !== 0;
    const below = (m & BELOW) !== 0;
    const above = (m & ABOVE) !== 0;
    if ((inSet || below) && (inSet || above) && (below || above)) out.push(n);
  }
  return out;
}
