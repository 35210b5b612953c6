// Test support: the three ways ruma's snapshot tests resolve a list of PDU batches (by PDU, by batch, at once).
import type { Event } from '../../pdu.ts';
import { resolveState } from '../resolve.ts';
import { lexicographicalTopologicalSort } from '../topological-sort.ts';
import type { ResolveContext, StateKey, StateMap } from '../types.ts';
import { keyOf } from './fixture-events.ts';

type State = Map<StateKey, string>;

/** A state map holding one event. */
function single(e: Event): State {
  return new Map([[keyOf(e), e.eventId]]);
}

/** All PDUs at once, each in a state map of its own: every key is conflicted and the algorithm orders them all. */
export function resolveAtomically(ctx: ResolveContext, pdus: readonly Event[]): State {
  return resolveState(ctx, pdus.map(single));
}

/** Batch by batch: the previous batch's result plus one state map per PDU of the batch. */
export function resolveByBatch(ctx: ResolveContext, batches: readonly (readonly Event[])[]): State {
  let state: State | undefined;
  for (const batch of batches) {
    const maps: StateMap[] = state === undefined ? [] : [state];
    for (const e of batch) maps.push(single(e));
    state = resolveState(ctx, maps);
  }
  return state ?? new Map();
}

/**
 * PDU by PDU along prev_events, as a server would: the state before an event resolves its prev events' states;
 * the state at the event resolves [before, before + event], so an event the rules refuse stays out; the
 * result resolves the states at the leaves (events no other event cites as a prev event).
 */
export function resolveByPdu(ctx: ResolveContext, pdus: readonly Event[]): State {
  const index = new Map(pdus.map((e, i) => [e.eventId, i]));
  const prevs = pdus.map((e) => e.pdu.prev_events.map((id) => index.get(id)).filter((i) => i !== undefined));
  const order = lexicographicalTopologicalSort(pdus.length, (i) => prevs[i]!, (a, b) => a < b);
  const stateAt: State[] = [];
  const cited = new Set<number>();
  for (const i of order) {
    const e = pdus[i]!;
    const before = prevs[i]!.length === 0 ? new Map() : resolveState(ctx, prevs[i]!.map((p) => stateAt[p]!));
    for (const p of prevs[i]!) cited.add(p);
    const proposed = new Map(before).set(keyOf(e), e.eventId);
    stateAt[i] = resolveState(ctx, [before, proposed]);
  }
  const leaves = order.filter((i) => !cited.has(i)).map((i) => stateAt[i]!);
  return resolveState(ctx, leaves);
}
