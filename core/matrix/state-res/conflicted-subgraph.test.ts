// The v2.1 conflicted state subgraph (rooms/v12 §Definitions; MSC4297).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { conflictedSubgraph } from './conflicted-subgraph.ts';
import { bareGraph } from './testing/bare-graph.ts';

//             .- D < D2 -.
// A < B < C <-+          +-- F < G      (X < Y: Y cites X in its auth_events)
//             `- E < E2 -`
const GMSL = { A: [], B: ['A'], C: ['B'], D: ['C'], E: ['C'], D2: ['D'], E2: ['E'], F: ['D2', 'E2'], G: ['F'] };

describe('conflictedSubgraph (gomatrixserverlib TestCalculateFullAuthChainAndConflictedSubgraph)', () => {
  const { g, nodes, names } = bareGraph(GMSL);
  const sub = (ids: string[]): string[] => names(conflictedSubgraph(g, nodes(ids)));

  test('conflicted {B, D} → B, C, D', () => assert.deepEqual(sub(['B', 'D']), ['B', 'C', 'D']));
  test('conflicted {F, B} → both branches between them', () => {
    assert.deepEqual(sub(['F', 'B']), ['B', 'C', 'D', 'D2', 'E', 'E2', 'F']);
  });
  test('conflicted {C, A} → C, B, A (paths walked earlier are walked again)', () => {
    assert.deepEqual(sub(['C', 'A']), ['A', 'B', 'C']);
  });
});

describe('conflictedSubgraph edge cases', () => {
  const { g, nodes, names } = bareGraph({ ...{ A: [], B: ['A'], C: ['B'], X: ['A'], Y: ['X'] } });
  const sub = (ids: string[]): string[] => names(conflictedSubgraph(g, nodes(ids)));

  test('a conflicted event with no path to or from another conflicted event is not in the subgraph', () => {
    // C and Y share the ancestor A but neither reaches the other.
    assert.deepEqual(sub(['C', 'Y']), []);
  });
  test('paths do not run through non-conflicted ancestors below the lowest conflicted event', () => {
    assert.deepEqual(sub(['C', 'B', 'Y']), ['B', 'C']);
  });
  test('three conflicted events on one line: everything between them', () => {
    assert.deepEqual(sub(['C', 'A', 'Y']), ['A', 'B', 'C', 'X', 'Y']);
  });
  test('a 200,000-deep chain between two conflicted events', () => {
    const deep: Record<string, string[]> = { e0: [] };
    for (let i = 1; i < 200_000; i++) deep[`e${i}`] = [`e${i - 1}`];
    const b = bareGraph(deep);
    assert.equal(conflictedSubgraph(b.g, b.nodes(['e199999', 'e5'])).length, 199_995);
  });
});
