// Auth chains and the auth difference (rooms/v2 §Definitions).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { authChain, authDifference } from './auth-chain.ts';
import { roomVersion } from '../room-versions.ts';
import { EventGraph } from './event-graph.ts';
import { splitConflicted } from './split-conflicted.ts';
import { bareGraph } from './testing/bare-graph.ts';
import { randomRoom } from './testing/random-room.ts';

//             .- D < D2 -.
// A < B < C <-+          +-- F < G      (X < Y: Y cites X in its auth_events)
//             `- E < E2 -`
const GMSL = { A: [], B: ['A'], C: ['B'], D: ['C'], E: ['C'], D2: ['D'], E2: ['E'], F: ['D2', 'E2'], G: ['F'] };

describe('authChain (gomatrixserverlib TestCalculateFullAuthChain)', () => {
  const { g, nodes, names } = bareGraph(GMSL);
  test('simple linear: C → A, B', () => assert.deepEqual(names(authChain(g, nodes(['C']))), ['A', 'B']));
  test('simple fork: F → A, B, C, D, D2, E, E2', () => {
    assert.deepEqual(names(authChain(g, nodes(['F']))), ['A', 'B', 'C', 'D', 'D2', 'E', 'E2']);
  });
  test('redundant starts: F, D, B → the same (a start is in it only if another start reaches it)', () => {
    assert.deepEqual(names(authChain(g, nodes(['F', 'D', 'B']))), ['A', 'B', 'C', 'D', 'D2', 'E', 'E2']);
  });
  test('G, F, C, A → everything below G (gomatrixserverlib "walks already walked paths")', () => {
    assert.deepEqual(names(authChain(g, nodes(['G', 'F', 'C', 'A']))), ['A', 'B', 'C', 'D', 'D2', 'E', 'E2', 'F']);
  });
  test('a 200,000-deep chain is walked without recursion', () => {
    const deep: Record<string, string[]> = { e0: [] };
    for (let i = 1; i < 200_000; i++) deep[`e${i}`] = [`e${i - 1}`];
    const b = bareGraph(deep);
    assert.equal(authChain(b.g, b.nodes(['e199999'])).length, 199_999);
  });
});

describe('authDifference', () => {
  // Synapse AuthChainDifferenceTestCase shapes (there: persisted vs unpersisted events; here all in memory).
  const chain = { A: [], B: ['A'], C: ['B'], D: ['C'], E: ['C', 'B'] };
  const { g, nodes, names } = bareGraph(chain);

  test('states {A, B} and {C}: chains {A} and {A, B} differ by B', () => {
    // The spec's auth chain of an event excludes the event itself, so C_1 = chain(A) ∪ chain(B) = {A} and
    // C_2 = chain(C) = {A, B}. (Synapse counts the state events themselves as part of the chains and gets {C};
    // C is in the conflicted set either way.)
    assert.deepEqual(names(authDifference(g, [nodes(['A', 'B']), nodes(['C'])])), ['B']);
  });
  test('states {A, B} and {C, D}: D reaches C, so the difference is {B, C}', () => {
    assert.deepEqual(names(authDifference(g, [nodes(['A', 'B']), nodes(['C', 'D'])])), ['B', 'C']);
  });
  test('states {A, B, E} and {C, D}: both chains hold A, B, C', () => {
    assert.deepEqual(names(authDifference(g, [nodes(['A', 'B', 'E']), nodes(['C', 'D'])])), []);
  });
  test('three states: an event reached by two of three is in the difference', () => {
    const gm = bareGraph(GMSL);
    // chains: D2 → {A,B,C,D}; E2 → {A,B,C,E}; C → {A,B}
    assert.deepEqual(gm.names(authDifference(gm.g, [gm.nodes(['D2']), gm.nodes(['E2']), gm.nodes(['C'])])), ['C', 'D', 'E']);
  });
  test('identical states have no difference', () => {
    assert.deepEqual(authDifference(g, [nodes(['D', 'E']), nodes(['E', 'D'])]), []);
  });
});

describe('authDifference with the common events walked once', () => {
  test('equals the plain definition on a generated room (4 states, ~1,000 conflicted events)', () => {
    for (const version of ['11', '12']) {
      const rules = roomVersion(version)!;
      const { room, leaves } = randomRoom(rules, 99, { members: 200, mods: 3, perBranch: 200 });
      const g = new EventGraph(room.store.context(rules));
      const { unconflicted, conflicted } = splitConflicted(leaves);
      const whole = leaves.map((s) => [...s.values()].map((id) => g.node(id)));
      const own = leaves.map((s) => [...conflicted.keys()].flatMap((k) => (s.has(k) ? [g.node(s.get(k)!)] : [])));
      const common = [...unconflicted.values()].map((id) => g.node(id));
      const plain = authDifference(g, whole).sort((a, b) => a - b);
      assert.ok(plain.length > 50, `difference too small to test anything (${plain.length})`);
      assert.deepEqual(authDifference(g, own, common).sort((a, b) => a - b), plain);
    }
  });
});
