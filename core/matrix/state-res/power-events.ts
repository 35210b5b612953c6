// Power events and the sender power level used to order them (spec: rooms/v2 §Definitions; MSC4289 for v12).
import type { Event } from '../pdu.ts';
import type { RoomVersionRules } from '../room-versions.ts';
import type { EventGraph } from './event-graph.ts';

/** MSC4289: creators rank above any power level; 2^53 is above every integer canonical JSON allows. */
export const CREATOR_POWER_LEVEL = 2 ** 53;

/**
 * "A power event is a state event with type m.room.power_levels or m.room.join_rules, or a state event with
 * type m.room.member where the membership is leave or ban and the sender does not match the state_key."
 * The create event is also treated as a power event, as Synapse (`_is_power_event`) and ruma
 * (`is_power_event`) do: it only matters when the create event is itself conflicted, and keeping it in step 1
 * authorises it before anything that depends on it.
 */
export function isPowerEvent(e: Event): boolean {
  const p = e.pdu;
  if (p.state_key === undefined) return false;
  switch (p.type) {
    case 'm.room.power_levels':
    case 'm.room.join_rules':
    case 'm.room.create':
      return p.state_key === '';
    case 'm.room.member': {
      const m = p.content['membership'];
      return (m === 'leave' || m === 'ban') && p.sender !== p.state_key;
    }
    default:
      return false;
  }
}

export function isPowerLevelsEvent(e: Event): boolean {
  return e.pdu.type === 'm.room.power_levels' && e.pdu.state_key === '';
}

export function isCreateEvent(e: Event): boolean {
  return e.pdu.type === 'm.room.create' && e.pdu.state_key === '';
}

/** The node of n's `m.room.power_levels` auth event, or −1. */
export function powerLevelsAuth(g: EventGraph, n: number): number {
  const auth = g.auth(n);
  for (let i = 0; i < auth.length; i++) if (isPowerLevelsEvent(g.event(auth[i]!))) return auth[i]!;
  return -1;
}

/**
 * The room's create event as seen from event n: in v12 it is named by the room id ('!' + reference hash →
 * '$' + the same hash) and absent from auth_events; before v12 it is one of n's auth_events.
 */
export function createFor(g: EventGraph, rules: RoomVersionRules, n: number): Event | undefined {
  const e = g.event(n);
  if (isCreateEvent(e)) return e;
  if (rules.roomIdFromCreateEvent) {
    const roomId = e.pdu.room_id;
    if (typeof roomId !== 'string' || !roomId.startsWith('!')) return undefined;
    const c = g.node('$' + roomId.slice(1));
    return c < 0 ? undefined : g.event(c);
  }
  const auth = g.auth(n);
  for (let i = 0; i < auth.length; i++) if (isCreateEvent(g.event(auth[i]!))) return g.event(auth[i]!);
  return undefined;
}

/** Whether `user` is a creator: the create sender or (v12) one of `additional_creators`. */
export function isCreator(create: Event, user: string): boolean {
  if (create.pdu.sender === user) return true;
  const more = create.pdu.content['additional_creators'];
  return Array.isArray(more) && more.includes(user);
}

/**
 * The sender's power level "when looking at their respective auth_events" (reverse topological power ordering,
 * comparison 1): the `users` entry (else `users_default`, else 0) of the PL event among the event's auth events.
 * v12: creators get CREATOR_POWER_LEVEL. Without a PL auth event, the creator has 100 (before v12: `creator` in
 * the create content up to v10, the create sender from v11) and everyone else 0.
 */
export function senderPowerLevel(g: EventGraph, rules: RoomVersionRules, n: number): number {
  const e = g.event(n);
  const sender = e.pdu.sender;
  const create = rules.privilegedCreators || powerLevelsAuth(g, n) < 0 ? createFor(g, rules, n) : undefined;
  if (rules.privilegedCreators && create !== undefined && isCreator(create, sender)) return CREATOR_POWER_LEVEL;
  const pl = powerLevelsAuth(g, n);
  if (pl < 0) {
    if (create === undefined || rules.privilegedCreators) return 0;
    const creator = rules.createNeedsCreator ? create.pdu.content['creator'] : create.pdu.sender;
    return creator === sender ? 100 : 0;
  }
  const content = g.event(pl).pdu.content;
  const users = content['users'];
  const own = users !== null && typeof users === 'object' ? (users as Record<string, unknown>)[sender] : undefined;
  return powerInt(own) ?? powerInt(content['users_default']) ?? 0;
}

/**
 * A power level value as an integer, or undefined if it is not one. Room versions 6–9 still accept "stringy"
 * integers (spec: rooms/fragments/v1-stringy-power-levels.md: optional whitespace, one sign, decimal digits).
 */
function powerInt(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : undefined;
  if (typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v)) return Number.parseInt(v.trim(), 10);
  return undefined;
}
