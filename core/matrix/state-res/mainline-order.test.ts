// Mainline ordering (rooms/v2 §Definitions "Mainline ordering").
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { roomVersion } from '../room-versions.ts';
import { EventGraph } from './event-graph.ts';
import { mainlineSort } from './mainline-order.ts';
import { RoomBuilder } from './testing/room-builder.ts';

const ALICE = '@alice:example.com';
const BOB = '@bob:example.com';

/** A public room with PL events $pl0 → $pl1 → $pl2 on the mainline and $side off it (citing $pl0). */
function room() {
  const rules = roomVersion('11')!;
  const r = RoomBuilder.create(rules, ALICE);
  r.send('$join-alice', ALICE, 'm.room.member', ALICE, { membership: 'join' });
  r.send('$pl0', ALICE, 'm.room.power_levels', '', { users: { [ALICE]: 100 } });
  r.send('$jr', ALICE, 'm.room.join_rules', '', { join_rule: 'public' });
  r.send('$join-bob', BOB, 'm.room.member', BOB, { membership: 'join' });
  const side = r.fork();
  r.send('$topic-0', ALICE, 'm.room.topic', '', { topic: 'at pl0' });
  r.send('$pl1', ALICE, 'm.room.power_levels', '', { users: { [ALICE]: 100, [BOB]: 10 } });
  r.send('$topic-1', ALICE, 'm.room.topic', '', { topic: 'at pl1' });
  r.send('$topic-1-early', ALICE, 'm.room.topic', '', { topic: 'at pl1, ts before pl1' }, { ts: 0 });
  r.send('$pl2', ALICE, 'm.room.power_levels', '', { users: { [ALICE]: 100, [BOB]: 20 } });
  r.send('$topic-2a', ALICE, 'm.room.topic', '', { topic: 'at pl2, sent first' }, { ts: 500 });
  r.send('$topic-2b', BOB, 'm.room.topic', '', { topic: 'at pl2, same ts' }, { ts: 500 });
  side.send('$pl-side', ALICE, 'm.room.power_levels', '', { users: { [ALICE]: 100, [BOB]: 99 } });
  side.send('$topic-side', BOB, 'm.room.topic', '', { topic: 'at a PL off the mainline' }, { ts: 1 });
  r.send('$topic-none', ALICE, 'm.room.topic', '', { topic: 'no PL ancestor' }, { auth: [r.state.get('m.room.create\u0000')!, r.state.get('m.room.member\u0000' + ALICE)!], ts: 10_000 });
  return { r, g: new EventGraph(r.store.context(rules)) };
}

describe('mainlineSort', () => {
  test('older mainline position first; no PL ancestor (∞) first of all; then ts, then event id', () => {
    const { g } = room();
    const ids = ['$topic-2b', '$topic-2a', '$topic-1', '$topic-none', '$topic-0'];
    const sorted = mainlineSort(g, ids.map((id) => g.node(id)), g.node('$pl2')).map((n) => g.ids[n]);
    assert.deepEqual(sorted, ['$topic-none', '$topic-0', '$topic-1', '$topic-2a', '$topic-2b']);
  });

  test('an event under an off-mainline PL takes the position of the first mainline PL in its ancestry', () => {
    const { g } = room();
    // $topic-side → $pl-side → $pl0: position of $pl0 (2); its small ts puts it before $topic-0 (also position 2).
    const ids = ['$topic-1', '$topic-0', '$topic-side'];
    const sorted = mainlineSort(g, ids.map((id) => g.node(id)), g.node('$pl2')).map((n) => g.ids[n]);
    assert.deepEqual(sorted, ['$topic-side', '$topic-0', '$topic-1']);
  });

  test('the event itself is not part of its own ancestry (e0 is excluded)', () => {
    const { g } = room();
    // Based on $pl2 the mainline is [$pl2, $pl1, $pl0]. $pl1 lies on it, but its position comes from e1 = $pl0
    // (2), not from itself (1); $topic-1 (e1 = $pl1) has position 1. So $pl1 sorts first even though
    // $topic-1's origin_server_ts is forced below $pl1's.
    const early = g.node('$topic-1-early');
    const sorted = mainlineSort(g, [early, g.node('$pl1')], g.node('$pl2')).map((n) => g.ids[n]);
    assert.deepEqual(sorted, ['$pl1', '$topic-1-early']);
  });

  test('without a PL in the partial state every position is ∞: ts then id decide', () => {
    const { g } = room();
    const ids = ['$topic-2b', '$topic-1', '$topic-side', '$topic-2a'];
    const sorted = mainlineSort(g, ids.map((id) => g.node(id)), -1).map((n) => g.ids[n]);
    assert.deepEqual(sorted, ['$topic-side', '$topic-1', '$topic-2a', '$topic-2b']);
  });
});
