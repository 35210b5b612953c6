// ruma's state-resolution snapshot scenarios (transcribed under fixtures/ruma/), resolved by our resolveState.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { EventStore, rulesOfCreate, triples, type FixtureEvent } from './testing/fixture-events.ts';
import { resolveAtomically, resolveByBatch, resolveByPdu } from './testing/ruma-harness.ts';
import { conflictedSubgraph } from './conflicted-subgraph.ts';
import { EventGraph } from './event-graph.ts';
import { resolveState } from './resolve.ts';
import { roomVersion } from '../room-versions.ts';
import type { ResolveStats } from './types.ts';

interface Scenario {
  name: string;
  description: string;
  kind: 'batches' | 'state-maps';
  pdus: string[];
  states?: string[];
  expected: [string, string, string][];
}

const dir = new URL('./fixtures/ruma/', import.meta.url);
const load = <T>(file: string): T => JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as T;
const scenarios = load<Scenario[]>('scenarios.json');

describe('ruma resolve snapshots', () => {
  for (const s of scenarios) {
    test(`${s.name}: ${s.description}`, () => {
      const store = new EventStore();
      const batches = s.pdus.map((f) => store.addFixtures(load<FixtureEvent[]>(f)));
      const rules = rulesOfCreate(batches[0]![0]!);
      const ctx = store.context(rules);
      if (s.kind === 'state-maps') {
        const states = s.states!.map((f) => store.stateOf(load<string[]>(f)));
        assert.deepEqual(triples(resolveState(ctx, states)), s.expected);
        assert.deepEqual(triples(resolveState(ctx, [...states].reverse())), s.expected, 'input order must not matter');
        return;
      }
      const all = batches.flat();
      assert.deepEqual(triples(resolveByPdu(ctx, all)), s.expected, 'PDU by PDU');
      assert.deepEqual(triples(resolveByBatch(ctx, batches)), s.expected, 'batch by batch');
      assert.deepEqual(triples(resolveAtomically(ctx, all)), s.expected, 'all at once');
    });
  }
});

describe('MSC4297 problem B: what v2.1 adds', () => {
  const store = new EventStore();
  store.addFixtures(load<FixtureEvent[]>('msc4297-B.pdus-v12.json'));
  const states = ['msc4297-B.state-eve.json', 'msc4297-B.state-zara.json'].map((f) => store.stateOf(load<string[]>(f)));

  test('the conflicted subgraph reaches from eve/zara down to the old PL, through bob\'s promotion', () => {
    const g = new EventGraph(store.context(roomVersion('12')!));
    const conflicted = ['$00-m-room-power_levels', '$02-m-room-power_levels', '$00-m-room-member-join-zara',
      '$01-m-room-member-change-display-name-eve'].map((id) => g.node(id));
    const got = conflictedSubgraph(g, conflicted).map((n) => g.ids[n]!).sort();
    assert.deepEqual(got, [
      '$00-m-room-join_rules', // eve's rename and zara's join cite it; it cites PL $00
      '$00-m-room-member-join-bob', // PL $02 cites it; it cites PL $00
      '$00-m-room-member-join-eve', // eve's rename cites it; it cites PL $02
      '$00-m-room-member-join-zara',
      '$00-m-room-power_levels',
      '$01-m-room-member-change-display-name-eve',
      '$01-m-room-power_levels', // bob's promotion: the event v2 misses
      '$02-m-room-power_levels',
    ]);
  });

  test('trace: v2.1 replays the subgraph; the same inputs under v2 replay no subgraph', () => {
    const seen: ResolveStats[] = [];
    const trace = (s: ResolveStats): void => void seen.push(s);
    resolveState({ ...store.context(roomVersion('12')!), trace }, states);
    const v11 = new EventStore();
    v11.addFixtures(load<FixtureEvent[]>('msc4297-B.pdus-v11.json'));
    resolveState({ ...v11.context(roomVersion('11')!), trace }, states);
    assert.equal(seen[0]!.algorithm, 'v2.1');
    assert.equal(seen[0]!.conflicted, 4);
    assert.equal(seen[0]!.conflictedSubgraph, 8);
    assert.ok(seen[0]!.fullConflicted >= 8);
    assert.equal(seen[1]!.algorithm, 'v2');
    assert.equal(seen[1]!.conflictedSubgraph, 0);
  });
});
