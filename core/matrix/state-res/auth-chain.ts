// Auth chains and the auth difference (spec: rooms/v2 §Definitions "Auth chain", "Auth difference").
import type { EventGraph } from './event-graph.ts';
import { NodeMarks } from './node-marks.ts';

/**
 * The union of the auth chains of `starts`: every event reachable through one or more `auth_events` links.
 * A start event is included only if another start reaches it. Iterative (explicit stack): chains can be
 * thousands of events deep.
 */
export function authChain(g: EventGraph, starts: Iterable<number>): number[] {
  const seen = new NodeMarks(g.size);
  const out: number[] = [];
  const stack: number[] = [];
  for (const s of starts) pushAuth(g, s, seen, 1, stack);
  while (stack.length > 0) {
    const n = stack.pop()!;
    out.push(n);
    pushAuth(g, n, seen, 1, stack);
  }
  return out;
}

/** Pushes n's auth events not yet stamped with `stamp`, stamping them. */
function pushAuth(g: EventGraph, n: number, seen: NodeMarks, stamp: number, stack: number[]): void {
  const auth = g.auth(n);
  for (let i = 0; i < auth.length; i++) {
    const a = auth[i]!;
    if (seen.get(a) !== stamp) {
      seen.set(a, stamp);
      stack.push(a);
    }
  }
}

/**
 * The auth difference ∪Cᵢ − ∩Cᵢ, where Cᵢ is the full auth chain of state i (the union of the auth chains of
 * its events).
 *
 * `common` lists events present in every state (the unconflicted state map) and `states[i]` the other events of
 * state i. With U = the auth chains of `common` and Xᵢ = those of `states[i]`, Cᵢ = U ∪ Xᵢ, so the difference
 * is ∪Xᵢ − ∩Xᵢ − U. U is walked once and stamped; each Xᵢ walk stops at U (everything below a U event is in
 * U), stamping nodes with the state's number and counting the states that reach each node; the difference is
 * every node reached by some but not all states. Cost O(|U| + Σ|Xᵢ − U|) instead of O(k · |∪Cᵢ|): a large
 * shared history is walked once, not once per state. Passing whole states with `common` empty is also correct.
 */
export function authDifference(g: EventGraph, states: readonly (readonly number[])[], common: readonly number[] = []): number[] {
  const k = states.length;
  const seen = new NodeMarks(g.size);
  const count = new NodeMarks(g.size);
  const stack: number[] = [];
  // U: stamp −1 on the auth chains of the common events.
  for (let j = 0; j < common.length; j++) pushAuth(g, common[j]!, seen, -1, stack);
  while (stack.length > 0) pushAuth(g, stack.pop()!, seen, -1, stack);
  const reached: number[] = [];
  for (let i = 0; i < k; i++) {
    const stamp = i + 1;
    const events = states[i]!;
    for (let j = 0; j < events.length; j++) pushOutsideCommon(g, events[j]!, seen, stamp, stack);
    while (stack.length > 0) {
      const n = stack.pop()!;
      const c = count.get(n);
      if (c === 0) reached.push(n);
      count.set(n, c + 1);
      pushOutsideCommon(g, n, seen, stamp, stack);
    }
  }
  const out: number[] = [];
  for (const n of reached) if (count.get(n) < k) out.push(n);
  return out;
}

/** Like pushAuth, but leaves alone the nodes stamped −1 (in the common chains). */
function pushOutsideCommon(g: EventGraph, n: number, seen: NodeMarks, stamp: number, stack: number[]): void {
  const auth = g.auth(n);
  for (let i = 0; i < auth.length; i++) {
    const a = auth[i]!;
    const s = seen.get(a);
    if (s !== stamp && s !== -1) {
      seen.set(a, stamp);
      stack.push(a);
    }
  }
}
