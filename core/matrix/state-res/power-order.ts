// Step 1 of the algorithm: select the power events with their auth ancestry and sort them (spec: rooms/v2 §Algorithm).
import type { RoomVersionRules } from '../room-versions.ts';
import type { EventGraph } from './event-graph.ts';
import { NodeMarks } from './node-marks.ts';
import { isPowerEvent, senderPowerLevel } from './power-events.ts';
import { lexicographicalTopologicalSort } from './topological-sort.ts';

/**
 * "Select the set X of all power events that appear in the full conflicted set. For each such power event P,
 * enlarge X by adding the events in the auth chain of P which also belong to the full conflicted set. Sort X
 * into a list using the reverse topological power ordering."
 *
 * The auth chain of P is walked through events of the full conflicted set only, as Synapse
 * (`_add_event_and_auth_chain_to_graph`) and ruma (`add_event_and_auth_chain_to_graph`) do; the Kahn graph's
 * edges are the auth_events links between members of X. `inFull` marks the full conflicted set (non-zero).
 */
export function sortPowerEvents(
  g: EventGraph,
  rules: RoomVersionRules,
  full: readonly number[],
  inFull: NodeMarks,
): number[] {
  const slot = new NodeMarks(g.size); // node → index in `x` + 1
  const x: number[] = [];
  const stack: number[] = [];
  for (const n of full) {
    if (slot.get(n) !== 0 || !isPowerEvent(g.event(n))) continue;
    slot.set(n, x.push(n));
    stack.push(n);
    while (stack.length > 0) {
      const auth = g.auth(stack.pop()!);
      for (let i = 0; i < auth.length; i++) {
        const a = auth[i]!;
        if (inFull.get(a) === 0 || slot.get(a) !== 0) continue;
        slot.set(a, x.push(a));
        stack.push(a);
      }
    }
  }
  return reverseTopologicalPowerOrder(g, rules, x, slot);
}

/**
 * "The reverse topological power ordering of a set of events is the lexicographically smallest topological
 * ordering based on the DAG formed by auth events … x < y if 1. x's sender has greater power level than y's
 * sender, when looking at their respective auth_events; or 2. … x's origin_server_ts is less …; or 3. … x's
 * event_id is less than y's event_id." `slot` maps each node of `x` to its index + 1 (0 elsewhere).
 */
export function reverseTopologicalPowerOrder(
  g: EventGraph,
  rules: RoomVersionRules,
  x: readonly number[],
  slot: NodeMarks,
): number[] {
  const count = x.length;
  const power = new Float64Array(count);
  const ts = new Float64Array(count);
  const edges: number[][] = [];
  for (let i = 0; i < count; i++) {
    const n = x[i]!;
    power[i] = senderPowerLevel(g, rules, n);
    ts[i] = timestamp(g, n);
    const out: number[] = [];
    const auth = g.auth(n);
    for (let j = 0; j < auth.length; j++) {
      const s = slot.get(auth[j]!);
      if (s !== 0) out.push(s - 1);
    }
    edges.push(out);
  }
  const ids = g.ids;
  const less = (a: number, b: number): boolean =>
    power[a] !== power[b]
      ? power[a]! > power[b]!
      : ts[a] !== ts[b]
        ? ts[a]! < ts[b]!
        : ids[x[a]!]! < ids[x[b]!]!;
  return lexicographicalTopologicalSort(count, (i) => edges[i]!, less).map((i) => x[i]!);
}

/** origin_server_ts as a number (0 if the PDU lacks a usable one). */
export function timestamp(g: EventGraph, n: number): number {
  const t = g.event(n).pdu.origin_server_ts;
  return typeof t === 'number' && Number.isFinite(t) ? t : 0;
}
