// Step 3 of the algorithm: order the other events by mainline ordering (spec: rooms/v2 §Definitions "Mainline ordering").
import type { EventGraph } from './event-graph.ts';
import { NodeMarks } from './node-marks.ts';
import { powerLevelsAuth } from './power-events.ts';
import { timestamp } from './power-order.ts';

const INFINITY = Number.MAX_SAFE_INTEGER;

/**
 * Sorts `events` by the mainline ordering based on the PL event `pl` (a node, or −1 when the partial state has
 * none: then every position is ∞).
 *
 * Mainline of P = P0: [P0, P1, …], P(i+1) being the PL event in P(i)'s auth_events. The mainline position of e
 * is the i of the first event of [e1, e2, …] (e(j+1) the PL auth event of e(j); e0 = e itself is not included)
 * that lies on the mainline, or ∞. Order: position descending (∞ first), then origin_server_ts, then event_id.
 *
 * Positions are memoised per PL event: every event in an ancestry walk takes the position the walk ends with,
 * so each PL event is visited once however many events cite it. Iterative, not recursive.
 */
export function mainlineSort(g: EventGraph, events: readonly number[], pl: number): number[] {
  if (events.length === 0) return [];
  // position + 1 of each PL event once known (mainline events first); 0 = not computed yet.
  const known = new NodeMarks(g.size);
  let depth = 0;
  for (let p = pl; p >= 0 && known.get(p) === 0; p = powerLevelsAuth(g, p)) known.set(p, ++depth);
  // Stored as depth = i + 1 for P(i); off-mainline PL events whose ancestry never meets it store INF_MARK.
  const INF_MARK = -1;
  const position = new Float64Array(events.length);
  const chain: number[] = [];
  for (let k = 0; k < events.length; k++) {
    chain.length = 0;
    let p = powerLevelsAuth(g, events[k]!);
    let found = INF_MARK;
    while (p >= 0) {
      const m = known.get(p);
      if (m !== 0) {
        found = m;
        break;
      }
      chain.push(p);
      known.set(p, INF_MARK); // provisional; also guards against a malformed PL cycle
      p = powerLevelsAuth(g, p);
    }
    for (const c of chain) known.set(c, found);
    position[k] = found === INF_MARK ? INFINITY : found - 1;
  }
  const ts = events.map((n) => timestamp(g, n));
  const ids = g.ids;
  const order = events.map((_, k) => k);
  order.sort((a, b) => {
    if (position[a] !== position[b]) return position[b]! - position[a]!; // greater position sorts first
    if (ts[a] !== ts[b]) return ts[a]! - ts[b]!;
    const ia = ids[events[a]!]!;
    const ib = ids[events[b]!]!;
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  });
  return order.map((k) => events[k]!);
}
