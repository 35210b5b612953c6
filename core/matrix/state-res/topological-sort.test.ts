// Kahn's algorithm with a heap, and the reverse topological power ordering built on it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { roomVersion } from '../room-versions.ts';
import { EventGraph } from './event-graph.ts';
import { NodeMarks } from './node-marks.ts';
import { reverseTopologicalPowerOrder } from './power-order.ts';
import { EventStore, toEvent } from './testing/fixture-events.ts';
import { RoomBuilder } from './testing/room-builder.ts';
import { lexicographicalTopologicalSort } from './topological-sort.ts';

/** Sorts named nodes; `graph` maps each node to the nodes it points at (its auth events). */
function sortNamed(graph: Record<string, string[]>, less: (a: string, b: string) => boolean): string[] {
  const names = Object.keys(graph);
  const index = new Map(names.map((n, i) => [n, i]));
  const edges = names.map((n) => graph[n]!.map((m) => index.get(m)!));
  return lexicographicalTopologicalSort(names.length, (i) => edges[i]!, (a, b) => less(names[a]!, names[b]!)).map((i) => names[i]!);
}

describe('lexicographicalTopologicalSort', () => {
  test("Synapse's lexicographical case: l→o, m→{n,o}, n→o, p→o sorts o, l, n, m, p", () => {
    const order = sortNamed({ l: ['o'], m: ['n', 'o'], n: ['o'], o: [], p: ['o'] }, (a, b) => a < b);
    assert.deepEqual(order, ['o', 'l', 'n', 'm', 'p']);
  });

  test('a referenced node always comes first, whatever the comparison prefers', () => {
    const order = sortNamed({ a: ['z'], z: ['y'], y: [] }, (a, b) => a < b);
    assert.deepEqual(order, ['y', 'z', 'a']);
  });

  test('a 100,000-long chain sorts without recursion', () => {
    const n = 100_000;
    const order = lexicographicalTopologicalSort(n, (i) => (i === 0 ? [] : [i - 1]), (a, b) => a < b);
    assert.equal(order.length, n);
    assert.equal(order[0], 0);
    assert.equal(order[n - 1], n - 1);
  });
});

describe('reverse topological power ordering', () => {
  test('gomatrixserverlib lexicographical case: (power desc, ts, id) gives h, g, f, e, d, a, b, c', () => {
    // (id, sender power, origin_server_ts): a(0,1) b(0,2) c(0,2) d(25,3) e(50,4) f(50,3) g(75,4) h(100,5);
    // no auth edges between them, so only the comparison decides.
    const rules = roomVersion('10')!;
    const store = new EventStore();
    const specs: [string, number, number][] = [['a', 0, 1], ['b', 0, 2], ['c', 0, 2], ['d', 25, 3], ['e', 50, 4], ['f', 50, 3], ['g', 75, 4], ['h', 100, 5]];
    const users = Object.fromEntries(specs.map(([id, pl]) => [`@${id}:x`, pl]));
    store.add(toEvent({ id: '$pl', room: '!r:x', sender: '@h:x', type: 'm.room.power_levels', key: '', content: { users }, ts: 0, prev: [], auth: [] }));
    for (const [id, , ts] of specs) {
      store.add(toEvent({ id, room: '!r:x', sender: `@${id}:x`, type: 'm.room.topic', key: '', content: {}, ts, prev: [], auth: ['$pl'] }));
    }
    const g = new EventGraph(store.context(rules));
    const x = specs.map(([id]) => g.node(id));
    const slot = new NodeMarks();
    x.forEach((n, i) => slot.set(n, i + 1));
    const order = reverseTopologicalPowerOrder(g, rules, x, slot).map((n) => g.ids[n]);
    assert.deepEqual(order, ['h', 'g', 'f', 'e', 'd', 'a', 'b', 'c']);
  });

  for (const version of ['10', '12']) {
    test(`gomatrixserverlib base graph (room v${version}): CREATE, IMA, IPOWER, IJR, IMB, IMC in auth order`, () => {
      const rules = roomVersion(version)!;
      const room = RoomBuilder.create(rules, '@alice:example.com', '$CREATE');
      room.send('$IMA', '@alice:example.com', 'm.room.member', '@alice:example.com', { membership: 'join' });
      room.send('$IPOWER', '@alice:example.com', 'm.room.power_levels', '', version === '12' ? {} : { users: { '@alice:example.com': 100 } });
      room.send('$IJR', '@alice:example.com', 'm.room.join_rules', '', { join_rule: 'public' });
      room.send('$IMB', '@bob:example.com', 'm.room.member', '@bob:example.com', { membership: 'join' });
      room.send('$IMC', '@charlie:example.com', 'm.room.member', '@charlie:example.com', { membership: 'join' });
      const g = new EventGraph(room.store.context(rules));
      // Offered in reverse so that input order cannot explain the result.
      const x = ['$IMC', '$IMB', '$IJR', '$IPOWER', '$IMA', '$CREATE'].map((id) => g.node(id));
      const slot = new NodeMarks();
      x.forEach((n, i) => slot.set(n, i + 1));
      const order = reverseTopologicalPowerOrder(g, rules, x, slot).map((n) => g.ids[n]);
      // In v12 the create event is in no auth_events: it still sorts first, by the creator's power and its ts.
      assert.deepEqual(order, ['$CREATE', '$IMA', '$IPOWER', '$IJR', '$IMB', '$IMC']);
    });
  }
});
