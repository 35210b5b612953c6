// Lexicographically smallest topological order of a DAG by Kahn's algorithm (spec: rooms/v2 §Definitions).
import { MinHeap } from './min-heap.ts';

/**
 * Sorts items 0 … count−1 so that every item comes after the items it points at (`edges(i)`: for us, its auth
 * events), choosing at each step the smallest ready item by `less`. This is the spec's "lexicographically
 * smallest topological ordering … found by sorting the events using Kahn's algorithm … selecting, among all the
 * candidate vertices, the smallest vertex". Edges pointing outside 0 … count−1 must be filtered out by the
 * caller; duplicate edges are not allowed. Items on a cycle (impossible for auth events) are left out.
 */
export function lexicographicalTopologicalSort(
  count: number,
  edges: (i: number) => readonly number[],
  less: (a: number, b: number) => boolean,
): number[] {
  const pending = new Int32Array(count); // edges not yet satisfied
  const referencedByStart = new Int32Array(count + 1); // CSR of the reversed edges
  for (let i = 0; i < count; i++) {
    const out = edges(i);
    pending[i] = out.length;
    for (let j = 0; j < out.length; j++) referencedByStart[out[j]! + 1]!++;
  }
  for (let i = 0; i < count; i++) referencedByStart[i + 1]! += referencedByStart[i]!;
  const fill = referencedByStart.slice(0, count);
  const referencedBy = new Int32Array(referencedByStart[count]!);
  for (let i = 0; i < count; i++) {
    const out = edges(i);
    for (let j = 0; j < out.length; j++) referencedBy[fill[out[j]!]!++] = i;
  }
  const ready = new MinHeap(less);
  for (let i = 0; i < count; i++) if (pending[i] === 0) ready.push(i);
  const order: number[] = [];
  while (ready.size > 0) {
    const i = ready.pop();
    order.push(i);
    for (let k = referencedByStart[i]!; k < referencedByStart[i + 1]!; k++) {
      const parent = referencedBy[k]!;
      if (--pending[parent]! === 0) ready.push(parent);
    }
  }
  return order;
}
