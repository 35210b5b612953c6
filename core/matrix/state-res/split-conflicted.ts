// Splits input states into the unconflicted state map and the conflicted state set (spec: rooms/v2 §Definitions).
import type { StateKey, StateMap } from './types.ts';

export interface SplitState {
  /** Keys present in every input state with the same event. */
  readonly unconflicted: Map<StateKey, string>;
  /** Every other key, with the distinct events the states give it (a key missing from some state is conflicted). */
  readonly conflicted: Map<StateKey, string[]>;
}

/**
 * "If a given key K is present in every S_i with the same value V in each state map, then the pair (K, V)
 * belongs to the unconflicted state map. Otherwise, V belongs to the conflicted state set."
 */
export function splitConflicted(states: readonly StateMap[]): SplitState {
  const unconflicted = new Map<StateKey, string>();
  const conflicted = new Map<StateKey, string[]>();
  const k = states.length;
  if (k === 0) return { unconflicted, conflicted };
  const first = states[0]!;
  for (const [key, id] of first) {
    let same = true;
    for (let i = 1; i < k; i++) {
      if (states[i]!.get(key) !== id) {
        same = false;
        break;
      }
    }
    if (same) unconflicted.set(key, id);
    else conflicted.set(key, collect(states, key));
  }
  // Keys the first state lacks are conflicted by definition; collect each once.
  for (let i = 1; i < k; i++) {
    for (const key of states[i]!.keys()) {
      if (!first.has(key) && !conflicted.has(key)) conflicted.set(key, collect(states, key));
    }
  }
  return { unconflicted, conflicted };
}

/** The distinct event ids the states give a key, in input order. */
function collect(states: readonly StateMap[], key: StateKey): string[] {
  const out: string[] = [];
  for (const s of states) {
    const id = s.get(key);
    if (id !== undefined && !out.includes(id)) out.push(id);
  }
  return out;
}
