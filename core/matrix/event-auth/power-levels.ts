// Power-level values and lookups (spec: server-server-api §Checks performed on receipt of a PDU, "Definitions";
// rooms/v10 rules 9.1–9.3; rooms/fragments/v1-stringy-power-levels.md for v6–v9).
import type { RoomVersionRules } from '../room-versions.ts';
import type { Event } from '../pdu.ts';
import { AuthRejection } from './result.ts';

/** The integer-valued top-level properties and their defaults when absent ("Definitions"). */
export const LEVEL_DEFAULTS = {
  users_default: 0,
  events_default: 0,
  state_default: 50,
  ban: 50,
  redact: 50,
  kick: 50,
  invite: 0,
} as const;
export type LevelField = keyof typeof LEVEL_DEFAULTS;
export const LEVEL_FIELDS = Object.keys(LEVEL_DEFAULTS) as readonly LevelField[];

/** v1-stringy-power-levels: optional surrounding whitespace, one optional sign, base-10 digits. */
const STRINGY_INTEGER = /^\s*[+-]?[0-9]+\s*$/;

/**
 * A power-level value as an integer, or undefined when this room version does not accept it.
 * v10+ (`integerPowerLevels`): a JSON integer only. v6–v9: a JSON integer or a "stringy" integer.
 * Integers must be within canonical JSON's range (±(2^53−1)); floats cannot occur under strict canonical JSON.
 */
export function parseLevel(rules: RoomVersionRules, v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v + 0 : undefined; // + 0 turns -0 into 0
  if (typeof v !== 'string' || rules.integerPowerLevels || !STRINGY_INTEGER.test(v)) return undefined;
  const n = Number(v); // Number() trims the same whitespace and accepts one sign and leading zeros
  return Number.isSafeInteger(n) ? n + 0 : undefined;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reads the current `m.room.power_levels` event of the state an event is checked against. Lookups use
 * own properties only (a `users` key named `constructor` must not find Object.prototype's). A malformed
 * value throws `AuthRejection`: the event being checked is rejected rather than judged on a guess.
 */
export class PowerLevelsReader {
  readonly #rules: RoomVersionRules;
  readonly #content: Record<string, unknown> | undefined;

  constructor(rules: RoomVersionRules, event: Event | undefined) {
    this.#rules = rules;
    this.#content = event?.pdu.content;
  }

  /** Whether the state holds a power-levels event at all. */
  get exists(): boolean {
    return this.#content !== undefined;
  }

  /** A named level ("invite level", "ban level", …), its default when absent. */
  named(field: LevelField): number {
    const c = this.#content;
    if (c === undefined || !Object.hasOwn(c, field)) return LEVEL_DEFAULTS[field];
    return this.#parse(c[field], field);
  }

  /** The user's explicit entry in `users`, or `users_default` (only meaningful when `exists`). */
  user(userId: string): number {
    const users = this.#map('users');
    if (users !== undefined && Object.hasOwn(users, userId)) return this.#parse(users[userId], `users.${userId}`);
    return this.named('users_default');
  }

  /** The event type's *required power level*: `events[type]`, else `state_default` / `events_default`. */
  eventLevel(type: string, isState: boolean): number {
    const events = this.#map('events');
    if (events !== undefined && Object.hasOwn(events, type)) return this.#parse(events[type], `events.${type}`);
    return this.named(isState ? 'state_default' : 'events_default');
  }

  #map(key: string): Record<string, unknown> | undefined {
    const c = this.#content;
    if (c === undefined || !Object.hasOwn(c, key)) return undefined;
    const m = c[key];
    if (!isPlainObject(m)) throw new AuthRejection(`current m.room.power_levels has a malformed \`${key}\``);
    return m;
  }

  #parse(v: unknown, what: string): number {
    const n = parseLevel(this.#rules, v);
    if (n === undefined) throw new AuthRejection(`current m.room.power_levels has a malformed \`${what}\``);
    return n;
  }
}
