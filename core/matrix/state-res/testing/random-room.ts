// Test support: a seeded random room whose branches hold about a thousand conflicting, individually valid events.
import type { RoomVersionRules } from '../../room-versions.ts';
import type { StateKey } from '../types.ts';
import { RoomBuilder } from './room-builder.ts';

/** mulberry32: a small seeded PRNG, so a failing run can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RandomRoom {
  room: RoomBuilder;
  /** The states at the leaves of the DAG, to be resolved together. */
  leaves: Map<StateKey, string>[];
}

const ALICE = '@alice:example.com';

/**
 * A public room: alice (admin / v12 creator), `mods` moderators at 50 and `members` users joined in a shared
 * history. Then three branches fork, one of which forks again half-way; each branch sends `perBranch` random
 * state events — joins of new users, renames, leaves, kicks and bans by moderators, promotions and demotions
 * and topics by alice, custom state. Every event is checked against its branch's state with the real auth
 * rules; a draw the rules refuse is dropped, so the DAG is valid by construction.
 */
export function randomRoom(rules: RoomVersionRules, seed: number, opts = { members: 1000, mods: 5, perBranch: 300 }): RandomRoom {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const room = RoomBuilder.create(rules, ALICE, '$create');
  let n = 0;
  const id = (): string => `$e${(n++).toString().padStart(6, '0')}`;
  const send = (b: RoomBuilder, sender: string, type: string, key: string, content: Record<string, unknown>): boolean => {
    try {
      b.send(id(), sender, type, key, content, { checked: true });
      return true;
    } catch {
      return false;
    }
  };
  const mods = Array.from({ length: opts.mods }, (_, i) => `@mod${i}:example.com`);
  const members = Array.from({ length: opts.members }, (_, i) => `@user${i}:example.${i % 7}.org`);
  const levels = (extra: Record<string, number>): Record<string, unknown> => ({
    users: { ...(rules.privilegedCreators ? {} : { [ALICE]: 100 }), ...Object.fromEntries(mods.map((m) => [m, 50])), ...extra },
  });
  send(room, ALICE, 'm.room.member', ALICE, { membership: 'join' });
  send(room, ALICE, 'm.room.power_levels', '', levels({}));
  send(room, ALICE, 'm.room.join_rules', '', { join_rule: 'public' });
  for (const u of [...mods, ...members]) send(room, u, 'm.room.member', u, { membership: 'join' });
  for (let i = 0; i < opts.members / 2; i++) {
    const u = pick(members);
    send(room, u, 'm.room.member', u, { membership: 'join', displayname: `u${i}` });
  }

  const branch = (b: RoomBuilder, tag: string, count: number): void => {
    let joined = 0;
    for (let i = 0; i < count; i++) {
      const r = rnd();
      if (r < 0.35) {
        const u = `@${tag}-${joined++}:example.com`;
        send(b, u, 'm.room.member', u, { membership: 'join' });
      } else if (r < 0.55) {
        const u = pick(members);
        send(b, u, 'm.room.member', u, { membership: 'join', displayname: `${tag}-${i}` });
      } else if (r < 0.6) {
        const u = pick(members);
        send(b, u, 'm.room.member', u, { membership: 'leave' });
      } else if (r < 0.68) {
        send(b, pick(mods), 'm.room.member', pick(members), { membership: rnd() < 0.5 ? 'leave' : 'ban' });
      } else if (r < 0.72) {
        send(b, ALICE, 'm.room.power_levels', '', levels({ [pick(members)]: 50, [pick(members)]: 10 }));
      } else if (r < 0.8) {
        send(b, pick([ALICE, ...mods]), 'm.room.topic', '', { topic: `${tag} ${i}` });
      } else {
        send(b, pick([ALICE, ...mods]), 'org.example.state', `${tag}-${Math.floor(rnd() * 100)}`, { i });
      }
    }
  };
  const a = room.fork();
  const b = room.fork();
  const c = room.fork();
  branch(a, 'a', opts.perBranch);
  branch(b, 'b', opts.perBranch / 2);
  const b2 = b.fork();
  branch(b, 'b', opts.perBranch / 2);
  branch(b2, 'b2', opts.perBranch / 2);
  branch(c, 'c', opts.perBranch);
  return { room, leaves: [a.state, b.state, b2.state, c.state] };
}
